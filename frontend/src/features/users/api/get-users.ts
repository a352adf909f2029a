import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { userKeys, type PageParams } from '@/lib/query-keys';

export type User = Schemas['User'];

export function getUsers({ limit, cursor }: PageParams & { cursor?: string | null }) {
  return unwrap(api.GET('/api/v1/users', { params: { query: { limit, cursor: cursor ?? undefined } } }));
}

export function getUsersQueryOptions(params: PageParams = { limit: 50 }) {
  return infiniteQueryOptions({
    queryKey: userKeys.list(params),
    queryFn: ({ pageParam }) => getUsers({ ...params, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useUsers(params?: PageParams) {
  return useInfiniteQuery(getUsersQueryOptions(params));
}
