import { Space, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { isZero } from '@/lib/money';
import { useAbsorption, useChannelReport, type Absorption, type ChannelReport } from '../api/queries';
import { useDashboardT } from '../i18n';
import { formatAmount, wanNumber } from '../lib/money';
import type { ChartOption } from './chart';
import { DashboardCard } from './dashboard-card';
import { LazyChart } from './lazy-chart';

// Stable empties, so a chart's option is not rebuilt on every render while loading.
const NO_GROUPS: Absorption['by_building'] = [];
const NO_CAMPAIGNS: ChannelReport['campaigns'] = [];

/** A campaign without a deal (or without a cost) has no cost per deal to chart: it is listed instead. */
function hasPrice(campaign: ChannelReport['campaigns'][number]): boolean {
  return campaign.cost_per_deal !== null && !isZero(campaign.cost_per_deal);
}

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

/** This month's campaigns: cost per deal (成交成本) of those that brought a deal, in 万; the rest listed with their spend. */
export function ChannelsCard({ projectId, today }: { projectId: string; today: string }) {
  const { t } = useDashboardT();
  const from = `${today.slice(0, 7)}-01`;
  const report = useChannelReport(projectId, from, today);
  const campaigns = report.data?.campaigns ?? NO_CAMPAIGNS;
  const priced = useMemo(() => campaigns.filter(hasPrice), [campaigns]);
  const unpriced = campaigns.filter((c) => !hasPrice(c));
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const first = Array.isArray(params) ? params[0] : params;
          const campaign = priced[first?.dataIndex ?? 0];
          return campaign ? `${campaign.name}<br/>${formatAmount(campaign.cost_per_deal)}` : '';
        },
      },
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: priced.map((c) => c.name), axisLabel: { interval: 0, width: 80, overflow: 'truncate' } },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          name: t('channels.costPerDeal'),
          data: priced.map((c) => wanNumber(c.cost_per_deal ?? '0')),
          itemStyle: { color: '#722ed1' },
        },
      ],
    }),
    [priced, t],
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
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        {priced.length > 0 && (
          <>
            <Typography.Text type="secondary">{t('channels.costPerDeal')}</Typography.Text>
            <LazyChart option={option} height={200} testId="channels-chart" />
          </>
        )}
        {unpriced.map((c) => (
          <Space key={c.campaign_id} style={{ width: '100%', justifyContent: 'space-between' }} wrap data-testid="channel-campaign">
            <Typography.Text>{c.name}</Typography.Text>
            <Typography.Text type="secondary">
              {c.cost === null ? '' : `${t('channels.cost', { cost: formatAmount(c.cost) })} · `}
              {c.subscriptions > 0 ? t('channels.deals', { count: c.subscriptions }) : t('channels.noDeal')}
            </Typography.Text>
          </Space>
        ))}
      </Space>
    </DashboardCard>
  );
}
