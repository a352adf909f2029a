import { describe, expect, it } from 'vitest';
import { dealActions, nextMortgageStages, type DealFacts } from './deal-actions';

const ME = 'me';
const deal = (changes: Partial<DealFacts> = {}): DealFacts => ({
  status: 'subscribed',
  payment_method: 'mortgage_commercial',
  consultant_id: ME,
  pending_approval_id: null,
  ...changes,
});

describe('what the deal screen offers', () => {
  it('lets a consultant sign, collect and ask for operations on their own deals only', () => {
    const own = dealActions(deal(), 'consultant', ME, false);
    expect(own).toMatchObject({ contract: true, recordPayment: true, cancel: true, startMortgage: true, reversePayment: false });
    expect(own.operationsNeedApproval).toBe(true);
    const other = dealActions(deal({ consultant_id: 'someone' }), 'consultant', ME, false);
    expect(Object.entries(other).filter(([key, can]) => key !== 'operationsNeedApproval' && can)).toEqual([]);
  });

  it('lets finance collect and reverse but not sell', () => {
    const can = dealActions(deal({ status: 'contracted' }), 'finance', ME, true);
    expect(can).toMatchObject({ recordPayment: true, reversePayment: true, mortgageStage: true, handover: false, cancel: false });
  });

  it('gives site managers operations at once, and nothing while one waits for approval', () => {
    expect(dealActions(deal(), 'site_manager', ME, false).operationsNeedApproval).toBe(false);
    const waiting = dealActions(deal({ pending_approval_id: 'a1' }), 'site_manager', ME, false);
    expect(waiting).toMatchObject({ cancel: false, changeUnit: false, changeBuyers: false });
  });

  it('offers nothing but reading to a developer rep, and no payment on a cancelled deal', () => {
    const rep = dealActions(deal(), 'developer_rep', ME, false);
    expect(Object.entries(rep).filter(([key, can]) => key !== 'operationsNeedApproval' && can)).toEqual([]);
    expect(dealActions(deal({ status: 'cancelled' }), 'supervisor', ME, false).recordPayment).toBe(false);
  });

  it('moves a mortgage on as the server allows', () => {
    expect(nextMortgageStages('documents_collected')).toEqual(['submitted', 'rejected']);
    expect(nextMortgageStages('rejected')).toEqual(['submitted']);
    expect(nextMortgageStages('disbursed')).toEqual([]);
  });
});
