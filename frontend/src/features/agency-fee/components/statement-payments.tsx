import { Card, Empty, List, Skeleton, Typography } from 'antd';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import { useStatementPayments } from '../api/payments';
import type { AgencyFeeStatement } from '../api/statements';
import { useAgencyFeeT } from '../i18n';
import { FeeMoney } from './fee-money';

/** The payments received against an invoiced or paid statement: when, how much, reference, who recorded it. */
export function StatementPayments({ statement }: { statement: Pick<AgencyFeeStatement, 'id' | 'status'> }) {
  const { t } = useAgencyFeeT();
  // Payments are recorded only once a statement is invoiced.
  const shown = statement.status === 'invoiced' || statement.status === 'paid';
  const payments = useStatementPayments(statement.id, shown);
  if (!shown) return null;
  let body;
  if (payments.isPending) body = <Skeleton active paragraph={{ rows: 1 }} />;
  else if (payments.isError) body = <QueryError error={payments.error} onRetry={() => void payments.refetch()} />;
  else if (payments.data.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('payments.empty')} />;
  else {
    body = (
      <List
        size="small"
        dataSource={payments.data}
        rowKey="id"
        renderItem={(payment) => (
          <List.Item data-testid="payment-row" extra={<FeeMoney value={payment.amount} strong testId="payment-amount" />}>
            <List.Item.Meta
              title={
                <>
                  {t('payments.receivedOn', { date: payment.received_on })}
                  {payment.reference && <Typography.Text type="secondary"> · {payment.reference}</Typography.Text>}
                </>
              }
              description={
                <span data-testid="payment-recorded-by">
                  {t('payments.recordedBy', { name: payment.recorded_by_name ?? '—', at: formatDateTime(payment.recorded_at) })}
                </span>
              }
            />
          </List.Item>
        )}
      />
    );
  }
  return (
    <Card size="small" title={t('payments.title')} style={{ marginBottom: 16 }} data-testid="statement-payments">
      {body}
    </Card>
  );
}
