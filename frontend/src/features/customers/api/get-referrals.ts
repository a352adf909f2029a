import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type Referral = Schemas['Referral'];

export function getReferrals(projectId: string, cursor?: string | null) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/referrals', {
      params: { path: { project_id: projectId }, query: { limit: 50, cursor: cursor ?? undefined } },
    }),
  );
}

export function getReferralsQueryOptions(projectId: string) {
  return infiniteQueryOptions({
    queryKey: customerKeys.referrals(projectId),
    queryFn: ({ pageParam }) => getReferrals(projectId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useReferrals(projectId: string) {
  return useInfiniteQuery(getReferralsQueryOptions(projectId));
}
