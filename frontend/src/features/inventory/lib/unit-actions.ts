import type { ProjectRole } from '@/lib/roles';
import type { UnitStatus } from '../api/get-board';

const RESERVERS: readonly ProjectRole[] = ['consultant', 'supervisor', 'site_manager', 'project_manager', 'admin'];
const HOLDERS: readonly ProjectRole[] = ['site_manager', 'project_manager', 'admin'];
const MANAGERS: readonly ProjectRole[] = ['project_manager', 'admin'];

export interface UnitActions {
  reserve: boolean;
  cancelReservation: boolean;
  hold: boolean;
  unhold: boolean;
  release: boolean;
}

/** What the drawer offers for a unit in `status` to a `role` (the API has the last word). */
export function unitActions(status: UnitStatus, role: ProjectRole | null, ownReservation: boolean): UnitActions {
  const has = (roles: readonly ProjectRole[]) => role !== null && roles.includes(role);
  return {
    reserve: status === 'available' && has(RESERVERS),
    cancelReservation: status === 'reserved' && ownReservation,
    hold: status === 'available' && has(HOLDERS),
    unhold: status === 'held' && has(HOLDERS),
    release: status === 'unreleased' && has(MANAGERS),
  };
}
