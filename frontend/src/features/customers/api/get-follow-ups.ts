import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys, type DueFilter } from '@/lib/query-keys';

export type FollowUp = Schemas['FollowUp'];

export function getFollowUps(projectId: string, due: DueFilter, cursor?: string | null) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/follow-ups', {
      params: { path: { project_id: projectId }, query: { due, limit: 50, cursor: cursor ?? undefined } },
    }),
  );
}

export function getFollowUpsQueryOptions(projectId: string, due: DueFilter) {
  return infiniteQueryOptions({
    queryKey: customerKeys.followUpList(projectId, due),
    queryFn: ({ pageParam }) => getFollowUps(projectId, due, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useFollowUps(projectId: string, due: DueFilter) {
  return useInfiniteQuery(getFollowUpsQueryOptions(projectId, due));
}
