/** How the agency fee's figures read: percentages without trailing zeros, periods as a range. */
import { compareMoney, isMoney } from '@/lib/money';

/** "1.2000" → "1.2%", "0.8" → "0.8%"; null → "—". */
export function formatRate(rate: string | null | undefined): string {
  if (rate === null || rate === undefined || rate === '') return '—';
  const trimmed = rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
  return `${trimmed}%`;
}

/** "2025-05-01" and "2025-05-31" → "2025-05-01 ~ 2025-05-31". */
export function formatPeriod(start: string, end: string): string {
  return `${start} ~ ${end}`;
}

/** Whether an amount the API sent is below zero (a clawback, a reversal, a statement that takes back). */
export function isNegative(amount: string | null | undefined): boolean {
  return amount !== null && amount !== undefined && isMoney(amount) && compareMoney(amount, '0') < 0;
}

/** Line kinds that take money back: shown in red whatever their amount. */
export const TAKING_BACK: ReadonlySet<string> = new Set(['clawback', 'reversal']);
