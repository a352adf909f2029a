/**
 * The buttons a screen shows come from the server: each entity the API sends carries `allowed_actions`,
 * computed by the same policy that checks the request (backend `<domain>/policy.py`), so a button is
 * shown exactly when the server would accept it. One overload per entity names the actions its policy
 * can answer, so asking a deal whether it may be claimed does not compile.
 */
import type { Schemas } from '@/api/client';

/** What the caller may do with a deal (deals/policy.py `ACTION_ROLES`, by role, status and pending approval). */
export type DealAction =
  | 'contract'
  | 'handover'
  | 'cancel'
  | 'change_unit'
  | 'change_buyers'
  | 'edit_schedule'
  | 'record_payment'
  | 'reverse_payment'
  | 'add_collection_note'
  | 'start_mortgage'
  | 'advance_mortgage';

/** What the caller may do with a unit in its status now (inventory/policy.py `UNIT_ACTION_ROLES`). */
export type UnitAction = 'edit' | 'hold' | 'unhold' | 'reserve';

/** What the caller may do with a customer (customers/policy.py `customer_actions`). */
export type CustomerAction =
  | 'edit'
  | 'record_visit'
  | 'record_call'
  | 'add_follow_up'
  | 'read_history'
  | 'claim'
  | 'reassign'
  | 'subscribe';

/** What the caller may do with an approval request: decide it while it is pending and their role suffices. */
export type ApprovalAction = 'approve' | 'reject';

/** What the caller may do with a reservation (小订): cancel it while it is live. */
export type ReservationAction = 'cancel';

/** What the caller may do with a complaint now (complaints/policy.py: by level, role and status). */
export type ComplaintAction =
  | 'comment'
  | 'acknowledge'
  | 'start'
  | 'resolve'
  | 'escalate'
  | 'close'
  | 'reopen'
  | 'rating_link';

/** What the caller may do with an agency-fee statement now (commission/policy.py `statement_actions`, by state and role). */
export type AgencyFeeStatementAction =
  | 'recompute'
  | 'submit'
  | 'confirm'
  | 'dispute'
  | 'return'
  | 'invoice'
  | 'record_payment';

/** What the caller may do with a consultant's monthly statement now (commission/consultant_policy.py `statement_actions`). */
export type CommissionStatementAction = 'submit' | 'approve' | 'pay';

/** Whether the server allows `action` on `entity` (nothing loaded yet: no). */
export function can(entity: Schemas['Deal'] | Schemas['DealSummary'] | null | undefined, action: DealAction): boolean;
export function can(entity: Schemas['UnitPublic'] | Schemas['Unit'] | null | undefined, action: UnitAction): boolean;
export function can(entity: Schemas['Customer'] | null | undefined, action: CustomerAction): boolean;
export function can(entity: Schemas['Approval'] | null | undefined, action: ApprovalAction): boolean;
export function can(entity: Schemas['Reservation'] | null | undefined, action: ReservationAction): boolean;
export function can(entity: Schemas['Complaint'] | null | undefined, action: ComplaintAction): boolean;
export function can(entity: Schemas['AgencyFeeStatement'] | null | undefined, action: AgencyFeeStatementAction): boolean;
export function can(entity: Schemas['CommissionStatement'] | null | undefined, action: CommissionStatementAction): boolean;
export function can(entity: { allowed_actions: readonly string[] } | null | undefined, action: string): boolean {
  return entity?.allowed_actions.includes(action) ?? false;
}
