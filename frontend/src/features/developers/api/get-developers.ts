import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { developerKeys, type PageParams } from '@/lib/query-keys';

export type Developer = Schemas['Developer'];

export function getDevelopers({ limit, cursor }: PageParams & { cursor?: string | null }) {
  return unwrap(api.GET('/api/v1/developers', { params: { query: { limit, cursor: cursor ?? undefined } } }));
}

export function getDevelopersQueryOptions(params: PageParams = { limit: 50 }) {
  return infiniteQueryOptions({
    queryKey: developerKeys.list(params),
    queryFn: ({ pageParam }) => getDevelopers({ ...params, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useDevelopers(params?: PageParams) {
  return useInfiniteQuery(getDevelopersQueryOptions(params));
}
