import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { FormModal } from '@/components/form-modal';
import type { DealCreditsChange } from '../api/credits';
import type { Consultant } from '../api/rewards';
import { useCommissionT } from '../i18n';
import { creditsBody, type CreditRow, type CreditsFormValues } from '../lib/credits-body';
import { isShare, sharesComplete, sharesTotal } from '../lib/shares';

/**
 * Proposing new credits for a deal: rows of consultant and share, with the running total under them;
 * it must be exactly 100 and a consultant may appear once. The server's 422 lands on the row it names.
 */
export function CreditsFormModal({
  initial,
  consultants,
  consultantsLoading,
  onSubmit,
  onCancel,
}: {
  initial: readonly CreditRow[];
  consultants: readonly Consultant[];
  consultantsLoading?: boolean;
  onSubmit: (body: DealCreditsChange) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useCommissionT();
  const [form] = Form.useForm<CreditsFormValues>();
  const rows = (Form.useWatch('credits', form) as CreditRow[] | undefined) ?? [];
  const total = sharesTotal(rows);
  const shareRule: Rule = {
    validator: (_, value: string | undefined) =>
      !value?.trim() || isShare(value) ? Promise.resolve() : Promise.reject(new Error(t('credits.shareInvalid'))),
  };
  const listRule = {
    validator: async (_: unknown, value: CreditRow[] | undefined) => {
      const list = value ?? [];
      const ids = list.map((row) => row.consultant_id).filter(Boolean);
      if (new Set(ids).size !== ids.length) throw new Error(t('credits.duplicate'));
      if (!sharesComplete(list)) throw new Error(t('credits.totalMustBe100', { total: sharesTotal(list) }));
    },
  };
  const options = consultants.map((c) => ({ value: c.userId, label: c.name }));

  return (
    <FormModal<CreditsFormValues>
      title={t('credits.formTitle')}
      form={form}
      okText={t('credits.submit')}
      initialValues={{ credits: initial.length > 0 ? [...initial] : [{ share: '100' }] }}
      errorMapping={{ fields: ['credits', 'comment'], lists: ['credits'] }}
      onCancel={onCancel}
      onSubmit={(values) => onSubmit(creditsBody(values))}
    >
      <Typography.Paragraph type="secondary">{t('credits.formHint')}</Typography.Paragraph>
      <Form.List name="credits" rules={[listRule]}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="start" data-testid="credit-row">
                <Form.Item
                  name={[field.name, 'consultant_id']}
                  rules={[{ required: true, message: t('credits.required') }]}
                  style={{ flex: '1 1 160px', marginBottom: 8, minWidth: 0 }}
                >
                  <Select
                    showSearch
                    optionFilterProp="label"
                    loading={consultantsLoading}
                    options={options}
                    placeholder={t('credits.consultant')}
                    aria-label={`${t('credits.consultant')} ${index + 1}`}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'share']}
                  rules={[{ required: true, whitespace: true, message: t('credits.required') }, shareRule]}
                  style={{ flex: '0 0 96px', marginBottom: 8 }}
                >
                  <Input inputMode="decimal" suffix="%" aria-label={`${t('credits.share')} ${index + 1}`} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={`${t('credits.remove')} ${index + 1}`}
                  disabled={fields.length <= 1}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ share: '' })} disabled={fields.length >= 10}>
                {t('credits.addRow')}
              </Button>
              <Typography.Text type={sharesComplete(rows) ? 'success' : 'warning'} strong data-testid="credits-total">
                {t('credits.total', { total })}
              </Typography.Text>
            </Flex>
          </>
        )}
      </Form.List>
      <Form.Item name="comment" label={t('credits.comment')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
