import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { approvalKeys, dealKeys, priceListKeys, unitKeys } from '@/lib/query-keys';

export interface Decision {
  approvalId: string;
  approve: boolean;
  comment: string;
}

export function decideApproval({ approvalId, approve, comment }: Decision) {
  const params = { path: { approval_id: approvalId } };
  return approve
    ? unwrap(api.POST('/api/v1/approvals/{approval_id}/approve', { params, body: { comment: comment || null } }))
    : unwrap(api.POST('/api/v1/approvals/{approval_id}/reject', { params, body: { comment } }));
}

/**
 * Approve or reject. Besides the inbox, what the request was about refreshes wherever it is shown: an
 * approved price list puts new prices on the units, a settled deal operation moves its deal and units.
 */
export function useDecideApproval() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideApproval,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: approvalKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: priceListKeys.all }),
        queryClient.invalidateQueries({ queryKey: unitKeys.all }),
        queryClient.invalidateQueries({ queryKey: dealKeys.all }),
      ]),
  });
}
