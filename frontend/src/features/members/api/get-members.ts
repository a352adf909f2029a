import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { memberKeys, type MemberListParams } from '@/lib/query-keys';

export type Member = Schemas['Member'];

export function getMembers({ projectId, limit, cursor }: MemberListParams & { cursor?: string | null }) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/members', {
      params: { path: { project_id: projectId }, query: { limit, cursor: cursor ?? undefined } },
    }),
  );
}

export function getMembersQueryOptions(params: MemberListParams) {
  return infiniteQueryOptions({
    queryKey: memberKeys.list(params),
    queryFn: ({ pageParam }) => getMembers({ ...params, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useMembers(projectId: string, limit = 100) {
  return useInfiniteQuery(getMembersQueryOptions({ projectId, limit }));
}
