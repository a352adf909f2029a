import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { dealKeys, type DealListFilters } from '@/lib/query-keys';

export type DealSummary = Schemas['DealSummary'];

export function getDeals(projectId: string, filters: DealListFilters, cursor?: string | null) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/deals', {
      params: {
        path: { project_id: projectId },
        query: { status: filters.status ?? undefined, limit: 50, cursor: cursor ?? undefined },
      },
    }),
  );
}

export function getDealsQueryOptions(projectId: string, filters: DealListFilters) {
  return infiniteQueryOptions({
    queryKey: dealKeys.list(projectId, filters),
    queryFn: ({ pageParam }) => getDeals(projectId, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useDeals(projectId: string, filters: DealListFilters) {
  return useInfiniteQuery(getDealsQueryOptions(projectId, filters));
}
