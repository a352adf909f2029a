import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { approvalKeys } from './query-keys';

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

/** Approve or reject; the inbox refreshes (and whatever `onDecided` names, e.g. the price lists). */
export function useDecideApproval(onDecided?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideApproval,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: approvalKeys.lists() });
      onDecided?.();
    },
  });
}
