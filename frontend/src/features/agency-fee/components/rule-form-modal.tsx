import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { FormModal } from '@/components/form-modal';
import { isMoney } from '@/lib/money';
import type { AgencyFeeRuleCreate } from '../api/rules';
import { useAgencyFeeT } from '../i18n';
import {
  BASES,
  CONDITIONS,
  defaultRuleValues,
  isDecimal,
  nextTier,
  ruleBody,
  stagesTotal,
  UNIT_KINDS,
  type RuleFormValues,
  type StageRow,
  type TierRow,
} from '../lib/rule-body';

// The body's fields as the API names them in a 422; the lists take errors on their rows' inputs.
const FIELDS = ['effective_from', 'base', 'rate', 'tiers', 'premium_share', 'fixed_amounts', 'stages', 'note'];
const LISTS = ['tiers', 'stages', 'fixed_amounts'];
const STAGE_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Proposing a rule version: flat rate or tiers (rows added and removed, each starting where the last
 * ended), an optional premium share, fixed amounts per unit kind and the stages it is earned in. The
 * server checks gaps, overlaps and the stages' total; its 422 lands on the row input it names.
 */
export function RuleFormModal({
  onSubmit,
  onCancel,
}: {
  onSubmit: (body: AgencyFeeRuleCreate) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useAgencyFeeT();
  const [form] = Form.useForm<RuleFormValues>();
  const mode = Form.useWatch('mode', form) ?? 'flat';
  const stages = (Form.useWatch('stages', form) as StageRow[] | undefined) ?? [];
  const required = { required: true, whitespace: true, message: t('form.required') };
  const decimalRule: Rule = {
    validator: (_, value: string | undefined) =>
      !value?.trim() || isDecimal(value) ? Promise.resolve() : Promise.reject(new Error(t('form.number'))),
  };
  const rateRule: Rule = {
    validator: (_, value: string | undefined) =>
      !value?.trim() || !isDecimal(value) || Number(value) <= 10 ? Promise.resolve() : Promise.reject(new Error(t('form.rateRange'))),
  };

  return (
    <FormModal<RuleFormValues>
      title={t('form.title')}
      form={form}
      okText={t('form.submit')}
      initialValues={defaultRuleValues()}
      errorMapping={{ fields: FIELDS, lists: LISTS }}
      onCancel={onCancel}
      onSubmit={(values) => onSubmit(ruleBody(values))}
    >
      <Flex wrap gap={12}>
        <Form.Item
          name="effective_from"
          label={t('form.effectiveFrom')}
          extra={t('form.effectiveFromHint')}
          rules={[{ required: true, message: t('form.required') }]}
          style={{ flex: '1 1 200px' }}
        >
          <DatePicker style={{ width: '100%' }} data-testid="rule-effective-from" />
        </Form.Item>
        <Form.Item name="base" label={t('form.base')} style={{ flex: '1 1 200px' }}>
          <Radio.Group optionType="button" options={BASES.map((value) => ({ value, label: t(`bases.${value}`) }))} />
        </Form.Item>
      </Flex>
      <Form.Item name="mode" label={t('form.mode')}>
        <Radio.Group
          optionType="button"
          data-testid="rule-mode"
          options={[
            { value: 'flat', label: t('rules.flat') },
            { value: 'tiered', label: t('rules.tiered') },
          ]}
        />
      </Form.Item>
      {mode === 'flat' ? (
        <Form.Item name="rate" label={t('form.rate')} extra={t('form.rateHint')} rules={[required, decimalRule, rateRule]}>
          <Input inputMode="decimal" suffix="%" style={{ maxWidth: 200 }} data-testid="rule-rate-input" />
        </Form.Item>
      ) : (
        <Form.List name="tiers">
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t('form.tiers')} required>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="start" wrap data-testid="tier-row">
                  <Form.Item
                    name={[field.name, 'from_percent']}
                    rules={[required, decimalRule]}
                    style={{ flex: '1 1 90px', marginBottom: 8 }}
                  >
                    <Input inputMode="decimal" prefix={t('form.tierFromShort')} suffix="%" aria-label={`${t('form.tierFrom')} ${index + 1}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'to_percent']} rules={[decimalRule]} style={{ flex: '1 1 90px', marginBottom: 8 }}>
                    <Input
                      inputMode="decimal"
                      prefix={t('form.tierToShort')}
                      suffix="%"
                      placeholder="∞"
                      aria-label={`${t('form.tierTo')} ${index + 1}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'rate']}
                    rules={[required, decimalRule, rateRule]}
                    style={{ flex: '1 1 90px', marginBottom: 8 }}
                  >
                    <Input inputMode="decimal" suffix="%" aria-label={`${t('form.tierRate')} ${index + 1}`} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('form.remove')}
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add(nextTier((form.getFieldValue('tiers') as TierRow[] | undefined) ?? []))}
                disabled={fields.length >= 10}
                data-testid="add-tier"
              >
                {t('form.addTier')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      )}
      <Form.Item name="premium_share" label={t('form.premiumShare')} extra={t('form.premiumShareHint')} rules={[decimalRule]}>
        <Input inputMode="decimal" suffix="%" style={{ maxWidth: 200 }} />
      </Form.Item>
      <Form.List name="fixed_amounts">
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('form.fixedAmounts')}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="start" wrap data-testid="fixed-row">
                <Form.Item
                  name={[field.name, 'kind']}
                  rules={[{ required: true, message: t('form.required') }]}
                  style={{ flex: '1 1 140px', marginBottom: 8 }}
                >
                  <Select
                    aria-label={t('form.unitKind')}
                    placeholder={t('form.unitKind')}
                    options={UNIT_KINDS.map((value) => ({ value, label: t(`unitKinds.${value}`) }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'amount']}
                  rules={[
                    required,
                    {
                      validator: (_, value: string | undefined) =>
                        !value?.trim() || isMoney(value) ? Promise.resolve() : Promise.reject(new Error(t('form.amountInvalid'))),
                    },
                  ]}
                  style={{ flex: '1 1 140px', marginBottom: 8 }}
                >
                  <Input inputMode="decimal" prefix="¥" aria-label={t('form.amount')} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} aria-label={t('form.remove')} onClick={() => remove(field.name)} />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'parking', amount: '' })} disabled={fields.length >= UNIT_KINDS.length}>
              {t('form.addFixed')}
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.List name="stages">
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('form.stages')} required>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="start" wrap data-testid="stage-row">
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[
                    required,
                    {
                      validator: (_, value: string | undefined) =>
                        !value?.trim() || STAGE_NAME.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('form.stageNamePattern'))),
                    },
                  ]}
                  style={{ flex: '1 1 130px', marginBottom: 8 }}
                >
                  <Input placeholder={t('form.stageName')} aria-label={`${t('form.stageName')} ${index + 1}`} maxLength={32} />
                </Form.Item>
                <Form.Item name={[field.name, 'share']} rules={[required, decimalRule]} style={{ flex: '0 1 100px', marginBottom: 8 }}>
                  <Input inputMode="decimal" suffix="%" aria-label={`${t('form.stageShare')} ${index + 1}`} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'condition']}
                  rules={[{ required: true, message: t('form.required') }]}
                  style={{ flex: '1 1 180px', marginBottom: 8 }}
                >
                  <Select
                    aria-label={`${t('form.stageCondition')} ${index + 1}`}
                    options={CONDITIONS.map((value) => ({ value, label: t(`conditions.${value}`) }))}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('form.remove')}
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
                {t('form.addStage')}
              </Button>
              <Typography.Text type={stagesTotal(stages) === '100' ? 'secondary' : 'warning'} data-testid="stages-total">
                {t('form.stagesTotal', { total: stagesTotal(stages) })}
              </Typography.Text>
            </Flex>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="note" label={t('form.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
