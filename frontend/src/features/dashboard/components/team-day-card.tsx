import { Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useDailyReport, type ConsultantDay, type DailyReport } from '../api/queries';
import { useDashboardT } from '../i18n';
import { formatAmount } from '../lib/money';
import type { ChartOption } from './chart';
import { DashboardCard } from './dashboard-card';
import { LazyChart } from './lazy-chart';

function day(row: ConsultantDay, metric: string): string {
  return row.figures[metric]?.day ?? '0';
}

/** Deals of a day: units subscribed and contracted. */
function deals(row: ConsultantDay): number {
  return Number(day(row, 'subscriptions.units')) + Number(day(row, 'contracts.units'));
}

function useChartOption(yesterday: DailyReport | undefined, today: DailyReport | undefined): ChartOption {
  const { t } = useDashboardT();
  return useMemo(() => {
    const rows = yesterday?.consultants ?? [];
    const names = rows.map((row) => row.name ?? '—');
    const byId = new Map((today?.consultants ?? []).map((row) => [row.consultant_id, row]));
    const series = (label: string, pick: (row: ConsultantDay) => number, of: 'y' | 't', color: string) => ({
      type: 'bar' as const,
      name: label,
      itemStyle: { color },
      data: rows.map((row) => {
        const source = of === 'y' ? row : byId.get(row.consultant_id);
        return source ? pick(source) : 0;
      }),
    });
    const visits = (row: ConsultantDay) => Number(day(row, 'visits'));
    return {
      tooltip: { trigger: 'axis' },
      // A plain legend wraps to a second line on a phone rather than paging.
      legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: 52, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, width: 110, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        series(`${t('teamDay.yesterday')}·${t('teamDay.visits')}`, visits, 'y', '#91caff'),
        series(`${t('teamDay.today')}·${t('teamDay.visits')}`, visits, 't', '#1677ff'),
        series(`${t('teamDay.yesterday')}·${t('teamDay.deals')}`, deals, 'y', '#b7eb8f'),
        series(`${t('teamDay.today')}·${t('teamDay.deals')}`, deals, 't', '#52c41a'),
      ],
    };
  }, [yesterday, today, t]);
}

/** The supervisor's morning: each consultant's yesterday and today, and whether yesterday is confirmed. */
export function TeamDayCard({ projectId, today, yesterday }: { projectId: string; today: string; yesterday: string }) {
  const { t } = useDashboardT();
  const [which, setWhich] = useState<'yesterday' | 'today'>('yesterday');
  const before = useDailyReport(projectId, yesterday);
  const now = useDailyReport(projectId, today);
  const option = useChartOption(before.data, now.data);
  const shown = which === 'yesterday' ? before.data : now.data;
  const rows = before.data?.consultants ?? [];
  const confirmed = rows.filter((row) => row.confirmed_at !== null).length;

  return (
    <DashboardCard
      title={t('teamDay.title')}
      extra={<Link to="/reports/daily">{t('teamDay.fullReport')}</Link>}
      testId="dashboard-team-day"
      loading={before.isPending || now.isPending}
      error={before.error ?? now.error}
      empty={rows.length === 0}
      emptyText={t('teamDay.empty')}
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap>
          <Segmented
            data-testid="team-day-switch"
            value={which}
            onChange={(value) => setWhich(value as 'yesterday' | 'today')}
            options={[
              { value: 'yesterday', label: `${t('teamDay.yesterday')} ${yesterday.slice(5)}` },
              { value: 'today', label: `${t('teamDay.today')} ${today.slice(5)}` },
            ]}
          />
          {confirmed === rows.length ? (
            <Tag color="green" data-testid="yesterday-confirmed">
              {t('teamDay.confirmed')}
            </Tag>
          ) : (
            <Tag color="orange" data-testid="yesterday-unconfirmed">
              {t('teamDay.unconfirmed', { done: confirmed, all: rows.length })}
            </Tag>
          )}
        </Space>
        <LazyChart option={option} height={220} testId="team-day-chart" />
        <Table<ConsultantDay>
          size="small"
          rowKey="consultant_id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={shown?.consultants ?? []}
          data-testid="team-day-table"
          columns={[
            {
              title: t('teamDay.consultant'),
              key: 'name',
              render: (_, row) => <span data-testid="team-day-name">{row.name ?? '—'}</span>,
            },
            { title: t('teamDay.visits'), key: 'visits', align: 'right', render: (_, row) => day(row, 'visits') },
            { title: t('teamDay.newCustomers'), key: 'new', align: 'right', render: (_, row) => day(row, 'new_customers') },
            {
              title: t('teamDay.subscriptions'),
              key: 'subs',
              align: 'right',
              render: (_, row) => day(row, 'subscriptions.units'),
            },
            { title: t('teamDay.contracts'), key: 'contracts', align: 'right', render: (_, row) => day(row, 'contracts.units') },
            {
              title: t('teamDay.collections'),
              key: 'collections',
              align: 'right',
              render: (_, row) => <Typography.Text>{formatAmount(day(row, 'collections'))}</Typography.Text>,
            },
          ]}
        />
      </Space>
    </DashboardCard>
  );
}
