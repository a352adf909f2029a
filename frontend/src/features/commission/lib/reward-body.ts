/**
 * The reward-or-penalty form types an amount without a sign and says with a toggle which it is; the API
 * takes one signed amount (a penalty is negative). Both directions live here, so the sign is decided in
 * one place.
 */
import { isMoney, isZero, normalizeMoney } from '@/lib/money';
import type { RewardCategory, RewardPenaltyCreate } from '../api/rewards';

export type RewardSide = 'reward' | 'penalty';

export interface RewardFormValues {
  consultant_id: string;
  month: string;
  side: RewardSide;
  /** What was typed: a positive amount; a sign typed anyway is ignored (the toggle decides). */
  amount: string;
  category: RewardCategory;
  reason: string;
}

/** The unsigned amount typed, if it is a non-zero amount of money; otherwise null. */
export function typedAmount(text: string | null | undefined): string | null {
  const trimmed = (text ?? '').trim().replace(/^[-+]/, '');
  if (!isMoney(trimmed) || isZero(trimmed)) return null;
  return normalizeMoney(trimmed);
}

/** The API's body: the amount signed by the toggle. Throws if the amount is not one (the form checks first). */
export function rewardBody(values: RewardFormValues): RewardPenaltyCreate {
  const amount = typedAmount(values.amount);
  if (amount === null) throw new Error(`not an amount: "${values.amount}"`);
  return {
    consultant_id: values.consultant_id,
    month: values.month,
    amount: values.side === 'penalty' ? `-${amount}` : amount,
    category: values.category,
    reason: values.reason.trim(),
  };
}

/** The side of a signed amount the API sent. */
export function sideOf(amount: string): RewardSide {
  return amount.trim().startsWith('-') ? 'penalty' : 'reward';
}

/** Categories that are usually a penalty; choosing one turns the toggle that way (the person may turn it back). */
export const PENALTY_CATEGORIES: ReadonlySet<RewardCategory> = new Set(['duplicate_violation', 'lateness', 'complaint_upheld']);

export const CATEGORIES: readonly RewardCategory[] = ['top_seller', 'duplicate_violation', 'lateness', 'complaint_upheld', 'other'];
