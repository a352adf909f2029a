import { Card, Empty, List, Skeleton, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { QueryError } from '@/components/query-error';
import { useCustomerDeals } from '../api/get-customer-deals';
import { useDealsT } from '../i18n';
import { DealStatusTag } from './deal-status-tag';
import { MoneyText } from './money-text';

/** The deals a customer is a buyer on, for their detail page: unit, status, price, each opening the deal. */
export function CustomerDealsCard({ projectId, customerId }: { projectId: string; customerId: string }) {
  const { t } = useDealsT();
  const deals = useCustomerDeals(projectId, customerId);
  let body;
  if (deals.isPending) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (deals.isError) body = <QueryError error={deals.error} onRetry={() => void deals.refetch()} />;
  else if (deals.data.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerDeals.empty')} />;
  else {
    body = (
      <List
        size="small"
        dataSource={deals.data}
        rowKey="id"
        renderItem={(deal) => (
          <List.Item data-testid="customer-deal" extra={<MoneyText value={deal.final_price} strong />}>
            <Space size={8} wrap>
              <Link to={`/deals/${deal.id}`} data-testid="customer-deal-link">
                {deal.unit_code}
              </Link>
              <DealStatusTag status={deal.status} />
              <Typography.Text type="secondary">{t('customerDeals.subscribedOn', { date: deal.subscribed_on })}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Card title={t('customerDeals.title')} size="small" data-testid="customer-deals">
      {body}
    </Card>
  );
}
