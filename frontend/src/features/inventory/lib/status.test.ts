import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import type { StatusTotal, UnitStatus } from '../api/get-board';
import '../i18n';
import { legendEntries, STATUS_COLOURS, STATUS_ORDER } from './status';

const ALL: UnitStatus[] = ['unreleased', 'available', 'held', 'reserved', 'subscribed', 'contracted', 'handed_over'];
const total = (status: UnitStatus, count: number): StatusTotal => ({ status, count, gross_area: '0.00', amount: '0.00' });

describe('status colours and the legend', () => {
  it('has a distinct colour for every status', () => {
    expect(new Set(STATUS_ORDER)).toEqual(new Set(ALL));
    const fills = ALL.map((status) => STATUS_COLOURS[status].fill);
    expect(new Set(fills).size).toBe(ALL.length);
  });

  it('uses the colours of the Excel export', () => {
    expect(STATUS_COLOURS.available.fill).toBe('#C6EFCE');
    expect(STATUS_COLOURS.reserved.fill).toBe('#FFEB9C');
    expect(STATUS_COLOURS.contracted.fill).toBe('#FF9999');
  });

  it('lists the statuses in the order of the sale, with count and colour', () => {
    const entries = legendEntries([total('contracted', 2), total('available', 10), total('reserved', 1)]);
    expect(entries.map((entry) => [entry.status, entry.count])).toEqual([
      ['available', 10],
      ['reserved', 1],
      ['contracted', 2],
    ]);
    expect(entries[1]!.colour).toBe(STATUS_COLOURS.reserved);
  });

  it('leaves out a status the board does not report (holds, to consultants)', () => {
    const entries = legendEntries(ALL.filter((s) => s !== 'held').map((s) => total(s, 1)));
    expect(entries.map((entry) => entry.status)).not.toContain('held');
    expect(entries).toHaveLength(6);
  });

  it.each(['zh-CN', 'en-US'])('names every status in %s', (language) => {
    for (const status of ALL) {
      const label = i18n.getFixedT(language, 'inventory')(`status.${status}`);
      expect(label).not.toBe(`status.${status}`);
    }
    expect(i18n.getFixedT('zh-CN', 'inventory')('status.held')).toBe('销控保留');
  });
});
