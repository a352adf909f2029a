import { describe, expect, it } from 'vitest';
import {
  approvalKeys,
  customerKeys,
  dealKeys,
  developerKeys,
  memberKeys,
  priceListKeys,
  projectKeys,
  receptionKeys,
  reservationKeys,
  sessionKeys,
  unitKeys,
  userKeys,
} from './query-keys';

/** Whether invalidating `prefix` reaches `key` (TanStack matches keys by prefix). */
function under(key: readonly unknown[], prefix: readonly unknown[]): boolean {
  return prefix.every((part, index) => JSON.stringify(part) === JSON.stringify(key[index]));
}

describe('query keys', () => {
  it('gives every resource its own root', () => {
    const roots = [
      unitKeys.all,
      reservationKeys.all,
      priceListKeys.all,
      dealKeys.all,
      customerKeys.all,
      approvalKeys.all,
      memberKeys.all,
      receptionKeys.all,
      projectKeys.all,
      userKeys.all,
      developerKeys.all,
      sessionKeys.me,
    ].map((key) => key[0]);
    expect(new Set(roots).size).toBe(roots.length);
  });

  it("puts a project's board, buildings and available units under its units", () => {
    const project = unitKeys.ofProject('p1');
    expect(under(unitKeys.board('p1'), project)).toBe(true);
    expect(under(unitKeys.boardAt('p1', '2026-01-01T00:00:00+08:00'), unitKeys.board('p1'))).toBe(true);
    expect(under(unitKeys.available('p1'), project)).toBe(true);
    expect(under(unitKeys.buildings('p1'), project)).toBe(true);
    expect(under(unitKeys.available('p2'), project)).toBe(false);
  });

  it("puts a unit's history under the unit, and every unit under the units", () => {
    expect(under(unitKeys.history('u1'), unitKeys.detail('u1'))).toBe(true);
    expect(under(unitKeys.detail('u1'), unitKeys.details())).toBe(true);
    expect(under(unitKeys.detail('u1'), unitKeys.all)).toBe(true);
    expect(under(unitKeys.detail('u2'), unitKeys.detail('u1'))).toBe(false);
  });

  it("refreshes every picker of customers with the project's customer lists", () => {
    const buyer = customerKeys.choices('p1', { purpose: 'buyer', q: '周', mine: false });
    const reservation = customerKeys.choices('p1', { purpose: 'reservation', q: '周', mine: true });
    expect(under(buyer, customerKeys.lists('p1'))).toBe(true);
    expect(under(reservation, customerKeys.lists('p1'))).toBe(true);
    // Each picker caches its own projection, so the two never share an entry.
    expect(buyer).not.toEqual(reservation);
    expect(under(customerKeys.list('p1', {}), customerKeys.lists('p1'))).toBe(true);
  });

  it("keeps a customer's timeline and follow-ups under the customer", () => {
    expect(under(customerKeys.timeline('c1'), customerKeys.detail('c1'))).toBe(true);
    expect(under(customerKeys.customerFollowUps('c1'), customerKeys.detail('c1'))).toBe(true);
  });

  it("refreshes a buyer's deals with the project's deal lists, and a deal's parts with the deal", () => {
    expect(under(dealKeys.customer('p1', 'c1'), dealKeys.lists('p1'))).toBe(true);
    expect(under(dealKeys.list('p1', { status: null }), dealKeys.lists('p1'))).toBe(true);
    for (const key of [dealKeys.timeline('d1'), dealKeys.schedule('d1'), dealKeys.payments('d1'), dealKeys.mortgage('d1')]) {
      expect(under(key, dealKeys.detail('d1'))).toBe(true);
    }
    expect(under(dealKeys.receivableList('p1', true), dealKeys.receivables('p1'))).toBe(true);
  });

  it("refreshes the members' names with the project's members", () => {
    expect(under(memberKeys.names('p1'), memberKeys.ofProject('p1'))).toBe(true);
    expect(under(memberKeys.list({ projectId: 'p1', limit: 100 }), memberKeys.ofProject('p1'))).toBe(true);
  });

  it('keeps live reservations and price lists per project', () => {
    expect(under(reservationKeys.live('p1'), reservationKeys.ofProject('p1'))).toBe(true);
    expect(under(reservationKeys.live('p2'), reservationKeys.ofProject('p1'))).toBe(false);
    expect(under(priceListKeys.ofProject('p1'), priceListKeys.all)).toBe(true);
    expect(under(priceListKeys.items('l1'), priceListKeys.all)).toBe(true);
  });
});
