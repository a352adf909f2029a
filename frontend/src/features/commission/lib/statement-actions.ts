/**
 * What the caller may do with a commission statement. The API sends no `allowed_actions` for these
 * statements, so the rule is written here as the server checks it (commission/consultant_router.py
 * and consultant_statements.py): a draft is submitted by a supervisor and up, a submitted one approved
 * by a site or project manager, an approved one paid by finance; the admin may do all three. The
 * server stays the judge: a 403 or 409 is shown as a sentence.
 */
import type { Schemas } from '@/api/client';

type Role = Schemas['ProjectRole'];
type Status = Schemas['CommissionStatementStatus'];

export type StatementAction = 'submit' | 'approve' | 'pay';

const RULES: Record<StatementAction, { from: Status; roles: readonly Role[] }> = {
  submit: { from: 'draft', roles: ['admin', 'project_manager', 'site_manager', 'supervisor'] },
  approve: { from: 'submitted', roles: ['admin', 'project_manager', 'site_manager'] },
  pay: { from: 'approved', roles: ['admin', 'finance'] },
};

export const STATEMENT_ACTIONS: readonly StatementAction[] = ['submit', 'approve', 'pay'];

/** The actions `role` may take on a statement in `status`, in the order the statement goes through them. */
export function statementActions(role: Role | null, status: Status): StatementAction[] {
  if (role === null) return [];
  return STATEMENT_ACTIONS.filter((action) => RULES[action].from === status && RULES[action].roles.includes(role));
}

/** Approved and paid statements never change again; corrections go to next month's. */
export function isLocked(status: Status): boolean {
  return status === 'approved' || status === 'paid';
}
