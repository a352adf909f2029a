import { toFen } from '@/lib/money';

export interface Progress {
  /** Share of the target reached, in whole percent (may pass 100); null when there is no target. */
  percent: number | null;
  /** The bar's fill, 0–100. */
  fill: number;
  reached: boolean;
}

function exact(value: string | number, money: boolean): bigint {
  if (money) return toFen(String(value));
  return BigInt(Math.trunc(Number(value)));
}

/**
 * How far `actual` has come against `target`: money compared on whole fen, counts as integers, so
 * ¥4,999,999.99 of ¥5,000,000 is 99 %, never a float's 100 %. Rounds down: 100 % means reached.
 */
export function progressOf(actual: string | number, target: string | number, money = false): Progress {
  const goal = exact(target, money);
  const done = exact(actual, money);
  if (goal <= 0n) return { percent: null, fill: 0, reached: false };
  const percent = Number((done * 100n) / goal);
  return { percent, fill: Math.max(0, Math.min(100, percent)), reached: done >= goal };
}
