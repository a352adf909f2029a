import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { dealKeys } from '@/lib/query-keys';

export function addCollectionNote({ dealId, body }: { dealId: string; body: Schemas['CollectionNoteCreate'] }) {
  return unwrap(api.POST('/api/v1/deals/{deal_id}/collection-notes', { params: { path: { deal_id: dealId } }, body }));
}

/** A 催款 note; the receivables list shows the latest one. */
export function useAddCollectionNote(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addCollectionNote,
    onSettled: (_data, _error, { dealId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: dealKeys.timeline(dealId) }),
        queryClient.invalidateQueries({ queryKey: dealKeys.receivables(projectId) }),
      ]),
  });
}
