import { Form, Input, Radio, Select } from 'antd';
import { FormModal } from '@/components/form-modal';
import type { RewardPenalty, RewardPenaltyCreate } from '../api/rewards';
import type { Consultant } from '../api/rewards';
import { useCommissionT } from '../i18n';
import { CATEGORIES, PENALTY_CATEGORIES, rewardBody, typedAmount, type RewardFormValues } from '../lib/reward-body';
import { MonthPicker } from './month-picker';

const FIELDS = ['consultant_id', 'month', 'amount', 'category', 'reason'] as const;

/**
 * Proposing a reward or a penalty: the amount is typed without a sign and the toggle says which it is
 * (a penalty category turns the toggle to penalty). `onSubmit` gets the API's body, the amount signed.
 */
export function RewardFormModal({
  consultants,
  consultantsLoading,
  month,
  onSubmit,
  onClose,
}: {
  consultants: readonly Consultant[];
  consultantsLoading?: boolean;
  month: string;
  onSubmit: (body: RewardPenaltyCreate) => Promise<RewardPenalty | unknown>;
  onClose: () => void;
}) {
  const { t } = useCommissionT();
  const [form] = Form.useForm<RewardFormValues>();
  const side = Form.useWatch('side', form) ?? 'reward';
  const required = { required: true, message: t('rewards.required') };

  return (
    <FormModal<RewardFormValues>
      title={t('rewards.propose')}
      form={form}
      initialValues={{ month, side: 'reward', amount: '', reason: '' }}
      onSubmit={async (values) => {
        await onSubmit(rewardBody(values));
        onClose();
      }}
      onCancel={onClose}
      errorMapping={{ fields: FIELDS }}
      okText={t('rewards.propose')}
    >
      <Form.Item name="consultant_id" label={t('rewards.consultant')} rules={[required]}>
        <Select
          showSearch
          loading={consultantsLoading}
          optionFilterProp="label"
          options={consultants.map((c) => ({ value: c.userId, label: c.name }))}
        />
      </Form.Item>
      <Form.Item name="month" label={t('rewards.month')} rules={[required]}>
        <MonthPicker />
      </Form.Item>
      <Form.Item name="category" label={t('rewards.category')} rules={[required]}>
        <Select
          options={CATEGORIES.map((value) => ({ value, label: t(`categories.${value}`) }))}
          onChange={(category: RewardFormValues['category']) =>
            form.setFieldValue('side', PENALTY_CATEGORIES.has(category) ? 'penalty' : 'reward')
          }
        />
      </Form.Item>
      <Form.Item name="side" label={t('rewards.side')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'reward', label: t('sides.reward') },
            { value: 'penalty', label: t('sides.penalty') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('rewards.amount')}
        extra={t('rewards.amountHint')}
        rules={[
          required,
          {
            validator: (_, value: string | undefined) =>
              typedAmount(value) === null ? Promise.reject(new Error(t('rewards.amountInvalid'))) : Promise.resolve(),
          },
        ]}
      >
        <Input inputMode="decimal" prefix={side === 'penalty' ? '−¥' : '¥'} autoComplete="off" />
      </Form.Item>
      <Form.Item name="reason" label={t('rewards.reason')} rules={[required, { max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
