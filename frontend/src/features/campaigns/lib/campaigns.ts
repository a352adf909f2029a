/** What the campaign pages share: the kinds and media in the API's order, paths, and the figures' formats. */
import type { Campaign, CampaignKind, CampaignMedium, ChannelReport } from '../api/campaigns';
import type { BarOption } from '../components/chart';
import dayjs from 'dayjs';
import { addMoney } from '@/lib/money';

export const KINDS: readonly CampaignKind[] = ['advertising', 'event', 'promotion'];
export const MEDIA: readonly CampaignMedium[] = [
  'outdoor',
  'print',
  'radio_tv',
  'online',
  'wechat',
  'douyin',
  'sms',
  'exhibition',
  'show_flat',
  'opening',
  'other',
];

export const campaignPath = (campaignId: string) => `/campaigns/${campaignId}`;

/** Whether a campaign runs on `today` (YYYY-MM-DD), is still to come, or is over. */
export function campaignStatus(campaign: Pick<Campaign, 'starts_on' | 'ends_on'>, today: string) {
  if (today < campaign.starts_on) return 'upcoming' as const;
  if (today > campaign.ends_on) return 'ended' as const;
  return 'active' as const;
}

/** Each entry with the total so far (entries in the order recorded). */
export function withRunningTotal<E extends { amount: string }>(entries: readonly E[]): (E & { running: string })[] {
  let total = '0.00';
  return entries.map((entry) => {
    total = addMoney(total, entry.amount);
    return { ...entry, running: total };
  });
}

/** A ratio such as return on spend ("3.5000" → "3.50"), or a dash. */
export function formatRatio(value: string | null | undefined): string {
  return value === null || value === undefined ? '—' : Number(value).toFixed(2);
}

const DAY = 'YYYY-MM-DD';
const MAX_DAYS = 3 * 366;

/** The period a campaign's effect is counted over: from its start to today (or its start, if still to
 * come), at most the three years a report may span. */
export function effectPeriod(campaign: Pick<Campaign, 'starts_on'>, today: string): [string, string] {
  const to = today < campaign.starts_on ? campaign.starts_on : today;
  const earliest = dayjs(to).subtract(MAX_DAYS, 'day').format(DAY);
  return [campaign.starts_on < earliest ? earliest : campaign.starts_on, to];
}

/** Cost per deal by campaign: only campaigns that brought a deal have one. */
export function costPerDealOption(report: ChannelReport): BarOption {
  const dealt = report.campaigns.filter((c) => c.cost_per_deal !== null);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: dealt.map((c) => c.name), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value' },
    series: [
      { type: 'bar', data: dealt.map((c) => Number(c.cost_per_deal)), barMaxWidth: 40, itemStyle: { color: '#1668dc' } },
    ],
  };
}
