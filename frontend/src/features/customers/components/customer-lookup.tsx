import { Button, Empty, List, Space, Tag, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getCustomersQueryOptions, type Customer } from '../api/get-customers';
import { useCustomersT } from '../i18n';
import { StageTag } from './customer-tags';
import { PhoneText } from './customers-table';
import { phoneDigits } from './options';

/** The customers the caller may see whose phone contains the typed digits, each with "choose". */
export function CustomerLookup({
  projectId,
  phone,
  onPick,
  pickText,
}: {
  projectId: string;
  phone: string;
  onPick: (customer: Customer) => void;
  pickText: string;
}) {
  const { t } = useCustomersT();
  const digits = phoneDigits(phone);
  const found = useInfiniteQuery({
    ...getCustomersQueryOptions(projectId, { q: digits ?? '', view: 'all' }),
    enabled: digits !== null,
  });
  if (digits === null) return null;
  const rows = found.data ?? [];
  return (
    <List
      size="small"
      bordered
      loading={found.isFetching}
      dataSource={rows.slice(0, 5)}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lookup.none')} /> }}
      renderItem={(customer) => (
        <List.Item
          actions={[
            <Button key="pick" type="primary" ghost size="small" onClick={() => onPick(customer)}>
              {pickText}
            </Button>,
          ]}
        >
          <Space direction="vertical" size={0}>
            <Space size={6} wrap>
              <Typography.Text strong>{customer.name}</Typography.Text>
              <StageTag stage={customer.stage} />
              {customer.in_pool && <Tag color="orange">{t('pool')}</Tag>}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <PhoneText phone={customer.phone} masked={customer.phone_masked} />
              {customer.owner && !customer.in_pool ? ` · ${customer.owner.full_name}` : ''}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
