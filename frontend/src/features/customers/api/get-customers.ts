import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys, type CustomerFilters } from '@/lib/query-keys';

export type Customer = Schemas['Customer'];
export type Stage = Schemas['Stage'];
export type Intent = Schemas['Intent'];
export type Channel = Schemas['Channel'];

export function getCustomers(projectId: string, filters: CustomerFilters, cursor?: string | null, limit = 30) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/customers', {
      params: {
        path: { project_id: projectId },
        query: {
          q: filters.q || undefined,
          view: filters.view,
          stage: filters.stage,
          intent: filters.intent,
          channel: filters.channel,
          owner_id: filters.ownerId,
          limit,
          cursor: cursor ?? undefined,
        },
      },
    }),
  );
}

export function getCustomersQueryOptions(projectId: string, filters: CustomerFilters) {
  return infiniteQueryOptions({
    queryKey: customerKeys.list(projectId, filters),
    queryFn: ({ pageParam }) => getCustomers(projectId, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useCustomers(projectId: string, filters: CustomerFilters) {
  return useInfiniteQuery(getCustomersQueryOptions(projectId, filters));
}
