import { describe, expect, it } from 'vitest';
import type { ChannelReport } from '../api/campaigns';
import { campaignStatus, costPerDealOption, effectPeriod, formatRatio, withRunningTotal } from './campaigns';

describe('campaign helpers', () => {
  it('keeps a running total in fen, without float drift', () => {
    const rows = withRunningTotal([{ amount: '0.10' }, { amount: '0.20' }, { amount: '12000.00' }]);
    expect(rows.map((r) => r.running)).toEqual(['0.10', '0.30', '12000.30']);
  });

  it('tells running, upcoming and ended campaigns apart by the project day', () => {
    const c = { starts_on: '2026-12-01', ends_on: '2026-12-10' };
    expect(campaignStatus(c, '2026-11-30')).toBe('upcoming');
    expect(campaignStatus(c, '2026-12-01')).toBe('active');
    expect(campaignStatus(c, '2026-12-10')).toBe('active');
    expect(campaignStatus(c, '2026-12-11')).toBe('ended');
  });

  it('formats a ratio or a dash', () => {
    expect(formatRatio('3.5000')).toBe('3.50');
    expect(formatRatio(null)).toBe('—');
  });

  it("counts a campaign's effect from its start to today, three years at most", () => {
    expect(effectPeriod({ starts_on: '2026-11-01' }, '2026-12-03')).toEqual(['2026-11-01', '2026-12-03']);
    expect(effectPeriod({ starts_on: '2026-12-20' }, '2026-12-03')).toEqual(['2026-12-20', '2026-12-20']);
    expect(effectPeriod({ starts_on: '2020-01-01' }, '2026-12-03')[0]).toBe('2023-12-01');
  });

  it('charts cost per deal only for campaigns that brought a deal', () => {
    const report = {
      campaigns: [
        { name: '开盘', cost_per_deal: '180000.00' },
        { name: '户外', cost_per_deal: null },
      ],
    } as unknown as ChannelReport;
    const option = costPerDealOption(report);
    expect(option.xAxis).toMatchObject({ data: ['开盘'] });
    expect(option.series).toMatchObject([{ data: [180000] }]);
  });
});
