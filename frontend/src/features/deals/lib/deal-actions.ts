/** What a role may do on a deal in its status (the server decides; the screen only offers it). */
import type { Schemas } from '@/api/client';
import { COLLECTORS, hasRole, PAYMENT_REVERSERS, SALES_LINE, SITE_MANAGEMENT, type ProjectRole } from '@/lib/roles';

type DealStatus = Schemas['DealStatus'];

/** Cancel, change of unit or buyers: done at once by the site's management, asked for approval by the others. */
const OPERATES_AT_ONCE = SITE_MANAGEMENT;
const MORTGAGE_METHODS = new Set(['mortgage_commercial', 'mortgage_provident', 'mortgage_combined']);

export interface DealFacts {
  status: DealStatus;
  payment_method: Schemas['PaymentMethod'];
  consultant_id: string | null;
  pending_approval_id?: string | null;
}

export interface DealActions {
  contract: boolean;
  handover: boolean;
  cancel: boolean;
  changeUnit: boolean;
  changeBuyers: boolean;
  recordPayment: boolean;
  reversePayment: boolean;
  startMortgage: boolean;
  mortgageStage: boolean;
  collectionNote: boolean;
  /** Whether cancel / change of unit / change of buyers needs an approval for this role. */
  operationsNeedApproval: boolean;
}

export function dealActions(deal: DealFacts, role: ProjectRole | null, userId: string, hasMortgage: boolean): DealActions {
  const own = role !== 'consultant' || deal.consultant_id === userId;
  const is = (roles: readonly ProjectRole[]) => hasRole(role, roles) && own;
  const live = deal.status === 'subscribed' || deal.status === 'contracted';
  const waiting = Boolean(deal.pending_approval_id);
  const paying = deal.status !== 'cancelled';
  return {
    contract: is(SALES_LINE) && deal.status === 'subscribed',
    handover: is(SALES_LINE) && deal.status === 'contracted',
    cancel: is(SALES_LINE) && live && !waiting,
    changeUnit: is(SALES_LINE) && live && !waiting,
    changeBuyers: is(SALES_LINE) && live && !waiting,
    recordPayment: is(COLLECTORS) && paying,
    reversePayment: is(PAYMENT_REVERSERS) && paying,
    startMortgage: is(COLLECTORS) && live && MORTGAGE_METHODS.has(deal.payment_method) && !hasMortgage,
    mortgageStage: is(COLLECTORS) && live && hasMortgage,
    collectionNote: is(COLLECTORS) && deal.status !== 'cancelled',
    operationsNeedApproval: !hasRole(role, OPERATES_AT_ONCE),
  };
}

/** Mortgage stages that may follow `stage` (as the server allows them). */
export function nextMortgageStages(stage: Schemas['MortgageStage']): Schemas['MortgageStage'][] {
  switch (stage) {
    case 'documents_collected':
      return ['submitted', 'rejected'];
    case 'submitted':
      return ['approved', 'rejected'];
    case 'approved':
      return ['disbursed', 'rejected'];
    case 'rejected':
      return ['submitted'];
    case 'disbursed':
      return [];
  }
}
