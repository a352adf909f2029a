import { describe, expect, it } from 'vitest';
import { COLLECTORS, hasRole, PAYMENT_REVERSERS, PROJECT_ROLES, SALES_LINE, SUPERVISORS } from './roles';

describe('role sets', () => {
  it('answers no for a caller without a role in the project', () => {
    expect(hasRole(null, PROJECT_ROLES)).toBe(false);
    expect(hasRole('consultant', SALES_LINE)).toBe(true);
    expect(hasRole('finance', SALES_LINE)).toBe(false);
  });

  it('lets finance collect and reverse payments, and consultants collect but not reverse', () => {
    expect(COLLECTORS).toEqual(expect.arrayContaining([...SALES_LINE, 'finance']));
    expect(hasRole('consultant', PAYMENT_REVERSERS)).toBe(false);
    expect(PAYMENT_REVERSERS).toEqual(expect.arrayContaining([...SUPERVISORS, 'finance']));
  });
});
