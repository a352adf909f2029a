import { Card, Empty, Progress, Skeleton, Space, Typography } from 'antd';
import { QueryError } from '@/components/query-error';
import { useReferralMonth } from '../api/get-referral-month';
import { useCustomersT } from '../i18n';

/** Credited broker referrals per consultant this month, against the target (4). */
export function ReferralMonthCard({ projectId, month }: { projectId: string; month: string }) {
  const { t } = useCustomersT();
  const data = useReferralMonth(projectId, month);
  return (
    <Card size="small" title={`${t('brokers.month')} · ${month}`} data-testid="referral-month">
      {data.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : data.isError ? (
        <QueryError error={data.error} onRetry={() => void data.refetch()} />
      ) : data.data.consultants.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('brokers.monthHelp', { target: data.data.target })}</Typography.Text>
          {data.data.consultants.map((row) => (
            <div key={row.consultant.id}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <Typography.Text>{row.consultant.full_name}</Typography.Text>
                <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {row.credited} / {row.target}
                </Typography.Text>
              </Space>
              <Progress
                percent={Math.min(100, Math.round((row.credited / Math.max(1, row.target)) * 100))}
                showInfo={false}
                status={row.credited >= row.target ? 'success' : 'normal'}
                size="small"
              />
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
