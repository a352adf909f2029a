import { describe, expect, it } from 'vitest';
import type { ConsultantDay } from '../api/daily-report';
import { confirmable, dayBefore, dayIn, formatFigure, metricKey, movedFigures } from './figures';

const figure = { day: '1', month_to_date: '2', year_to_date: '3' };

function row(overrides: Partial<ConsultantDay>): ConsultantDay {
  return {
    consultant_id: 'c1',
    name: '张三',
    figures: {},
    confirmed_by: null,
    confirmed_by_name: null,
    confirmed_at: null,
    differences: [],
    allowed_actions: [],
    ...overrides,
  };
}

describe('daily report figures', () => {
  it('counts days in the project time zone', () => {
    // 17:30 UTC is already the next day in Shanghai.
    expect(dayIn('Asia/Shanghai', new Date('2026-12-03T17:30:00Z'))).toBe('2026-12-04');
    expect(dayIn('UTC', new Date('2026-12-03T17:30:00Z'))).toBe('2026-12-03');
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
  });

  it('formats each kind of figure', () => {
    expect(formatFigure('3', 'count')).toBe('3');
    expect(formatFigure('88.5', 'area')).toBe('88.50');
    expect(formatFigure('1250000.00', 'money')).toBe('1,250,000.00');
    expect(metricKey('subscriptions.units')).toBe('metrics.subscriptions__units');
    expect(metricKey('visits')).toBe('metrics.visits');
  });

  it('knows what moved since a confirmation and who is left to confirm', () => {
    const moved = row({ differences: [{ metric: 'visits', confirmed: figure, now: figure }] });
    expect(movedFigures(moved).get('visits')).toEqual(figure);
    expect(movedFigures(moved).has('calls_in')).toBe(false);
    const rows = [row({ consultant_id: 'a', allowed_actions: ['confirm'] }), row({ consultant_id: 'b' })];
    expect(confirmable(rows)).toEqual(['a']);
  });
});
