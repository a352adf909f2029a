/**
 * A commission statement's state actions. Which ones the caller may take comes from the statement's
 * `allowed_actions` (commission/consultant_policy.py); this module only says the order they are shown in.
 */
import type { Schemas } from '@/api/client';
import type { CommissionStatementAction } from '@/lib/allowed-actions';

type Status = Schemas['CommissionStatementStatus'];

export type StatementAction = CommissionStatementAction;

/** The order a statement goes through its actions: the buttons stand in it. */
export const STATEMENT_ACTIONS: readonly StatementAction[] = ['submit', 'approve', 'pay'];

/** Approved and paid statements never change again; corrections go to next month's. */
export function isLocked(status: Status): boolean {
  return status === 'approved' || status === 'paid';
}
