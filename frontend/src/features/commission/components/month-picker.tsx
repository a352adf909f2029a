import { DatePicker } from 'antd';
import { MONTH, monthValue, thisMonth } from '../lib/month';
import { useCommissionT } from '../i18n';

/** One month (YYYY-MM); never empty. Inside a `Form.Item` the form gives value and onChange. */
export function MonthPicker({ value, onChange }: { value?: string; onChange?: (month: string) => void }) {
  const { t } = useCommissionT();
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={monthValue(value ?? thisMonth())}
      format={MONTH}
      aria-label={t('month.label')}
      onChange={(date) => {
        if (date) onChange?.(date.format(MONTH));
      }}
      data-testid="month-picker"
      style={{ width: 140 }}
    />
  );
}
