import { Descriptions, Typography } from 'antd';
import { formatSummaryValue, summaryEntries } from '../lib/summary';
import { useApprovalsT } from '../i18n';

export function ApprovalSummary({ summary }: { summary: Record<string, unknown> }) {
  const { t } = useApprovalsT();
  const known = t as (key: string) => string;
  const entries = summaryEntries(summary);
  if (entries.length === 0) return null;
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
      {entries.map(([key, value]) => {
        const label = known(`fields.${key}`);
        return (
          <Descriptions.Item key={key} label={label === `fields.${key}` ? key.replace(/_/g, ' ') : label}>
            <Typography.Text>{formatSummaryValue(value, t('yes'), t('no'))}</Typography.Text>
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}
