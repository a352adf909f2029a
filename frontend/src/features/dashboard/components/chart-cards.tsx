import { Space, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useAbsorption, useChannelReport, type Absorption, type ChannelReport } from '../api/queries';
import { useDashboardT } from '../i18n';
import { formatAmount, wanNumber } from '../lib/money';
import type { ChartOption } from './chart';
import { DashboardCard } from './dashboard-card';
import { LazyChart } from './lazy-chart';

// Stable empties, so a chart's option is not rebuilt on every render while loading.
const NO_GROUPS: Absorption['by_building'] = [];
const NO_CAMPAIGNS: ChannelReport['campaigns'] = [];

/** A share (0.4500) as a percent with one decimal: "45.0%". */
function percent(share: string | null): string {
  return share === null ? '—' : `${(Number(share) * 100).toFixed(1)}%`;
}

/** 去化率 by building, as horizontal bars. */
export function AbsorptionCard({ projectId }: { projectId: string }) {
  const { t } = useDashboardT();
  const absorption = useAbsorption(projectId);
  const buildings = absorption.data?.by_building ?? NO_GROUPS;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value) => `${Number(value).toFixed(1)}%` },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: buildings.map((b) => b.name), axisLabel: { width: 80, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: t('absorption.share'),
          data: buildings.map((b) => (b.absorption === null ? 0 : Number((Number(b.absorption) * 100).toFixed(1)))),
          itemStyle: { color: '#1677ff' },
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    }),
    [buildings, t],
  );
  const total = absorption.data?.total;
  return (
    <DashboardCard
      title={t('absorption.title')}
      testId="dashboard-absorption"
      loading={absorption.isPending}
      error={absorption.error}
      empty={total !== undefined && total.released === 0}
      emptyText={t('absorption.empty')}
    >
      {total && (
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Text data-testid="absorption-total">
            {t('absorption.total', { share: percent(total.absorption), sold: total.sold, released: total.released })}
          </Typography.Text>
          <LazyChart option={option} height={Math.max(140, 36 * buildings.length + 40)} testId="absorption-chart" />
        </Space>
      )}
    </DashboardCard>
  );
}

/** This month's campaigns: cost per deal (成交成本), in 万. */
export function ChannelsCard({ projectId, today }: { projectId: string; today: string }) {
  const { t } = useDashboardT();
  const from = `${today.slice(0, 7)}-01`;
  const report = useChannelReport(projectId, from, today);
  const campaigns = report.data?.campaigns ?? NO_CAMPAIGNS;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const first = Array.isArray(params) ? params[0] : params;
          const campaign = campaigns[first?.dataIndex ?? 0];
          if (!campaign) return '';
          return `${campaign.name}<br/>${t('channels.costPerDeal')}: ${
            campaign.cost_per_deal === null ? t('channels.noDeal') : formatAmount(campaign.cost_per_deal)
          }`;
        },
      },
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: campaigns.map((c) => c.name), axisLabel: { interval: 0, width: 70, overflow: 'truncate' } },
      yAxis: { type: 'value', name: '万', axisLabel: { formatter: '{value}' } },
      series: [
        {
          type: 'bar',
          name: t('channels.costPerDeal'),
          data: campaigns.map((c) => (c.cost_per_deal === null ? 0 : wanNumber(c.cost_per_deal))),
          itemStyle: { color: '#722ed1' },
        },
      ],
    }),
    [campaigns, t],
  );
  return (
    <DashboardCard
      title={t('channels.title')}
      extra={<Link to="/reports/channels">{t('channels.open')}</Link>}
      testId="dashboard-channels"
      loading={report.isPending}
      error={report.error}
      empty={campaigns.length === 0}
      emptyText={t('channels.empty')}
    >
      <LazyChart option={option} height={220} testId="channels-chart" />
    </DashboardCard>
  );
}
