import {
  ArrowLeftOutlined,
  CalendarOutlined,
  PhoneOutlined,
  SwapOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import { can } from '@/lib/allowed-actions';
import { formatDateTime } from '@/lib/format';
import { formatMoney } from '@/lib/money';
import { useClaimCustomer } from '../api/claim-customer';
import { useCustomer } from '../api/get-customer';
import {
  CallModal,
  FollowUpModal,
  ReassignModal,
  VisitModal,
  type ConsultantOption,
} from '../components/activity-modals';
import { CustomerFollowUps } from '../components/customer-follow-ups';
import { IntentTag, StageTag } from '../components/customer-tags';
import { CustomerTimeline } from '../components/customer-timeline';
import { PhoneText } from '../components/customers-table';
import { useCustomersT } from '../i18n';

type Dialog = 'visit' | 'call' | 'follow-up' | 'reassign' | null;

export function CustomerDetailPage({
  customerId,
  actsForOthers,
  consultantOptions,
  dealsSlot,
  complaintsSlot,
}: {
  customerId: string;
  /** Whether the caller may log a visit for another consultant (supervisors and above): a project right, not the customer's. */
  actsForOthers: boolean;
  consultantOptions: readonly ConsultantOption[];
  /** The customer's deals, composed in by the app (another feature's card); shown above the timeline. */
  dealsSlot?: ReactNode;
  /** The customer's complaints with a button to file one (another feature's card); under the deals. */
  complaintsSlot?: (customerName: string) => ReactNode;
}) {
  const { t } = useCustomersT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const customer = useCustomer(customerId);
  const claim = useClaimCustomer();
  const [dialog, setDialog] = useState<Dialog>(null);

  const back = (
    <Link to="/customers">
      <ArrowLeftOutlined /> {t('detail.back')}
    </Link>
  );
  if (customer.isPending) return <Skeleton active />;
  if (customer.isError) {
    return (
      <>
        {back}
        <div style={{ marginTop: 16 }}>
          <QueryError error={customer.error} onRetry={() => void customer.refetch()} />
        </div>
      </>
    );
  }
  const c = customer.data.data;
  // Every button and panel follows what the server allows with this customer (customers/policy.py).
  const readsHistory = can(c, 'read_history');

  const onClaim = async () => {
    try {
      await claim.mutateAsync(c.id);
      void message.success(t('actions.claimed'));
    } catch (error) {
      void message.error(describe(error));
    }
  };

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader
        title={
          <Space size={8} wrap>
            <span data-testid="customer-name">{c.name}</span>
            <StageTag stage={c.stage} />
            {c.in_pool && <Tag color="orange">{t('pool')}</Tag>}
          </Space>
        }
        subtitle={<PhoneText phone={c.phone} masked={c.phone_masked} />}
        extra={
          <>
            {can(c, 'record_visit') && (
              <Button type="primary" icon={<TeamOutlined />} onClick={() => setDialog('visit')}>
                {t('actions.logVisit')}
              </Button>
            )}
            {can(c, 'record_call') && (
              <Button icon={<PhoneOutlined />} onClick={() => setDialog('call')}>
                {t('actions.logCall')}
              </Button>
            )}
            {can(c, 'add_follow_up') && (
              <Button icon={<CalendarOutlined />} onClick={() => setDialog('follow-up')}>
                {t('actions.addFollowUp')}
              </Button>
            )}
            {can(c, 'claim') && (
              <Button icon={<UserAddOutlined />} loading={claim.isPending} onClick={() => void onClaim()}>
                {t('actions.claim')}
              </Button>
            )}
            {can(c, 'reassign') && (
              <Button icon={<SwapOutlined />} onClick={() => setDialog('reassign')}>
                {t('actions.reassign')}
              </Button>
            )}
          </>
        }
      />
      {c.in_pool && <Alert type="warning" showIcon message={t('detail.inPoolHint')} style={{ marginBottom: 16 }} />}
      {!readsHistory && !c.in_pool && (
        <Alert type="info" showIcon message={t('detail.restricted')} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('detail.profile')} size="small">
              <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 96 } }}>
                <Descriptions.Item label={t('fields.owner')}>
                  {c.in_pool ? <Tag color="orange">{t('pool')}</Tag> : (c.owner?.full_name ?? t('noOwner'))}
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.protectedUntil')}>{formatDateTime(c.protected_until)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.channel')}>{t(`channel.${c.channel}`)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.intent')}>
                  <IntentTag intent={c.intent} />
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.budget')}>
                  {formatMoney(c.budget)}
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.layouts')}>
                  {c.wanted_layouts.length ? c.wanted_layouts.map((layout) => <Tag key={layout}>{layout}</Tag>) : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.lastActivity')}>{formatDateTime(c.last_activity_at)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(c.created_at)}</Descriptions.Item>
                {c.lost_reason && (
                  <Descriptions.Item label={t('fields.lostReason')}>{c.lost_reason}</Descriptions.Item>
                )}
                <Descriptions.Item label={t('fields.notes')}>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.notes ?? '—'}</Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            </Card>
            {readsHistory && (
              <Card title={t('detail.followUps')} size="small" data-testid="customer-follow-ups">
                <CustomerFollowUps customerId={c.id} canAct={can(c, 'add_follow_up')} />
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={14}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {readsHistory && dealsSlot}
            {readsHistory && complaintsSlot?.(c.name)}
            <Card title={t('detail.timeline')} size="small">
              {readsHistory ? <CustomerTimeline customerId={c.id} /> : <Typography.Text type="secondary">—</Typography.Text>}
            </Card>
          </Space>
        </Col>
      </Row>
      {dialog === 'visit' && (
        <VisitModal
          customer={c}
          consultantOptions={actsForOthers ? consultantOptions : undefined}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'call' && <CallModal customerId={c.id} onClose={() => setDialog(null)} />}
      {dialog === 'follow-up' && <FollowUpModal customerId={c.id} onClose={() => setDialog(null)} />}
      {dialog === 'reassign' && (
        <ReassignModal customer={c} consultantOptions={consultantOptions} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
