import { formatMoney, formatWan, toFen } from '@/lib/money';

/** From 10万 up an amount reads in 万 (as sales offices quote totals); below it, in full yuan. */
const WAN_FROM_FEN = 10_000_000n; // ¥100,000.00

/** Money as an office reads it on a dashboard: "¥484.98万" for large amounts, "¥8,600.00" below 10万. */
export function formatAmount(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount.trim() === '') return '—';
  let fen: bigint;
  try {
    fen = toFen(amount);
  } catch {
    return amount;
  }
  const abs = fen < 0n ? -fen : fen;
  if (abs < WAN_FROM_FEN) return formatMoney(amount);
  const wan = formatWan(amount);
  return wan.startsWith('-') ? `-¥${wan.slice(1)}` : `¥${wan}`;
}

/** An amount as a number of 万 for a chart's axis (display only; figures shown as text stay exact). */
export function wanNumber(amount: string): number {
  return Number(toFen(amount)) / 1_000_000;
}
