import { describe, expect, it } from 'vitest';
import { PROJECT_ROLES } from '@/lib/roles';
import { cardsFor, type CardKey } from './cards';

// Who may read what each card asks for (tests/test_access_matrix.py): a card outside its readers would 403.
const READERS: Partial<Record<CardKey, readonly string[]>> = {
  overdue: ['admin', 'project_manager', 'site_manager', 'supervisor', 'consultant', 'finance'],
  absorption: ['admin', 'project_manager', 'site_manager', 'supervisor', 'finance', 'developer_rep'],
  channels: ['admin', 'project_manager', 'site_manager', 'supervisor', 'finance', 'developer_rep'],
  agencyStatements: ['admin', 'project_manager', 'site_manager', 'supervisor', 'finance', 'developer_rep'],
  latestClose: ['admin', 'project_manager', 'site_manager', 'supervisor', 'finance', 'developer_rep'],
};

describe('cardsFor', () => {
  it("leads with the supervisor's team day, then who is on duty, approvals, overdue and complaints", () => {
    expect(cardsFor('supervisor')).toEqual(['teamDay', 'roster', 'approvals', 'overdue', 'complaints']);
  });

  it("gives a consultant their targets and today's follow-ups first", () => {
    expect(cardsFor('consultant').slice(0, 2)).toEqual(['myTargets', 'followUps']);
  });

  it('gives managers the month against target and absorption first', () => {
    expect(cardsFor('project_manager').slice(0, 2)).toEqual(['monthTarget', 'absorption']);
    expect(cardsFor('admin').slice(0, 2)).toEqual(['monthTarget', 'absorption']);
  });

  it("gives the developer's rep absorption, collections and statements; finance collections first", () => {
    expect(cardsFor('developer_rep')).toEqual(expect.arrayContaining(['absorption', 'collections', 'latestClose', 'agencyStatements']));
    expect(cardsFor('finance')[0]).toBe('collections');
  });

  it('never gives a role a card it may not read', () => {
    for (const role of PROJECT_ROLES) {
      for (const card of cardsFor(role)) {
        const readers = READERS[card];
        if (readers) expect(readers, `${role} / ${card}`).toContain(role);
      }
    }
  });

  it('has no cards without a role', () => {
    expect(cardsFor(null)).toEqual([]);
  });
});
