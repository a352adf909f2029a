import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { approvalKeys, priceListKeys } from '@/lib/query-keys';

export type PriceListCreate = Schemas['PriceListCreate'];

export function createPriceList({ projectId, body }: { projectId: string; body: PriceListCreate }) {
  return unwrap(
    api.POST('/api/v1/projects/{project_id}/price-lists', { params: { path: { project_id: projectId } }, body }),
  );
}

export function useCreatePriceList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPriceList,
    // A proposal waits in the approvals inbox.
    onSuccess: (_data, { projectId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: priceListKeys.ofProject(projectId) }),
        queryClient.invalidateQueries({ queryKey: approvalKeys.lists() }),
      ]),
  });
}
