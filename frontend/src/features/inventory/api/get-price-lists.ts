import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { allPages } from '@/lib/all-pages';
import { priceListKeys } from '@/lib/query-keys';

export type PriceListVersion = Schemas['PriceListVersionPublic'] & { below_floor_count?: number };
export type PriceListItem = Schemas['PriceListItemPublic'] & { floor_price?: string | null };

export function getPriceLists(projectId: string) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/price-lists', {
      params: { path: { project_id: projectId }, query: { limit: 200 } },
    }),
  );
}

export function getPriceListsQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: priceListKeys.ofProject(projectId),
    queryFn: () => getPriceLists(projectId),
    select: (page): PriceListVersion[] => page.items,
    staleTime: 0,
  });
}

export function usePriceLists(projectId: string) {
  return useQuery(getPriceListsQueryOptions(projectId));
}

export function getPriceListItems(priceListId: string): Promise<PriceListItem[]> {
  return allPages(
    async (cursor) =>
      (await unwrap(
        api.GET('/api/v1/price-lists/{price_list_id}/items', {
          params: { path: { price_list_id: priceListId }, query: { limit: 200, cursor } },
        }),
      )) as { items: PriceListItem[]; next_cursor: string | null },
  );
}

export function getPriceListItemsQueryOptions(priceListId: string) {
  return queryOptions({
    queryKey: priceListKeys.items(priceListId),
    queryFn: () => getPriceListItems(priceListId),
    staleTime: 60_000,
  });
}

export function usePriceListItems(priceListId: string | null) {
  return useQuery({ ...getPriceListItemsQueryOptions(priceListId ?? ''), enabled: priceListId !== null });
}
