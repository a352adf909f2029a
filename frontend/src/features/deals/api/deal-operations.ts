/** The deal's lifecycle operations: each a POST; the deal, its lists, its units and buyers refresh after. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { refreshAfterDealOperation } from './refresh-after-deal';

export type OperationResult = Schemas['OperationResult'];
const at = (dealId: string) => ({ path: { deal_id: dealId } });

export type DealOperation =
  | { kind: 'contract'; dealId: string; body: Schemas['ContractRequest'] }
  | { kind: 'handover'; dealId: string; body: Schemas['HandoverRequest'] }
  | { kind: 'cancel'; dealId: string; body: Schemas['CancelRequest'] }
  | { kind: 'changeUnit'; dealId: string; body: Schemas['ChangeUnitRequest'] }
  | { kind: 'changeBuyers'; dealId: string; body: Schemas['ChangeBuyersRequest'] }
  | { kind: 'mortgage'; dealId: string; body: Schemas['MortgageCreate'] }
  | { kind: 'mortgageStage'; dealId: string; body: Schemas['MortgageStageChange'] };

/** Runs one operation; answers whether it was done at once or waits for an approval. */
export async function runDealOperation(op: DealOperation): Promise<'done' | 'pending'> {
  const params = at(op.dealId);
  switch (op.kind) {
    case 'contract':
      await unwrap(api.POST('/api/v1/deals/{deal_id}/contract', { params, body: op.body }));
      return 'done';
    case 'handover':
      await unwrap(api.POST('/api/v1/deals/{deal_id}/handover', { params, body: op.body }));
      return 'done';
    case 'cancel':
      return (await unwrap(api.POST('/api/v1/deals/{deal_id}/cancel', { params, body: op.body }))).operation.status === 'done'
        ? 'done'
        : 'pending';
    case 'changeUnit':
      return (await unwrap(api.POST('/api/v1/deals/{deal_id}/change-unit', { params, body: op.body }))).operation.status ===
        'done'
        ? 'done'
        : 'pending';
    case 'changeBuyers':
      return (await unwrap(api.POST('/api/v1/deals/{deal_id}/change-buyers', { params, body: op.body }))).operation
        .status === 'done'
        ? 'done'
        : 'pending';
    case 'mortgage':
      await unwrap(api.POST('/api/v1/deals/{deal_id}/mortgage', { params, body: op.body }));
      return 'done';
    case 'mortgageStage':
      await unwrap(api.POST('/api/v1/deals/{deal_id}/mortgage/stage', { params, body: op.body }));
      return 'done';
  }
}

export function useDealOperation(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runDealOperation,
    onSettled: (_data, _error, { dealId }) => refreshAfterDealOperation(queryClient, { projectId, dealId }),
  });
}
