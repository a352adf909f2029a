import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, List, Row, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import type { DueFilter } from '@/lib/query-keys';
import { useAlerts, type Alert } from '../api/get-alerts';
import { getCustomerQueryOptions } from '../api/get-customer';
import { useFollowUps } from '../api/get-follow-ups';
import { CompleteFollowUpModal } from '../components/activity-modals';
import { customerPath } from '../components/options';
import { isKnownMethod } from '../components/follow-up-method';
import { useCustomersT } from '../i18n';

const DUE: readonly DueFilter[] = ['today', 'overdue', 'open'];

function AlertList({ alerts, kind }: { alerts: readonly Alert[]; kind: 'overdue' | 'falling' }) {
  const { t } = useCustomersT();
  if (alerts.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerts.none')} />;
  return (
    <List
      size="small"
      dataSource={[...alerts]}
      renderItem={(alert) => (
        <List.Item>
          <List.Item.Meta
            avatar={
              kind === 'overdue' ? (
                <WarningOutlined style={{ color: '#cf1322' }} />
              ) : (
                <ClockCircleOutlined style={{ color: '#d48806' }} />
              )
            }
            title={<Link to={customerPath(alert.customer_id)}>{alert.customer_name}</Link>}
            description={
              kind === 'overdue'
                ? t('alerts.overdueAt', { at: formatDateTime(alert.at) })
                : t('alerts.fallingAt', { at: formatDateTime(alert.at) })
            }
          />
        </List.Item>
      )}
    />
  );
}

/** "My follow-ups" (due today / overdue / open) beside "my alerts". */
export function MyFollowUpsPage({ projectId, subtitle }: { projectId: string; subtitle?: string }) {
  const { t } = useCustomersT();
  const [due, setDue] = useState<DueFilter>('today');
  const followUps = useFollowUps(projectId, due);
  const alerts = useAlerts(projectId);
  const [completing, setCompleting] = useState<string | null>(null);
  const rows = useMemo(() => followUps.data ?? [], [followUps.data]);
  // A follow-up names only its customer's id: the names come from the customers themselves (cached).
  const customerIds = useMemo(() => [...new Set(rows.map((row) => row.customer_id))], [rows]);
  const names = useQueries({
    queries: customerIds.map((id) => getCustomerQueryOptions(id)),
    combine: (results) =>
      new Map(results.flatMap((result) => (result.data ? [[result.data.data.id, result.data.data.name] as const] : []))),
  });

  return (
    <>
      <PageHeader title={t('myFollowUps.title')} subtitle={subtitle ?? t('myFollowUps.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card
            size="small"
            title={
              <Segmented<DueFilter>
                value={due}
                onChange={setDue}
                options={DUE.map((value) => ({ value, label: t(`myFollowUps.due.${value}`) }))}
              />
            }
          >
            {followUps.isError && <QueryError error={followUps.error} onRetry={() => void followUps.refetch()} />}
            {followUps.isPending ? (
              <Skeleton active />
            ) : rows.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myFollowUps.empty')} />
            ) : (
              <List
                data-testid="my-follow-ups"
                dataSource={rows}
                renderItem={(followUp) => (
                  <List.Item
                    actions={
                      followUp.done_at === null
                        ? [
                            <Button key="done" size="small" type="primary" ghost onClick={() => setCompleting(followUp.id)}>
                              {t('actions.done')}
                            </Button>,
                          ]
                        : [<Tag key="done">{t('followUp.done')}</Tag>]
                    }
                  >
                    <List.Item.Meta
                      title={
                        <>
                          <Link to={customerPath(followUp.customer_id)}>{names.get(followUp.customer_id) ?? t('myFollowUps.customer')}</Link>{' '}
                          <Typography.Text style={{ fontWeight: 400 }}>{formatDateTime(followUp.due_at)}</Typography.Text>{' '}
                          {followUp.overdue && <Tag color="red">{t('followUp.overdue')}</Tag>}
                          {followUp.method && (
                            <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                              {isKnownMethod(followUp.method) ? t(`followUp.methods.${followUp.method}`) : followUp.method}
                            </Typography.Text>
                          )}
                        </>
                      }
                      description={followUp.notes ?? '—'}
                    />
                  </List.Item>
                )}
              />
            )}
            <LoadMore
              loaded={rows.length}
              hasMore={followUps.hasNextPage}
              loading={followUps.isFetchingNextPage}
              onLoadMore={() => void followUps.fetchNextPage()}
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('alerts.title')}>
            {alerts.isPending ? (
              <Skeleton active />
            ) : alerts.isError ? (
              <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />
            ) : (
              <>
                <Typography.Title level={5}>
                  <Badge count={alerts.data.follow_ups_overdue.length} showZero color="#cf1322" offset={[12, -2]}>
                    {t('alerts.overdue')}
                  </Badge>
                </Typography.Title>
                <AlertList alerts={alerts.data.follow_ups_overdue} kind="overdue" />
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  <Badge count={alerts.data.falling_to_pool.length} showZero color="#d48806" offset={[12, -2]}>
                    {t('alerts.falling')}
                  </Badge>
                </Typography.Title>
                <AlertList alerts={alerts.data.falling_to_pool} kind="falling" />
              </>
            )}
          </Card>
        </Col>
      </Row>
      {completing !== null && <CompleteFollowUpModal followUpId={completing} onClose={() => setCompleting(null)} />}
    </>
  );
}
