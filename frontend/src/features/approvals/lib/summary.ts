import { formatMoney } from '@/lib/money';

// Amounts are the only strings a summary writes with exactly two decimals.
const MONEY = /^-?\d{1,15}\.\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A summary value as text, whatever domain put it there. */
export function formatSummaryValue(value: unknown, yes: string, no: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'number') return value.toLocaleString('zh-CN');
  if (typeof value === 'string') {
    if (MONEY.test(value)) return formatMoney(value, { symbol: false });
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => formatSummaryValue(item, yes, no)).join('、');
  // A row of a list (a tier, a stage): its values in order, as a table row reads.
  if (typeof value === 'object') return Object.values(value).map((item) => formatSummaryValue(item, yes, no)).join(' · ');
  return JSON.stringify(value);
}

/** The fields of a request's summary as the asking domain wrote them; ids are left out. */
export function summaryEntries(summary: Record<string, unknown>): [string, unknown][] {
  return Object.entries(summary).filter(
    ([key, value]) => !(key === 'id' || key.endsWith('_id') || key.endsWith('_ids') || (typeof value === 'string' && UUID.test(value))),
  );
}
