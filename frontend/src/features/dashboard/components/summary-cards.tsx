import { List, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { isZero } from '@/lib/money';
import {
  useAgencyStatements,
  useComplaintCounts,
  useComplaintStatistics,
  useDailyReport,
  useFollowUpsToday,
  usePendingApprovals,
  useReceivablesAging,
  useRosterToday,
} from '../api/queries';
import { useDashboardT } from '../i18n';
import { formatAmount } from '../lib/money';
import { DashboardCard } from './dashboard-card';

const METHODS = ['call', 'wechat', 'visit', 'other'] as const;

/** A follow-up's method is free text; the four the app offers have names. */
function isMethod(method: string): method is (typeof METHODS)[number] {
  return (METHODS as readonly string[]).includes(method);
}

const DUTY_COLOR = { on_duty: 'green', on_break: 'gold', absent: 'default' } as const;

/** Who is on duty today, in rotation order. */
export function RosterCard({ projectId }: { projectId: string }) {
  const { t } = useDashboardT();
  const roster = useRosterToday(projectId);
  const entries = roster.data?.entries ?? [];
  return (
    <DashboardCard
      title={t('roster.title')}
      extra={<Link to="/rotation">{t('roster.manage')}</Link>}
      testId="dashboard-roster"
      loading={roster.isPending}
      error={roster.error}
      empty={entries.length === 0}
      emptyText={t('roster.empty')}
    >
      <Space wrap>
        {entries.map((entry) => (
          <Tag key={entry.id} color={DUTY_COLOR[entry.status]} data-testid="roster-entry">
            {entry.user.full_name} · {t(`roster.${entry.status}`)}
          </Tag>
        ))}
      </Space>
    </DashboardCard>
  );
}

/** The approvals inbox: how many requests wait for the caller's decision. */
export function ApprovalsCard({ projectId }: { projectId: string }) {
  const { t } = useDashboardT();
  const approvals = usePendingApprovals(projectId);
  const count = approvals.data?.count ?? 0;
  return (
    <DashboardCard
      title={t('approvals.title')}
      extra={<Link to="/approvals">{t('approvals.open')}</Link>}
      testId="dashboard-approvals"
      loading={approvals.isPending}
      error={approvals.error}
    >
      {count === 0 ? (
        <Typography.Text type="secondary">{t('approvals.none')}</Typography.Text>
      ) : (
        <Link to="/approvals">
          <Statistic value={`${count}${approvals.data?.more ? '+' : ''}`} valueStyle={{ color: '#d46b08' }} />
        </Link>
      )}
    </DashboardCard>
  );
}

/** What is overdue of the receivables the caller may read, by age bucket. */
export function OverdueCard({ projectId }: { projectId: string }) {
  const { t } = useDashboardT();
  const aging = useReceivablesAging(projectId);
  const total = aging.data?.total;
  // Buckets come as "not_due" and day ranges ("0-30", "90+").
  const bucketLabel = (bucket: string) => (bucket === 'not_due' ? t('overdue.notDue') : t('overdue.days', { range: bucket }));
  return (
    <DashboardCard
      title={t('overdue.title')}
      extra={<Link to="/receivables">{t('overdue.open')}</Link>}
      testId="dashboard-overdue"
      loading={aging.isPending}
      error={aging.error}
    >
      {total && (
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          <Space size={24} wrap>
            <Statistic
              title={t('overdue.overdue')}
              value={formatAmount(total.overdue)}
              valueStyle={{ color: isZero(total.overdue) ? undefined : '#cf1322', fontSize: 20 }}
            />
            <Statistic title={t('overdue.outstanding')} value={formatAmount(total.outstanding)} valueStyle={{ fontSize: 20 }} />
          </Space>
          <Space wrap size={[4, 4]}>
            {total.buckets.map((bucket) => (
              <Tag key={bucket.bucket} data-testid="aging-bucket">
                {bucketLabel(bucket.bucket)}: {formatAmount(bucket.outstanding)}
              </Tag>
            ))}
          </Space>
        </Space>
      )}
    </DashboardCard>
  );
}

/**
 * Open complaints and those past their deadline; for those who read the statistics (`month`), also how
 * many were filed this month.
 */
export function ComplaintsCard({ projectId, month }: { projectId: string; month: { from: string; to: string } | null }) {
  const { t } = useDashboardT();
  const counts = useComplaintCounts(projectId);
  const statistics = useComplaintStatistics(projectId, month?.from ?? '', month?.to ?? '', month !== null);
  const more = counts.data?.more ? '+' : '';
  return (
    <DashboardCard
      title={t('complaints.title')}
      extra={<Link to="/complaints">{t('complaints.open_list')}</Link>}
      testId="dashboard-complaints"
      loading={counts.isPending}
      error={counts.error}
    >
      {counts.data && (
        <Space size={32}>
          <Statistic title={t('complaints.open')} value={`${counts.data.open}${more}`} />
          <Statistic
            title={t('complaints.overdue')}
            value={`${counts.data.overdue}${more}`}
            valueStyle={counts.data.overdue > 0 ? { color: '#cf1322' } : undefined}
          />
          {statistics.data && <Statistic title={t('complaints.thisMonth')} value={statistics.data.total} />}
        </Space>
      )}
    </DashboardCard>
  );
}

/** The caller's follow-ups due today. */
export function FollowUpsCard({ projectId }: { projectId: string }) {
  const { t } = useDashboardT();
  const followUps = useFollowUpsToday(projectId);
  const items = followUps.data?.items ?? [];
  const methodLabel = (method: string | null) =>
    method === null ? '' : isMethod(method) ? t(`followUps.methods.${method}`) : method;
  return (
    <DashboardCard
      title={t('followUps.title')}
      extra={<Link to="/follow-ups">{t('followUps.open')}</Link>}
      testId="dashboard-follow-ups"
      loading={followUps.isPending}
      error={followUps.error}
      empty={items.length === 0}
      emptyText={t('followUps.empty')}
    >
      <List
        size="small"
        dataSource={items.slice(0, 8)}
        renderItem={(item) => (
          <List.Item data-testid="follow-up">
            <Link to={`/customers/${item.customer_id}`} style={{ minWidth: 0 }}>
              <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                {dayjs(item.due_at).format('HH:mm')} {methodLabel(item.method)} {item.notes ?? ''}
              </Typography.Text>
            </Link>
            {item.done_at ? (
              <Tag color="green">{t('followUps.done')}</Tag>
            ) : item.overdue ? (
              <Tag color="red">{t('followUps.overdue')}</Tag>
            ) : null}
          </List.Item>
        )}
      />
    </DashboardCard>
  );
}

/** Collections (回款) of today, the month and the year, from the daily report's totals. */
export function CollectionsCard({ projectId, today }: { projectId: string; today: string }) {
  const { t } = useDashboardT();
  const report = useDailyReport(projectId, today);
  const figure = report.data?.totals?.collections;
  return (
    <DashboardCard
      title={t('collections.title')}
      extra={<Link to="/reports/daily">{t('card.more')}</Link>}
      testId="dashboard-collections"
      loading={report.isPending}
      error={report.error}
      empty={report.data !== undefined && figure === undefined}
    >
      {figure && (
        <Space size={24} wrap>
          <Statistic title={t('collections.today')} value={formatAmount(figure.day)} valueStyle={{ fontSize: 20 }} />
          <Statistic title={t('collections.month')} value={formatAmount(figure.month_to_date)} valueStyle={{ fontSize: 20 }} />
          <Statistic title={t('collections.year')} value={formatAmount(figure.year_to_date)} valueStyle={{ fontSize: 20 }} />
        </Space>
      )}
    </DashboardCard>
  );
}

/** Agency-fee statements waiting on the caller: the developer's rep confirms, finance invoices. */
export function AgencyStatementsCard({ projectId }: { projectId: string }) {
  const { t } = useDashboardT();
  const statements = useAgencyStatements(projectId);
  const waiting = (statements.data?.items ?? []).filter((s) =>
    s.allowed_actions.some((action) => action === 'confirm' || action === 'invoice'),
  );
  return (
    <DashboardCard
      title={t('agencyStatements.title')}
      extra={<Link to="/agency-fee/statements">{t('agencyStatements.open')}</Link>}
      testId="dashboard-agency-statements"
      loading={statements.isPending}
      error={statements.error}
      empty={waiting.length === 0}
      emptyText={t('agencyStatements.none')}
    >
      <List
        size="small"
        dataSource={waiting}
        renderItem={(s) => (
          <List.Item data-testid="agency-statement">
            <Space size={4} wrap>
              <Link to={`/agency-fee/statements/${s.id}`}>#{s.number}</Link>
              <Typography.Text type="secondary">
                {s.period_start} ~ {s.period_end}
              </Typography.Text>
            </Space>
            <Space size={4}>
              <Typography.Text>{formatAmount(s.total)}</Typography.Text>
              <Tag color="orange">{t(s.allowed_actions.includes('confirm') ? 'agencyStatements.confirm' : 'agencyStatements.invoice')}</Tag>
            </Space>
          </List.Item>
        )}
      />
    </DashboardCard>
  );
}
