/**
 * What a deal's screen decides besides its buttons, which follow the deal's `allowed_actions`
 * (`can(deal, …)` in lib/allowed-actions.ts).
 */
import type { Schemas } from '@/api/client';
import { hasRole, SITE_MANAGEMENT, type ProjectRole } from '@/lib/roles';

/**
 * Whether a cancel, change of unit or change of buyers asked by `role` waits for an approval (the
 * server does it at once when the role may decide the approval itself: the site's management). Only
 * the wording of the operation's dialog depends on it; the server answers which it did.
 */
export function operationsNeedApproval(role: ProjectRole | null): boolean {
  return !hasRole(role, SITE_MANAGEMENT);
}

/** Mortgage stages that may follow `stage` (as the server allows them). */
export function nextMortgageStages(stage: Schemas['MortgageStage']): Schemas['MortgageStage'][] {
  switch (stage) {
    case 'documents_collected':
      return ['submitted', 'rejected'];
    case 'submitted':
      return ['approved', 'rejected'];
    case 'approved':
      return ['disbursed', 'rejected'];
    case 'rejected':
      return ['submitted'];
    case 'disbursed':
      return [];
  }
}
