import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { can } from './allowed-actions';

function reservation(allowed: string[]): Schemas['Reservation'] {
  return {
    id: 'r1',
    created_at: '2026-11-20T02:00:00Z',
    updated_at: '2026-11-20T02:00:00Z',
    version: 1,
    project_id: 'p1',
    unit_id: 'u1',
    consultant_id: 'cons-1',
    customer_id: 'c1',
    status: 'active',
    minutes: 30,
    expires_at: '2026-11-20T02:30:00Z',
    allowed_actions: allowed,
  } as Schemas['Reservation'];
}

describe('can', () => {
  it('follows what the server allows', () => {
    expect(can(reservation(['cancel']), 'cancel')).toBe(true);
    expect(can(reservation([]), 'cancel')).toBe(false);
  });

  it('allows nothing on what is not loaded', () => {
    expect(can(undefined, 'cancel')).toBe(false);
    expect(can(null, 'cancel')).toBe(false);
  });
});

describe('can, typed per entity', () => {
  const deal = { allowed_actions: ['contract'] } as Schemas['Deal'];
  const customer = { allowed_actions: ['claim'] } as Schemas['Customer'];

  it("answers each entity's own actions", () => {
    expect(can(deal, 'contract')).toBe(true);
    expect(can(deal, 'handover')).toBe(false);
    expect(can(customer, 'claim')).toBe(true);
  });

  it("does not compile a question about another entity's action", () => {
    // @ts-expect-error a deal is never claimed: that is a customer's action
    expect(can(deal, 'claim')).toBe(false);
    // @ts-expect-error a customer is not contracted: that is a deal's action
    expect(can(customer, 'contract')).toBe(false);
  });
});
