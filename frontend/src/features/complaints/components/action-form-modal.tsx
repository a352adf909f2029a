import { Form, Input, Radio, Rate } from 'antd';
import { FormModal } from '@/components/form-modal';
import { isMoney } from '@/lib/money';
import type { ComplaintActionRequest } from '../api/complaint-mutations';
import type { Complaint } from '../api/get-complaints';
import { useComplaintsT } from '../i18n';
import { actionBody, type ActionValues as Values, type FormAction } from '../lib/action-body';
import { isMoneyRemedy, REMEDIES } from '../lib/deadline';

export type { FormAction } from '../lib/action-body';

const FIELDS = ['comment', 'resolution', 'remedy', 'remedy_amount', 'satisfaction', 'satisfaction_comment'];
const TITLES = {
  comment: 'forms.commentTitle',
  acknowledge: 'forms.acknowledgeTitle',
  start: 'forms.startTitle',
  resolve: 'forms.resolveTitle',
  escalate: 'forms.escalateTitle',
  close: 'forms.closeTitle',
  reopen: 'forms.reopenTitle',
} as const;

/**
 * The small form each action needs: a reason to escalate or reopen, the resolution and remedy (and
 * the amount of a money remedy) to resolve, the customer's satisfaction to close. `onSubmit` sends it;
 * a 422 lands on the field it names, anything else above the form.
 */
export function ActionFormModal({
  type,
  complaint,
  onSubmit,
  onCancel,
}: {
  type: FormAction;
  complaint: Pick<Complaint, 'source' | 'satisfaction'>;
  onSubmit: (body: ComplaintActionRequest) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useComplaintsT();
  const [form] = Form.useForm<Values>();
  const remedy = Form.useWatch('remedy', form);
  const required = { required: true, whitespace: true, message: t('forms.required') };
  // A customer's complaint closes with their satisfaction, unless they rated it through their link.
  const needsRating = complaint.source === 'customer' && complaint.satisfaction === null;

  return (
    <FormModal<Values>
      title={t(TITLES[type])}
      form={form}
      okText={t(`actions.${type}`)}
      errorMapping={{ fields: FIELDS }}
      onCancel={onCancel}
      onSubmit={(values) => onSubmit(actionBody(type, values))}
    >
      {type === 'resolve' && (
        <>
          <Form.Item name="resolution" label={t('fields.resolution')} rules={[required]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="resolution-input" />
          </Form.Item>
          <Form.Item name="remedy" label={t('fields.remedy')} rules={[{ required: true, message: t('forms.required') }]}>
            <Radio.Group
              optionType="button"
              options={REMEDIES.map((value) => ({ value, label: t(`remedies.${value}`) }))}
              style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
            />
          </Form.Item>
          {isMoneyRemedy(remedy) && (
            <Form.Item
              name="remedy_amount"
              label={t('fields.remedyAmount')}
              rules={[
                { required: true, whitespace: true, message: t('forms.amountRequired') },
                {
                  validator: (_, value: string | undefined) =>
                    !value?.trim() || isMoney(value) ? Promise.resolve() : Promise.reject(new Error(t('forms.amountInvalid'))),
                },
              ]}
            >
              <Input inputMode="decimal" prefix="¥" data-testid="remedy-amount-input" />
            </Form.Item>
          )}
        </>
      )}
      {type === 'close' && (
        <>
          <Form.Item
            name="satisfaction"
            label={t('fields.satisfaction')}
            extra={t('forms.satisfactionHint')}
            rules={needsRating ? [{ required: true, message: t('forms.satisfactionRequired') }] : []}
          >
            <Rate />
          </Form.Item>
          <Form.Item name="satisfaction_comment" label={t('fields.satisfactionComment')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
      {type !== 'close' && (
        <Form.Item
          name="comment"
          label={type === 'escalate' || type === 'reopen' ? t('fields.reason') : t('fields.comment')}
          rules={type === 'escalate' || type === 'reopen' || type === 'comment' ? [required] : []}
        >
          <Input.TextArea rows={type === 'resolve' ? 2 : 3} maxLength={2000} data-testid="action-comment-input" />
        </Form.Item>
      )}
    </FormModal>
  );
}
