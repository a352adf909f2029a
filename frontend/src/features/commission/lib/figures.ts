/** The figures' numbers for charts (floats are fine on a chart's axis; tables show the exact strings). */
import { addMoney, toFen } from '@/lib/money';
import type { MonthFigures } from '../api/figures';

/** Yuan → 万元 as a number, for an axis. */
export function wan(amount: string | null): number | null {
  return amount === null ? null : Number(amount) / 10_000;
}

/** "0.0123" (a share 0–1) → "1.23%"; null → "—". */
export function shareText(share: string | null): string {
  return share === null ? '—' : `${(Number(share) * 100).toFixed(2)}%`;
}

/** A share 0–1 as a percent number for an axis. */
export function sharePercent(share: string | null): number | null {
  return share === null ? null : Number((Number(share) * 100).toFixed(2));
}

export interface FigureTotals {
  contracted_units: number;
  contracted_amount: string;
  commission_cost: string;
  commission_share: string | null;
  agency_fee_earned: string;
  agency_fee_invoiced: string;
  agency_fee_received: string;
}

/** The period's totals: money summed exactly in fen, the share as total cost ÷ total sales. */
export function totals(months: readonly MonthFigures[]): FigureTotals {
  const sum = (pick: (m: MonthFigures) => string) => addMoney('0', ...months.map(pick));
  const contracted = sum((m) => m.contracted_amount);
  const cost = sum((m) => m.commission_cost);
  // A ratio to show (two decimals of a percent): a float is exact enough, the amounts themselves stay exact.
  const share = toFen(contracted) === 0n ? null : (Number(toFen(cost)) / Number(toFen(contracted))).toFixed(6);
  return {
    contracted_units: months.reduce((n, m) => n + m.contracted_units, 0),
    contracted_amount: contracted,
    commission_cost: cost,
    commission_share: share,
    agency_fee_earned: sum((m) => m.agency_fee_earned),
    agency_fee_invoiced: sum((m) => m.agency_fee_invoiced),
    agency_fee_received: sum((m) => m.agency_fee_received),
  };
}
