/** Periods of summaries as the API names them: an ISO week `2026-W48`, a month `2026-11`, a quarter `2026-Q4`. */

export type PeriodKind = 'week' | 'month' | 'quarter';

export interface SummaryPeriod {
  kind: PeriodKind;
  key: string;
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
}

function utc(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const date = utc(day);
  date.setUTCDate(date.getUTCDate() + days);
  return iso(date);
}

/** The ISO week-numbering year and week of a day (the week's Thursday decides the year). */
function isoWeek(day: string): [number, number] {
  const date = utc(day);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  return [year, 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000))];
}

/** The week, month or quarter a day (YYYY-MM-DD) falls in. */
export function periodContaining(kind: PeriodKind, day: string): SummaryPeriod {
  const [y, m] = day.split('-').map(Number) as [number, number];
  if (kind === 'week') {
    const weekday = (utc(day).getUTCDay() + 6) % 7;
    const start = addDays(day, -weekday);
    const [year, week] = isoWeek(day);
    return { kind, key: `${year}-W${String(week).padStart(2, '0')}`, start, end: addDays(start, 6) };
  }
  if (kind === 'month') {
    const end = iso(new Date(Date.UTC(y, m, 0)));
    return { kind, key: `${y}-${String(m).padStart(2, '0')}`, start: `${day.slice(0, 7)}-01`, end };
  }
  const quarter = Math.floor((m - 1) / 3) + 1;
  const first = 3 * quarter - 2;
  return {
    kind,
    key: `${y}-Q${quarter}`,
    start: `${y}-${String(first).padStart(2, '0')}-01`,
    end: iso(new Date(Date.UTC(y, first + 2, 0))),
  };
}

/** The period of the same kind before (`-1`) or after (`1`) this one. */
export function shiftPeriod(period: SummaryPeriod, step: -1 | 1): SummaryPeriod {
  return periodContaining(period.kind, step < 0 ? addDays(period.start, -1) : addDays(period.end, 1));
}

/** The period a supervisor writes about by default: the last one that has ended. */
export function lastEnded(kind: PeriodKind, today: string): SummaryPeriod {
  return shiftPeriod(periodContaining(kind, today), -1);
}
