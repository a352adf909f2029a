import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type FollowUpCreate = Schemas['FollowUpCreate'];

export function addFollowUp({ customerId, body }: { customerId: string; body: FollowUpCreate }) {
  return unwrap(
    api.POST('/api/v1/customers/{customer_id}/follow-ups', { params: { path: { customer_id: customerId } }, body }),
  );
}

export function useAddFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addFollowUp,
    onSuccess: (followUp) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.detail(followUp.customer_id) }),
        queryClient.invalidateQueries({ queryKey: customerKeys.followUps(followUp.project_id) }),
      ]),
  });
}
