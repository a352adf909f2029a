import { describe, expect, it } from 'vitest';
import { APPROVERS, COLLECTORS, hasRole, PROJECT_ROLES, SALES_LINE, SUPERVISORS } from './roles';

describe('role sets', () => {
  it('answers no for a caller without a role in the project', () => {
    expect(hasRole(null, PROJECT_ROLES)).toBe(false);
    expect(hasRole('consultant', SALES_LINE)).toBe(true);
    expect(hasRole('finance', SALES_LINE)).toBe(false);
  });

  it('shows receivables to the sales line and finance, and the approvals inbox to supervisors and the developer rep', () => {
    expect(COLLECTORS).toEqual(expect.arrayContaining([...SALES_LINE, 'finance']));
    expect(APPROVERS).toEqual(expect.arrayContaining([...SUPERVISORS, 'developer_rep']));
    expect(hasRole('consultant', APPROVERS)).toBe(false);
  });
});
