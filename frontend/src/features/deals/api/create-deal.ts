import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { refreshAfterSubscription } from './refresh-after-deal';

export type DealCreate = Schemas['DealCreate'];

/**
 * 认购. `idempotencyKey` is one per intended subscription: a double click or a retry after a lost
 * answer sends the same key, and the server records one deal.
 */
export function createDeal({ projectId, body, idempotencyKey }: { projectId: string; body: DealCreate; idempotencyKey: string }) {
  return unwrap(
    api.POST('/api/v1/projects/{project_id}/deals', {
      params: { path: { project_id: projectId } },
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  );
}

export function useCreateDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDeal,
    // Settled, not only succeeded: a refusal (the unit was just taken) makes the choices stale too.
    onSettled: (_deal, _error, { projectId, body }) =>
      refreshAfterSubscription(queryClient, { projectId, unitId: body.unit_id, customerIds: body.customer_ids }),
  });
}
