import { formatMoney } from '@/lib/money';
import type { ConsultantDay, Figure, Metric } from '../api/daily-report';

export const PERIODS = ['day', 'month_to_date', 'year_to_date'] as const;
export type Period = (typeof PERIODS)[number];

/** The figures the table shows as columns; every figure is in a row's details. */
export const MAIN_METRICS = [
  'calls_in',
  'visits',
  'visit_people',
  'new_customers',
  'broker_referrals',
  'reservations',
  'subscriptions.units',
  'subscriptions.amount',
  'contracts.units',
  'contracts.amount',
  'collections',
  'cancellations.units',
  'complaints.opened',
  'complaints.closed',
] as const;

/** The translation key of a metric (i18next reads dots as nesting). */
export function metricKey(metric: string): string {
  return `metrics.${metric.replace('.', '__')}`;
}

/** A figure as a sales office reads it: counts as they are, m² with two decimals, yuan with separators. */
export function formatFigure(value: string, kind: Metric['kind']): string {
  if (kind === 'money') return formatMoney(value, { symbol: false });
  if (kind === 'area') return Number(value).toFixed(2);
  return value;
}

/** The day in a time zone, YYYY-MM-DD (en-CA writes dates that way). */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The day before a YYYY-MM-DD day. */
export function dayBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d - 1));
  return date.toISOString().slice(0, 10);
}

/** A row's moved figures by metric: what was confirmed, for highlighting. */
export function movedFigures(row: ConsultantDay): Map<string, Figure> {
  return new Map(row.differences.map((d) => [d.metric, d.confirmed]));
}

/** The rows a supervisor may still confirm. */
export function confirmable(rows: readonly ConsultantDay[]): string[] {
  return rows.filter((row) => row.allowed_actions.includes('confirm')).map((row) => row.consultant_id);
}
