/** What a role may do on a deal in its status (the server decides; the screen only offers it). */
import type { Schemas } from '@/api/client';
import type { ProjectRole } from '@/lib/roles';

type DealStatus = Schemas['DealStatus'];

const SELLERS: readonly ProjectRole[] = ['admin', 'project_manager', 'site_manager', 'supervisor', 'consultant'];
const COLLECTORS: readonly ProjectRole[] = [...SELLERS, 'finance'];
const REVERSERS: readonly ProjectRole[] = ['admin', 'project_manager', 'site_manager', 'supervisor', 'finance'];
/** Cancel, change of unit or buyers: done at once by these, asked for approval by the others. */
const OPERATES_AT_ONCE: readonly ProjectRole[] = ['admin', 'project_manager', 'site_manager'];
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
  const is = (roles: readonly ProjectRole[]) => role !== null && roles.includes(role) && own;
  const live = deal.status === 'subscribed' || deal.status === 'contracted';
  const waiting = Boolean(deal.pending_approval_id);
  const paying = deal.status !== 'cancelled';
  return {
    contract: is(SELLERS) && deal.status === 'subscribed',
    handover: is(SELLERS) && deal.status === 'contracted',
    cancel: is(SELLERS) && live && !waiting,
    changeUnit: is(SELLERS) && live && !waiting,
    changeBuyers: is(SELLERS) && live && !waiting,
    recordPayment: is(COLLECTORS) && paying,
    reversePayment: is(REVERSERS) && paying,
    startMortgage: is(COLLECTORS) && live && MORTGAGE_METHODS.has(deal.payment_method) && !hasMortgage,
    mortgageStage: is(COLLECTORS) && live && hasMortgage,
    collectionNote: is(COLLECTORS) && deal.status !== 'cancelled',
    operationsNeedApproval: role === null || !OPERATES_AT_ONCE.includes(role),
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
