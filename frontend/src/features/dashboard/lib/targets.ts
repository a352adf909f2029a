import type { TargetFigures } from '../api/queries';

/** The target figures a dashboard compares, with the daily report's metric that counts each. */
export const TARGET_METRICS = [
  { target: 'amount_subscribed', metric: 'subscriptions.amount', money: true },
  { target: 'units_subscribed', metric: 'subscriptions.units', money: false },
  { target: 'amount_contracted', metric: 'contracts.amount', money: true },
  { target: 'units_contracted', metric: 'contracts.units', money: false },
  { target: 'amount_collected', metric: 'collections', money: true },
  { target: 'first_visits', metric: 'visits.first', money: false },
  { target: 'new_customers', metric: 'new_customers', money: false },
] as const satisfies readonly { target: keyof TargetFigures; metric: string; money: boolean }[];
