/**
 * The buyers' side of a deal, read and written through the customers API here so the deal screens
 * need no other feature: pick the seller's customers by name or phone, or register a new one.
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type BuyerChoice = Pick<Schemas['Customer'], 'id' | 'name' | 'phone' | 'stage'>;

export async function getBuyerChoices(projectId: string, q: string, mine: boolean): Promise<BuyerChoice[]> {
  const page = await unwrap(
    api.GET('/api/v1/projects/{project_id}/customers', {
      params: { path: { project_id: projectId }, query: { view: mine ? 'mine' : 'all', limit: 50, q: q || undefined } },
    }),
  );
  return page.items.map(({ id, name, phone, stage }) => ({ id, name, phone, stage }));
}

export function getBuyerChoicesQueryOptions(projectId: string, q: string, mine: boolean) {
  return queryOptions({
    queryKey: customerKeys.choices(projectId, { purpose: 'buyer', q, mine }),
    queryFn: () => getBuyerChoices(projectId, q, mine),
    placeholderData: keepPreviousData,
  });
}

export function useBuyerChoices(projectId: string, q: string, mine: boolean) {
  return useQuery(getBuyerChoicesQueryOptions(projectId, q, mine));
}

export function registerBuyer({ projectId, body }: { projectId: string; body: Schemas['CustomerCreate'] }) {
  return unwrap(api.POST('/api/v1/projects/{project_id}/customers', { params: { path: { project_id: projectId } }, body }));
}

export function useRegisterBuyer(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerBuyer,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.lists(projectId) }),
  });
}
