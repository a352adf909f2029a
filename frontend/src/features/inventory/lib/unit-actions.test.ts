import { describe, expect, it } from 'vitest';
import type { Reservation } from '../api/get-reservations';
import { unitActions } from './unit-actions';

const reservation = (allowed: string[]) => ({ id: 'r1', unit_id: 'u1', status: 'active', allowed_actions: allowed }) as Reservation;

describe("a unit's actions", () => {
  it('offers cancelling a reservation when the server allows it, whoever reserved', () => {
    expect(unitActions('reserved', 'supervisor', reservation(['cancel'])).cancelReservation).toBe(true);
    expect(unitActions('reserved', 'consultant', reservation([])).cancelReservation).toBe(false);
    expect(unitActions('reserved', 'consultant', undefined).cancelReservation).toBe(false);
  });

  it('offers no cancel on a unit no longer reserved', () => {
    expect(unitActions('subscribed', 'consultant', reservation(['cancel'])).cancelReservation).toBe(false);
  });
});
