import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type TimelineEntry = Schemas['TimelineEntry'];

/** Entries per page: the history is paged like every list, newest first. */
export const TIMELINE_PAGE = 20;

export function getTimeline(customerId: string, cursor?: string | null) {
  return unwrap(
    api.GET('/api/v1/customers/{customer_id}/timeline', {
      params: { path: { customer_id: customerId }, query: { limit: TIMELINE_PAGE, cursor: cursor ?? undefined } },
    }),
  );
}

export function getTimelineQueryOptions(customerId: string) {
  return infiniteQueryOptions({
    queryKey: customerKeys.timeline(customerId),
    queryFn: ({ pageParam }) => getTimeline(customerId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.entries),
  });
}

export function useTimeline(customerId: string, enabled = true) {
  return useInfiniteQuery({ ...getTimelineQueryOptions(customerId), enabled });
}
