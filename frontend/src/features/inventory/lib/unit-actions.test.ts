import { describe, expect, it } from 'vitest';
import type { UnitAction } from '@/lib/allowed-actions';
import type { UnitStatus } from '../api/get-board';
import type { Reservation } from '../api/get-reservations';
import type { Unit } from '../api/get-unit';
import { unitActions } from './unit-actions';

const ME = 'cons-1';
const unit = (status: UnitStatus, allowed: UnitAction[]) => ({ id: 'u1', status, allowed_actions: allowed }) as unknown as Unit;
const reservation = (allowed: string[], consultant = ME) =>
  ({ id: 'r1', unit_id: 'u1', status: 'active', consultant_id: consultant, allowed_actions: allowed }) as Reservation;

describe("a unit's actions follow its allowed_actions", () => {
  it('offers reserving and subscribing exactly when the server allows reserving', () => {
    expect(unitActions(unit('available', ['reserve']), undefined, ME, 'consultant')).toMatchObject({ reserve: true, subscribe: true });
    // Whatever the role: the server's answer decides.
    expect(unitActions(unit('available', []), undefined, ME, 'admin')).toMatchObject({ reserve: false, subscribe: false });
  });

  it('offers holding and unholding exactly when the server allows them', () => {
    expect(unitActions(unit('available', ['hold', 'reserve']), undefined, ME, 'site_manager')).toMatchObject({ hold: true, unhold: false });
    expect(unitActions(unit('held', ['unhold']), undefined, ME, 'site_manager')).toMatchObject({ hold: false, unhold: true });
    expect(unitActions(unit('held', []), undefined, ME, 'site_manager')).toMatchObject({ hold: false, unhold: false });
  });

  it('offers subscribing on a reserved unit under the caller’s own reservation only', () => {
    expect(unitActions(unit('reserved', []), reservation(['cancel']), ME, 'consultant').subscribe).toBe(true);
    expect(unitActions(unit('reserved', []), reservation(['cancel'], 'someone'), ME, 'supervisor').subscribe).toBe(false);
  });

  it('offers cancelling a reservation when the server allows it, whoever reserved', () => {
    expect(unitActions(unit('reserved', []), reservation(['cancel'], 'someone'), ME, 'supervisor').cancelReservation).toBe(true);
    expect(unitActions(unit('reserved', []), reservation([]), ME, 'consultant').cancelReservation).toBe(false);
    expect(unitActions(unit('reserved', []), undefined, ME, 'consultant').cancelReservation).toBe(false);
  });

  it('offers no cancel on a unit no longer reserved', () => {
    expect(unitActions(unit('subscribed', []), reservation(['cancel']), ME, 'consultant').cancelReservation).toBe(false);
  });

  it('leaves releasing, a project operation, to the project managers', () => {
    expect(unitActions(unit('unreleased', []), undefined, ME, 'project_manager').release).toBe(true);
    expect(unitActions(unit('unreleased', []), undefined, ME, 'site_manager').release).toBe(false);
  });
});
