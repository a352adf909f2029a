import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { dealKeys } from './query-keys';

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
    onSuccess: (deal, { projectId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: dealKeys.lists(projectId) }),
        queryClient.invalidateQueries({ queryKey: dealKeys.unit(deal.unit_id) }),
      ]),
  });
}
