import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrapWithEtag } from '@/api/client';
import { userKeys } from '@/lib/query-keys';

export function getUser(userId: string) {
  return unwrapWithEtag(api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: userId } } }));
}

/** One user with its ETag (`data`, `etag`). */
export function getUserQueryOptions(userId: string) {
  return queryOptions({ queryKey: userKeys.detail(userId), queryFn: () => getUser(userId), staleTime: 0 });
}

export function useUser(userId: string) {
  return useQuery(getUserQueryOptions(userId));
}
