import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Rate, Row, Skeleton, Space, Steps, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { QueryError } from '@/components/query-error';
import { PageHeader } from '@/components/page-header';
import { formatDateTime } from '@/lib/format';
import { formatMoney } from '@/lib/money';
import { useComplaint, type Complaint } from '../api/get-complaints';
import { ComplaintActions } from '../components/complaint-actions';
import { ComplaintStatusTag, SeverityTag } from '../components/complaint-tags';
import { ComplaintTimeline } from '../components/complaint-timeline';
import { Countdown } from '../components/countdown';
import { useComplaintsT } from '../i18n';
import { currentDeadline } from '../lib/deadline';

const LEVEL_KEYS = ['1', '2', '3', '4'] as const;

/** The ladder up to the complaint's top, the current level marked (red while its deadline has passed). */
function Ladder({ complaint }: { complaint: Complaint }) {
  const { t } = useComplaintsT();
  return (
    <Steps
      size="small"
      direction="vertical"
      current={complaint.level - 1}
      status={complaint.overdue ? 'error' : 'process'}
      data-testid="complaint-ladder"
      data-level={complaint.level}
      items={LEVEL_KEYS.slice(0, complaint.top_level).map((key, index) => ({
        title: t(`levels.${key}`),
        description: index === complaint.level - 1 ? (complaint.assignee_name ?? undefined) : undefined,
      }))}
    />
  );
}

export function ComplaintDetailPage({
  complaintId,
  customerHref,
  dealHref,
  approvalsHref,
}: {
  complaintId: string;
  /** Where a customer's page is, when the caller may open it (the app knows the routes and roles). */
  customerHref: (customerId: string) => string | null;
  dealHref: (dealId: string) => string | null;
  approvalsHref: string | null;
}) {
  const { t } = useComplaintsT();
  const complaint = useComplaint(complaintId);
  const back = (
    <Link to="/complaints" style={{ display: 'inline-block', marginBottom: 8 }}>
      <ArrowLeftOutlined /> {t('detail.back')}
    </Link>
  );
  if (complaint.isPending) return <Skeleton active />;
  if (complaint.isError) {
    return (
      <>
        {back}
        <QueryError error={complaint.error} onRetry={() => void complaint.refetch()} />
      </>
    );
  }
  const c = complaint.data;
  const customerLink = c.customer_id ? customerHref(c.customer_id) : null;
  const dealLink = c.deal_id ? dealHref(c.deal_id) : null;

  return (
    <>
      {back}
      <PageHeader
        title={
          <Space size={8} wrap>
            <span data-testid="complaint-title">{c.title}</span>
            <ComplaintStatusTag status={c.status} />
            <SeverityTag severity={c.severity} />
          </Space>
        }
        subtitle={currentDeadline(c) === null ? undefined : <Countdown complaint={c} />}
      />
      <Card size="small" title={t('detail.handling')} style={{ marginBottom: 16 }}>
        <ComplaintActions complaint={c} />
        {c.remedy_pending && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            message={t('detail.remedyPending')}
            data-testid="remedy-pending"
            action={
              approvalsHref ? (
                <Link to={approvalsHref}>
                  <Button size="small">{t('detail.openApprovals')}</Button>
                </Link>
              ) : undefined
            }
          />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('detail.facts')}>
              <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 112 } }}>
                <Descriptions.Item label={t('fields.description')}>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.source')}>{t(`sources.${c.source}`)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.channel')}>{t(`channels.${c.channel}`)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.category')}>{t(`categories.${c.category}`)}</Descriptions.Item>
                {c.customer_id && (
                  <Descriptions.Item label={t('fields.customer')}>
                    {customerLink ? <Link to={customerLink}>{c.customer_name ?? '—'}</Link> : (c.customer_name ?? '—')}
                  </Descriptions.Item>
                )}
                {c.unit_code && <Descriptions.Item label={t('fields.unit')}>{c.unit_code}</Descriptions.Item>}
                {c.deal_id && (
                  <Descriptions.Item label={t('fields.deal')}>
                    {dealLink ? <Link to={dealLink}>{c.unit_code ?? t('fields.deal')}</Link> : (c.unit_code ?? '—')}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('fields.filedBy')}>{c.filed_by_name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('fields.filedAt')}>{formatDateTime(c.created_at)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.assignee')}>{c.assignee_name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('fields.acknowledgeDue')}>{formatDateTime(c.acknowledge_due_at)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.resolveDue')}>{formatDateTime(c.resolve_due_at)}</Descriptions.Item>
                {c.acknowledged_at && (
                  <Descriptions.Item label={t('fields.acknowledgedAt')}>{formatDateTime(c.acknowledged_at)}</Descriptions.Item>
                )}
                {c.resolved_at && (
                  <Descriptions.Item label={t('fields.resolvedAt')}>{formatDateTime(c.resolved_at)}</Descriptions.Item>
                )}
                {c.closed_at && <Descriptions.Item label={t('fields.closedAt')}>{formatDateTime(c.closed_at)}</Descriptions.Item>}
                {c.resolution && (
                  <Descriptions.Item label={t('fields.resolution')}>
                    <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.resolution}</Typography.Text>
                  </Descriptions.Item>
                )}
                {c.remedy && (
                  <Descriptions.Item label={t('fields.remedy')}>
                    {t(`remedies.${c.remedy}`)}
                    {c.remedy_amount ? ` · ${formatMoney(c.remedy_amount)}` : ''}
                  </Descriptions.Item>
                )}
                {c.satisfaction !== null && (
                  <Descriptions.Item label={t('fields.satisfaction')}>
                    <Space direction="vertical" size={2}>
                      <Space size={6} wrap>
                        <Rate disabled value={c.satisfaction} style={{ fontSize: 14 }} />
                        {c.satisfaction_source && (
                          <Typography.Text type="secondary">{t(`satisfactionSources.${c.satisfaction_source}`)}</Typography.Text>
                        )}
                      </Space>
                      {c.satisfaction_comment && <Typography.Text>{c.satisfaction_comment}</Typography.Text>}
                    </Space>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('fields.escalations')}>{c.escalation_count}</Descriptions.Item>
                {c.reopen_count > 0 && <Descriptions.Item label={t('fields.reopens')}>{c.reopen_count}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <Card size="small" title={t('detail.ladder')}>
              <Ladder complaint={c} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('detail.timeline')}>
            <ComplaintTimeline complaintId={c.id} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
