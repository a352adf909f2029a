import { hasRole, PROJECT_MANAGERS, SALES_LINE, SITE_MANAGEMENT, type ProjectRole } from '@/lib/roles';
import type { UnitStatus } from '../api/get-board';


export interface UnitActions {
  reserve: boolean;
  cancelReservation: boolean;
  hold: boolean;
  unhold: boolean;
  release: boolean;
}

/** What the drawer offers for a unit in `status` to a `role` (the API has the last word). */
export function unitActions(status: UnitStatus, role: ProjectRole | null, ownReservation: boolean): UnitActions {
  const has = (roles: readonly ProjectRole[]) => hasRole(role, roles);
  return {
    reserve: status === 'available' && has(SALES_LINE),
    cancelReservation: status === 'reserved' && ownReservation,
    hold: status === 'available' && has(SITE_MANAGEMENT),
    unhold: status === 'held' && has(SITE_MANAGEMENT),
    release: status === 'unreleased' && has(PROJECT_MANAGERS),
  };
}
