import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

/** Records the outcome of a follow-up, which marks it done and renews the customer's protection. */
export function completeFollowUp({ followUpId, outcome }: { followUpId: string; outcome: string }) {
  return unwrap(
    api.PATCH('/api/v1/follow-ups/{follow_up_id}', {
      params: { path: { follow_up_id: followUpId } },
      body: { outcome },
    }),
  );
}

export function useCompleteFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: completeFollowUp,
    onSuccess: (followUp) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.detail(followUp.customer_id) }),
        queryClient.invalidateQueries({ queryKey: customerKeys.followUps(followUp.project_id) }),
        queryClient.invalidateQueries({ queryKey: customerKeys.alerts(followUp.project_id) }),
      ]),
  });
}
