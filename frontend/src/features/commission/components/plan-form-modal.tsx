import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { FormModal } from '@/components/form-modal';
import { isMoney } from '@/lib/money';
import { useCommissionT } from '../i18n';
import {
  CONDITIONS,
  defaultPlanValues,
  GRADES,
  isRate,
  planBody,
  UNIT_KINDS,
  type CommissionPlanCreate,
  type PlanFormValues,
  type PlanStageRow,
} from '../lib/plan-body';
import { isShare, sharesComplete, sharesTotal } from '../lib/shares';

// The body's fields as the API names them in a 422: rates and fixed amounts are objects of inputs,
// stages a list of rows, so `rates.mid` or `stages.1.share` lands on that input.
const FIELDS = ['effective_from', 'rates', 'fixed_amounts', 'supervisor_override', 'stages', 'note'];
const GROUPS = ['rates', 'fixed_amounts'];
const LISTS = ['stages'];

/**
 * Proposing a plan version: a rate per grade, optional fixed amounts per unit kind and the
 * supervisors' override, and payout stages whose running total shows under them (it must be 100).
 * The server's 422 lands on the input it names.
 */
export function PlanFormModal({
  onSubmit,
  onCancel,
}: {
  onSubmit: (body: CommissionPlanCreate) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useCommissionT();
  const [form] = Form.useForm<PlanFormValues>();
  const stages = (Form.useWatch('stages', form) as PlanStageRow[] | undefined) ?? [];
  const required = { required: true, whitespace: true, message: t('planForm.required') };
  const rateRule: Rule = {
    validator: (_, value: string | undefined) =>
      !value?.trim() || isRate(value) ? Promise.resolve() : Promise.reject(new Error(t('planForm.rateInvalid'))),
  };
  const moneyRule: Rule = {
    validator: (_, value: string | undefined) =>
      !value?.trim() || isMoney(value) ? Promise.resolve() : Promise.reject(new Error(t('planForm.amountInvalid'))),
  };
  const shareRule: Rule = {
    validator: (_, value: string | undefined) =>
      !value?.trim() || isShare(value) ? Promise.resolve() : Promise.reject(new Error(t('planForm.shareInvalid'))),
  };
  const total = sharesTotal(stages);

  return (
    <FormModal<PlanFormValues>
      title={t('planForm.title')}
      form={form}
      okText={t('planForm.submit')}
      initialValues={defaultPlanValues({ contracted: t('planForm.stageContracted'), paid: t('planForm.stagePaid') })}
      errorMapping={{ fields: FIELDS, groups: GROUPS, lists: LISTS }}
      onCancel={onCancel}
      onSubmit={(values) => onSubmit(planBody(values))}
    >
      <Form.Item
        name="effective_from"
        label={t('planForm.effectiveFrom')}
        extra={t('planForm.effectiveFromHint')}
        rules={[{ required: true, message: t('planForm.required') }]}
      >
        <DatePicker style={{ width: '100%', maxWidth: 240 }} data-testid="plan-effective-from" />
      </Form.Item>
      <Form.Item label={t('planForm.rates')} extra={t('planForm.ratesHint')} required style={{ marginBottom: 8 }}>
        <Flex wrap gap={8}>
          {GRADES.map((grade) => (
            <Form.Item key={grade} name={['rates', grade]} rules={[required, rateRule]} style={{ flex: '1 1 120px', marginBottom: 8 }}>
              <Input inputMode="decimal" prefix={t(`grades.${grade}`)} suffix="%" aria-label={t(`grades.${grade}`)} data-testid={`plan-rate-${grade}`} />
            </Form.Item>
          ))}
        </Flex>
      </Form.Item>
      <Form.Item label={t('planForm.fixed')} style={{ marginBottom: 8 }}>
        <Flex wrap gap={8}>
          {UNIT_KINDS.map((kind) => (
            <Form.Item key={kind} name={['fixed_amounts', kind]} rules={[moneyRule]} style={{ flex: '1 1 120px', marginBottom: 8 }}>
              <Input inputMode="decimal" prefix={t(`unitKinds.${kind}`)} suffix="¥" aria-label={t(`unitKinds.${kind}`)} data-testid={`plan-fixed-${kind}`} />
            </Form.Item>
          ))}
        </Flex>
      </Form.Item>
      <Form.Item name="supervisor_override" label={t('planForm.override')} extra={t('planForm.overrideHint')} rules={[rateRule]}>
        <Input inputMode="decimal" suffix="%" style={{ maxWidth: 200 }} data-testid="plan-override" />
      </Form.Item>
      <Form.List name="stages">
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('planForm.stages')} required>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="start" wrap data-testid="plan-stage-row">
                <Form.Item name={[field.name, 'name']} rules={[required]} style={{ flex: '1 1 110px', marginBottom: 8 }}>
                  <Input placeholder={t('planForm.stageName')} aria-label={`${t('planForm.stageName')} ${index + 1}`} maxLength={32} />
                </Form.Item>
                <Form.Item name={[field.name, 'share']} rules={[required, shareRule]} style={{ flex: '0 1 100px', marginBottom: 8 }}>
                  <Input inputMode="decimal" suffix="%" aria-label={`${t('planForm.stageShare')} ${index + 1}`} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'condition']}
                  rules={[{ required: true, message: t('planForm.required') }]}
                  style={{ flex: '1 1 170px', marginBottom: 8 }}
                >
                  <Select
                    aria-label={`${t('planForm.stageCondition')} ${index + 1}`}
                    options={CONDITIONS.map((value) => ({ value, label: t(`conditions.${value}`) }))}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={`${t('planForm.remove')} ${index + 1}`}
                  disabled={fields.length <= 1}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', share: '', condition: 'handed_over' })}
                disabled={fields.length >= 6}
              >
                {t('planForm.addStage')}
              </Button>
              <Typography.Text type={sharesComplete(stages) ? 'secondary' : 'warning'} data-testid="plan-stages-total">
                {t('planForm.stagesTotal', { total })}
              </Typography.Text>
            </Flex>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="note" label={t('planForm.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
