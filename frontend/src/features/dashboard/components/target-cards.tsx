import { Link } from 'react-router-dom';
import { useDailyReport, useTargetPlan } from '../api/queries';
import { useDashboardT } from '../i18n';
import { DashboardCard } from './dashboard-card';
import { ProgressList } from './progress-list';

interface Props {
  projectId: string;
  today: string;
}

/** A consultant's month against their own target (their row of the plan and of the daily report). */
export function MyTargetsCard({ projectId, today, userId }: Props & { userId: string }) {
  const { t } = useDashboardT();
  const plan = useTargetPlan(projectId, today.slice(0, 7));
  const report = useDailyReport(projectId, today);
  const mine = plan.data?.consultants.find((row) => row.user_id === userId);
  const row = report.data?.consultants.find((r) => r.consultant_id === userId);
  return (
    <DashboardCard
      title={t('targets.myTitle')}
      extra={<Link to="/targets/mine">{t('targets.open')}</Link>}
      testId="dashboard-my-targets"
      loading={plan.isPending || report.isPending}
      error={plan.error ?? report.error}
      empty={mine === undefined}
      emptyText={t('targets.noTarget')}
    >
      {mine && <ProgressList target={mine} actual={(metric) => row?.figures[metric]?.month_to_date ?? '0'} />}
    </DashboardCard>
  );
}

/** The project's month against its target (the plan's whole and the daily report's totals). */
export function MonthTargetCard({ projectId, today, linkTargets }: Props & { linkTargets: boolean }) {
  const { t } = useDashboardT();
  const plan = useTargetPlan(projectId, today.slice(0, 7));
  const report = useDailyReport(projectId, today);
  const totals = report.data?.totals;
  return (
    <DashboardCard
      title={t('targets.projectTitle')}
      extra={linkTargets ? <Link to="/targets">{t('targets.open')}</Link> : undefined}
      testId="dashboard-month-target"
      loading={plan.isPending || report.isPending}
      error={plan.error ?? report.error}
      empty={plan.data !== undefined && !plan.data.stored}
      emptyText={t('targets.noTarget')}
    >
      {plan.data && <ProgressList target={plan.data.project} actual={(metric) => totals?.[metric]?.month_to_date ?? '0'} />}
    </DashboardCard>
  );
}
