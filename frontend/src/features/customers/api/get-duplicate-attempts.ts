import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type DuplicateAttempt = Schemas['DuplicateAttempt'];

export function getDuplicateAttempts(projectId: string, cursor?: string | null) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/duplicate-attempts', {
      params: { path: { project_id: projectId }, query: { limit: 50, cursor: cursor ?? undefined } },
    }),
  );
}

/** Attempts to register another consultant's customer (撞单), for supervisors to settle. */
export function getDuplicateAttemptsQueryOptions(projectId: string) {
  return infiniteQueryOptions({
    queryKey: customerKeys.duplicates(projectId),
    queryFn: ({ pageParam }) => getDuplicateAttempts(projectId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useDuplicateAttempts(projectId: string) {
  return useInfiniteQuery(getDuplicateAttemptsQueryOptions(projectId));
}
