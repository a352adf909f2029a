import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, List, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import { useBrokers } from '../api/get-brokers';
import { useReferrals, type Referral } from '../api/get-referrals';
import { BrokerModal, ReferralModal } from '../components/broker-modals';
import { PhoneText } from '../components/customers-table';
import { customerPath } from '../components/options';
import { ReferralMonthCard } from '../components/referral-month-card';
import { useCustomersT } from '../i18n';

const STATUS_COLOR = { registered: 'blue', credited: 'green', rejected: 'default', expired: 'default' } as const;

export function BrokersPage({
  projectId,
  supervises,
  subtitle,
}: {
  projectId: string;
  /** Supervisors and above add brokers. */
  supervises: boolean;
  subtitle?: string;
}) {
  const { t } = useCustomersT();
  const brokers = useBrokers(projectId);
  const referrals = useReferrals(projectId);
  const [dialog, setDialog] = useState<'broker' | 'referral' | null>(null);
  const month = useMemo(() => dayjs().format('YYYY-MM'), []);
  const brokerName = useMemo(
    () => new Map((brokers.data ?? []).map((broker) => [broker.id, broker.name])),
    [brokers.data],
  );
  const rows = referrals.data ?? [];

  return (
    <>
      <PageHeader
        title={t('brokers.title')}
        subtitle={subtitle ?? t('brokers.subtitle')}
        extra={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('referral')}>
              {t('brokers.register')}
            </Button>
            {supervises && (
              <Button icon={<PlusOutlined />} onClick={() => setDialog('broker')}>
                {t('brokers.create')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('brokers.referrals')} styles={{ body: { padding: 0 } }}>
            {referrals.isError && <QueryError error={referrals.error} onRetry={() => void referrals.refetch()} />}
            <Table<Referral>
              rowKey="id"
              size="middle"
              loading={referrals.isPending}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('brokers.customerName'),
                  dataIndex: 'customer_name',
                  render: (name: string, referral) => (
                    <Space direction="vertical" size={0}>
                      {referral.customer_id ? <Link to={customerPath(referral.customer_id)}>{name}</Link> : name}
                      <PhoneText phone={referral.phone} masked={referral.phone_masked} />
                    </Space>
                  ),
                },
                {
                  title: t('brokers.broker'),
                  dataIndex: 'broker_id',
                  render: (id: string) => brokerName.get(id) ?? '—',
                },
                {
                  title: t('brokers.statusLabel'),
                  key: 'status',
                  render: (_: unknown, referral) => {
                    const status = referral.status === 'registered' && referral.expired ? 'expired' : referral.status;
                    return <Tag color={STATUS_COLOR[status]}>{t(`brokers.status.${status}`)}</Tag>;
                  },
                },
                {
                  title: t('brokers.registeredAt'),
                  dataIndex: 'registered_at',
                  responsive: ['sm'],
                  render: formatDateTime,
                },
                { title: t('brokers.validUntil'), dataIndex: 'valid_until', responsive: ['md'], render: formatDateTime },
              ]}
            />
          </Card>
          <LoadMore
            loaded={rows.length}
            hasMore={referrals.hasNextPage}
            loading={referrals.isFetchingNextPage}
            onLoadMore={() => void referrals.fetchNextPage()}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <ReferralMonthCard projectId={projectId} month={month} />
            <Card size="small" title={t('brokers.brokers')}>
              {brokers.isError && <QueryError error={brokers.error} onRetry={() => void brokers.refetch()} />}
              <List
                size="small"
                loading={brokers.isPending}
                dataSource={brokers.data ?? []}
                locale={{ emptyText: t('brokers.noBrokers') }}
                renderItem={(broker) => (
                  <List.Item
                    extra={
                      broker.is_active ? (
                        <Tag color="green">{t('brokers.active')}</Tag>
                      ) : (
                        <Tag>{t('brokers.inactive')}</Tag>
                      )
                    }
                  >
                    <List.Item.Meta
                      title={broker.name}
                      description={
                        <Typography.Text type="secondary">
                          {[broker.contact_name, broker.contact_phone].filter(Boolean).join(' · ') || '—'}
                        </Typography.Text>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      {dialog === 'broker' && <BrokerModal projectId={projectId} onClose={() => setDialog(null)} />}
      {dialog === 'referral' && (
        <ReferralModal projectId={projectId} brokers={brokers.data ?? []} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
