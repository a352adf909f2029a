import { can } from '@/lib/allowed-actions';
import { hasRole, PROJECT_MANAGERS, SALES_LINE, SITE_MANAGEMENT, type ProjectRole } from '@/lib/roles';
import type { UnitStatus } from '../api/get-board';
import type { Reservation } from '../api/get-reservations';


export interface UnitActions {
  reserve: boolean;
  cancelReservation: boolean;
  hold: boolean;
  unhold: boolean;
  release: boolean;
}

/**
 * What the drawer offers for a unit in `status` to a `role` (the API has the last word). Cancelling
 * follows the live reservation's `allowed_actions`; the rest follow role sets until units carry theirs.
 */
export function unitActions(status: UnitStatus, role: ProjectRole | null, reservation: Reservation | undefined): UnitActions {
  const has = (roles: readonly ProjectRole[]) => hasRole(role, roles);
  return {
    reserve: status === 'available' && has(SALES_LINE),
    cancelReservation: status === 'reserved' && can(reservation, 'cancel'),
    hold: status === 'available' && has(SITE_MANAGEMENT),
    unhold: status === 'held' && has(SITE_MANAGEMENT),
    release: status === 'unreleased' && has(PROJECT_MANAGERS),
  };
}
