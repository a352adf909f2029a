import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { userKeys, type UserListParams } from './query-keys';

export type User = Schemas['User'];

export function getUsers({ limit, cursor }: UserListParams & { cursor?: string | null }) {
  return unwrap(api.GET('/api/v1/users', { params: { query: { limit, cursor: cursor ?? undefined } } }));
}

export function getUsersQueryOptions(params: UserListParams = { limit: 50 }) {
  return infiniteQueryOptions({
    queryKey: userKeys.list(params),
    queryFn: ({ pageParam }) => getUsers({ ...params, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useUsers(params?: UserListParams) {
  return useInfiniteQuery(getUsersQueryOptions(params));
}
