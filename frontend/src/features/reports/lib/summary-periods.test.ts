import { describe, expect, it } from 'vitest';
import { lastEnded, periodContaining, shiftPeriod } from './summary-periods';

describe('summary periods', () => {
  it('names ISO weeks, months and quarters as the API does', () => {
    expect(periodContaining('week', '2026-11-26')).toEqual({ kind: 'week', key: '2026-W48', start: '2026-11-23', end: '2026-11-29' });
    expect(periodContaining('week', '2027-01-01').key).toBe('2026-W53');
    expect(periodContaining('week', '2026-01-01').key).toBe('2026-W01');
    expect(periodContaining('month', '2024-02-10')).toEqual({ kind: 'month', key: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(periodContaining('quarter', '2026-11-26')).toEqual({ kind: 'quarter', key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
  });

  it('steps back and forth, across years', () => {
    expect(shiftPeriod(periodContaining('month', '2026-01-15'), -1).key).toBe('2025-12');
    expect(shiftPeriod(periodContaining('quarter', '2026-12-01'), 1).key).toBe('2027-Q1');
    expect(shiftPeriod(periodContaining('week', '2026-12-31'), 1).key).toBe('2027-W01');
    expect(lastEnded('month', '2026-12-03').key).toBe('2026-11');
  });
});
