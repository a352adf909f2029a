import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { dealKeys } from './query-keys';

export type CollectionNote = Schemas['CollectionNote'];

export function getCollectionNotes(dealId: string) {
  return unwrap(
    api.GET('/api/v1/deals/{deal_id}/collection-notes', { params: { path: { deal_id: dealId }, query: { limit: 100 } } }),
  ).then((page) => page.items);
}

export function getCollectionNotesQueryOptions(dealId: string) {
  return queryOptions({ queryKey: dealKeys.notes(dealId), queryFn: () => getCollectionNotes(dealId) });
}

export function useCollectionNotes(dealId: string, enabled = true) {
  return useQuery({ ...getCollectionNotesQueryOptions(dealId), enabled });
}

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
        queryClient.invalidateQueries({ queryKey: dealKeys.notes(dealId) }),
        queryClient.invalidateQueries({ queryKey: dealKeys.timeline(dealId) }),
        queryClient.invalidateQueries({ queryKey: dealKeys.receivables(projectId) }),
      ]),
  });
}
