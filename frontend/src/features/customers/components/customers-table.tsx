import { LockOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '@/lib/format';
import type { Customer } from '../api/get-customers';
import { useCustomersT } from '../i18n';
import './customers.css';
import { IntentTag, StageTag } from './customer-tags';
import { customerPath } from './options';

export function PhoneText({ phone, masked }: { phone: string; masked: boolean }) {
  const { t } = useCustomersT();
  if (!masked) return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{phone}</span>;
  return (
    <Tooltip title={t('masked')}>
      <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
        <LockOutlined style={{ marginRight: 4, fontSize: 12 }} />
        {phone}
      </Typography.Text>
    </Tooltip>
  );
}

export function CustomersTable({ customers, loading }: { customers: readonly Customer[]; loading: boolean }) {
  const { t } = useCustomersT();
  return (
    <Table<Customer>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...customers]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('fields.name'),
          dataIndex: 'name',
          render: (name: string, customer) => (
            <Space size={4} direction="vertical" style={{ rowGap: 0 }}>
              <Link to={customerPath(customer.id)} style={{ fontWeight: 500 }}>
                {name}
              </Link>
              <span className="customer-phone-inline">
                <PhoneText phone={customer.phone} masked={customer.phone_masked} />
              </span>
            </Space>
          ),
        },
        {
          title: t('fields.phone'),
          dataIndex: 'phone',
          responsive: ['md'],
          render: (phone: string, customer) => <PhoneText phone={phone} masked={customer.phone_masked} />,
        },
        { title: t('fields.stage'), dataIndex: 'stage', render: (stage: Customer['stage']) => <StageTag stage={stage} /> },
        {
          title: t('fields.intent'),
          dataIndex: 'intent',
          render: (intent: Customer['intent']) => <IntentTag intent={intent} />,
        },
        {
          title: t('fields.channel'),
          dataIndex: 'channel',
          responsive: ['sm'],
          render: (channel: Customer['channel']) => t(`channel.${channel}`),
        },
        {
          title: t('fields.owner'),
          key: 'owner',
          responsive: ['sm'],
          render: (_: unknown, customer) =>
            customer.in_pool ? <Tag color="orange">{t('pool')}</Tag> : (customer.owner?.full_name ?? t('noOwner')),
        },
        {
          title: t('fields.protectedUntil'),
          dataIndex: 'protected_until',
          responsive: ['lg'],
          render: (value: string | null) => formatDateTime(value),
        },
        {
          title: t('fields.lastActivity'),
          dataIndex: 'last_activity_at',
          responsive: ['lg'],
          render: (value: string | null) => formatDateTime(value),
        },
      ]}
    />
  );
}
