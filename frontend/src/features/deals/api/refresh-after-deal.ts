/**
 * What a deal's change makes stale beyond the deal itself, whichever feature shows it: a subscription
 * or an operation moves a unit (the board, the unit drawer, the units a wizard may choose), may use up
 * a reservation, moves the buyers' stage and timeline, and may open an approval.
 */
import type { QueryClient } from '@tanstack/react-query';
import { approvalKeys, customerKeys, dealKeys, reservationKeys, unitKeys } from '@/lib/query-keys';

/** After 认购: the deal lists, the unit and the project's units, reservations, the buyers, approvals. */
export function refreshAfterSubscription(
  queryClient: QueryClient,
  { projectId, unitId, customerIds }: { projectId: string; unitId: string; customerIds: readonly string[] },
) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: dealKeys.lists(projectId) }),
    queryClient.invalidateQueries({ queryKey: unitKeys.ofProject(projectId) }),
    queryClient.invalidateQueries({ queryKey: unitKeys.detail(unitId) }),
    queryClient.invalidateQueries({ queryKey: reservationKeys.ofProject(projectId) }),
    queryClient.invalidateQueries({ queryKey: customerKeys.lists(projectId) }),
    ...customerIds.map((customerId) => queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) })),
    queryClient.invalidateQueries({ queryKey: approvalKeys.lists() }),
  ]);
}

/**
 * After an operation on a live deal (contract, handover, cancel, change of unit or buyers, mortgage):
 * which units and buyers it touched is not known when it failed or waits for approval, so every
 * unit and customer shown refreshes.
 */
export function refreshAfterDealOperation(queryClient: QueryClient, { projectId, dealId }: { projectId: string; dealId: string }) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: dealKeys.detail(dealId) }),
    queryClient.invalidateQueries({ queryKey: dealKeys.lists(projectId) }),
    queryClient.invalidateQueries({ queryKey: dealKeys.receivables(projectId) }),
    queryClient.invalidateQueries({ queryKey: unitKeys.ofProject(projectId) }),
    queryClient.invalidateQueries({ queryKey: unitKeys.details() }),
    queryClient.invalidateQueries({ queryKey: customerKeys.lists(projectId) }),
    queryClient.invalidateQueries({ queryKey: customerKeys.details() }),
    queryClient.invalidateQueries({ queryKey: approvalKeys.lists() }),
  ]);
}
