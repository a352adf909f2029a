/** A deal's credits (业绩分配): who shares its commission and how much, and proposing a change. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { approvalKeys, commissionKeys } from '@/lib/query-keys';

export type DealCredits = Schemas['DealCredits'];
export type DealCreditsChange = Schemas['DealCreditsChange'];

export function useDealCredits(dealId: string) {
  return useQuery(
    queryOptions({
      queryKey: commissionKeys.credits(dealId),
      queryFn: () => unwrap(api.GET('/api/v1/deals/{deal_id}/credits', { params: { path: { deal_id: dealId } } })),
    }),
  );
}

export function useProposeCredits(dealId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DealCreditsChange) =>
      unwrap(api.POST('/api/v1/deals/{deal_id}/credits', { params: { path: { deal_id: dealId } }, body })),
    onSuccess: (credits) => {
      client.setQueryData(commissionKeys.credits(dealId), credits);
      // The proposal waits in a site manager's approvals inbox.
      void client.invalidateQueries({ queryKey: approvalKeys.all });
    },
  });
}
