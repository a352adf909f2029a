import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '@/components/form-modal';
import type { StatementCreate } from '../api/statements';
import { useAgencyFeeT } from '../i18n';
import { isDecimal } from '../lib/rule-body';

interface Values {
  period?: [Dayjs, Dayjs];
  achievement_percent?: string;
}

const DAY = 'YYYY-MM-DD';

/** The statement of a period: its dates and, for a tiered rule, the period's target achievement. */
export function GenerateStatementModal({
  onSubmit,
  onCancel,
}: {
  onSubmit: (body: StatementCreate) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useAgencyFeeT();
  const [form] = Form.useForm<Values>();
  // Last month by default: statements are usually monthly.
  const lastMonth = dayjs().subtract(1, 'month');
  return (
    <FormModal<Values>
      title={t('generate.title')}
      form={form}
      okText={t('generate.submit')}
      initialValues={{ period: [lastMonth.startOf('month'), lastMonth.endOf('month')] }}
      // The API names either end of the period; both belong to the one range picker.
      errorMapping={{ fields: ['period', 'achievement_percent'], aliases: { period_start: 'period', period_end: 'period' } }}
      onCancel={onCancel}
      onSubmit={(values) => {
        const [start, end] = values.period ?? [];
        const achievement = values.achievement_percent?.trim();
        return onSubmit({
          period_start: start?.format(DAY) ?? '',
          period_end: end?.format(DAY) ?? '',
          achievement_percent: achievement ? achievement : null,
        });
      }}
    >
      <Form.Item name="period" label={t('generate.period')} rules={[{ required: true, message: t('forms.required') }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} allowClear={false} data-testid="generate-period" />
      </Form.Item>
      <Form.Item
        name="achievement_percent"
        label={t('generate.achievement')}
        extra={t('generate.achievementHint')}
        rules={[
          {
            validator: (_, value: string | undefined) =>
              !value?.trim() || isDecimal(value) ? Promise.resolve() : Promise.reject(new Error(t('form.number'))),
          },
        ]}
      >
        <Input inputMode="decimal" suffix="%" style={{ maxWidth: 200 }} data-testid="generate-achievement" />
      </Form.Item>
    </FormModal>
  );
}
