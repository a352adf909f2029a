/**
 * The buttons a screen shows come from the server: each entity the API sends carries `allowed_actions`,
 * computed by the same policy that checks the request (backend `<domain>/policy.py`), so a button is
 * shown exactly when the server would accept it. Role lists on the client are a stopgap until an
 * entity carries the field.
 */
import type { Schemas } from '@/api/client';

/** What the caller may do with a reservation (小订): cancel it while it is live. */
export type ReservationAction = 'cancel';

/** Whether the server allows `action` on `entity` (nothing loaded yet: no). */
export function can(entity: Schemas['Reservation'] | null | undefined, action: ReservationAction): boolean;
export function can(entity: { allowed_actions: readonly string[] } | null | undefined, action: string): boolean {
  return entity?.allowed_actions.includes(action) ?? false;
}
