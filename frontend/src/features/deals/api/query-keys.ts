/** Every query of this feature lives under ['deals']; mutations invalidate through these. */
import type { Schemas } from '@/api/client';

export type DealStatus = Schemas['DealStatus'];

export interface DealListFilters {
  status: DealStatus | null;
}

export interface DealQuoteInput {
  projectId: string;
  body: Schemas['DealQuote'];
}

export const dealKeys = {
  all: ['deals'] as const,
  lists: (projectId: string) => [...dealKeys.all, 'list', projectId] as const,
  list: (projectId: string, filters: DealListFilters) => [...dealKeys.lists(projectId), filters] as const,
  /** One buyer's deals; under `lists` so whatever refreshes the lists refreshes these too. */
  customer: (projectId: string, customerId: string) => [...dealKeys.lists(projectId), 'customer', customerId] as const,
  details: () => [...dealKeys.all, 'detail'] as const,
  detail: (dealId: string) => [...dealKeys.details(), dealId] as const,
  timeline: (dealId: string) => [...dealKeys.detail(dealId), 'timeline'] as const,
  schedule: (dealId: string) => [...dealKeys.detail(dealId), 'schedule'] as const,
  payments: (dealId: string) => [...dealKeys.detail(dealId), 'payments'] as const,
  mortgage: (dealId: string) => [...dealKeys.detail(dealId), 'mortgage'] as const,
  quote: (input: DealQuoteInput) => [...dealKeys.all, 'quote', input.projectId, input.body] as const,
  receivables: (projectId: string) => [...dealKeys.all, 'receivables', projectId] as const,
  receivableList: (projectId: string, overdue: boolean) => [...dealKeys.receivables(projectId), { overdue }] as const,
  units: () => [...dealKeys.all, 'unit'] as const,
  unit: (unitId: string) => [...dealKeys.units(), unitId] as const,
  availableUnits: (projectId: string) => [...dealKeys.all, 'available-units', projectId] as const,
  customers: (projectId: string, q: string) => [...dealKeys.all, 'customers', projectId, q] as const,
  members: (projectId: string) => [...dealKeys.all, 'members', projectId] as const,
};
