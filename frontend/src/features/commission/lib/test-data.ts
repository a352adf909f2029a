/** Statements and lines as the API sends them, for the feature's tests. */
import type { CommissionLine, CommissionStatement } from '../api/statements';

export const PROJECT = '11111111-1111-4111-8111-111111111111';
export const C1 = '22222222-2222-4222-8222-222222222222';
export const C2 = '33333333-3333-4333-8333-333333333333';

export function statement(patch: Partial<CommissionStatement> = {}): CommissionStatement {
  return {
    id: '44444444-4444-4444-8444-444444444444',
    created_at: '2026-05-01T02:00:00Z',
    updated_at: '2026-05-02T02:00:00Z',
    version: 3,
    project_id: PROJECT,
    consultant_id: C1,
    consultant_name: '陈一',
    month: '2026-04',
    status: 'approved',
    grade: 'mid',
    total: '2234.50',
    line_count: 3,
    computed_at: '2026-05-01T02:00:00Z',
    submitted_by: null,
    submitted_at: '2026-05-01T03:00:00Z',
    approved_by: null,
    approved_at: '2026-05-01T04:00:00Z',
    paid_by: null,
    paid_at: null,
    allowed_actions: [],
    ...patch,
  };
}

export function line(patch: Partial<CommissionLine> = {}): CommissionLine {
  return {
    id: crypto.randomUUID(),
    seq: 1,
    source: 'deal',
    kind: 'earned',
    deal_id: '55555555-5555-4555-8555-555555555555',
    unit_code: '1-1-0101',
    stage: '签约',
    plan_version: 1,
    base: '1234500.00',
    rate: '0.2000',
    share: '50.00',
    fixed: null,
    amount: '1234.50',
    earned_on: '2026-04-10',
    reward_penalty_id: null,
    note: null,
    ...patch,
  };
}
