import { describe, expect, it } from 'vitest';
import { nextMortgageStages, operationsNeedApproval } from './deal-actions';

describe('what the deal screen decides besides its buttons', () => {
  it('words operations as approval requests except for the site management, who operate at once', () => {
    expect(operationsNeedApproval('consultant')).toBe(true);
    expect(operationsNeedApproval('supervisor')).toBe(true);
    expect(operationsNeedApproval('site_manager')).toBe(false);
    expect(operationsNeedApproval('admin')).toBe(false);
    expect(operationsNeedApproval(null)).toBe(true);
  });

  it('moves a mortgage on as the server allows', () => {
    expect(nextMortgageStages('documents_collected')).toEqual(['submitted', 'rejected']);
    expect(nextMortgageStages('rejected')).toEqual(['submitted']);
    expect(nextMortgageStages('disbursed')).toEqual([]);
  });
});
