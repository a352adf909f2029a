import { can } from '@/lib/allowed-actions';
import { hasRole, PROJECT_MANAGERS, type ProjectRole } from '@/lib/roles';
import type { Reservation } from '../api/get-reservations';
import type { Unit } from '../api/get-unit';

export interface UnitActions {
  reserve: boolean;
  /** Subscribe (认购) on the unit: available to whoever may reserve it, or reserved by the caller. */
  subscribe: boolean;
  cancelReservation: boolean;
  hold: boolean;
  unhold: boolean;
  release: boolean;
}

/**
 * What the drawer offers for a unit as fetched: reserving, holding and unholding follow the unit's
 * `allowed_actions`, cancelling the live reservation's. Subscribing has no action of its own on a unit:
 * the server takes an available unit from anyone of the sales line (who are those that may reserve it)
 * and a reserved one under the caller's own reservation. Releasing (推售) is a project's operation
 * (POST /projects/{id}/releases), not a unit's, so it stays with the project managers' role.
 */
export function unitActions(
  unit: Unit,
  reservation: Reservation | undefined,
  userId: string,
  role: ProjectRole | null,
): UnitActions {
  const reservedByMe = unit.status === 'reserved' && reservation?.consultant_id === userId;
  return {
    reserve: can(unit, 'reserve'),
    subscribe: can(unit, 'reserve') || reservedByMe,
    cancelReservation: unit.status === 'reserved' && can(reservation, 'cancel'),
    hold: can(unit, 'hold'),
    unhold: can(unit, 'unhold'),
    release: unit.status === 'unreleased' && hasRole(role, PROJECT_MANAGERS),
  };
}
