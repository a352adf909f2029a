import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type TimelineEntry = Schemas['TimelineEntry'];

export function getTimeline(customerId: string) {
  return unwrap(
    api.GET('/api/v1/customers/{customer_id}/timeline', { params: { path: { customer_id: customerId } } }),
  );
}

export function getTimelineQueryOptions(customerId: string) {
  return queryOptions({ queryKey: customerKeys.timeline(customerId), queryFn: () => getTimeline(customerId) });
}

export function useTimeline(customerId: string, enabled = true) {
  return useQuery({ ...getTimelineQueryOptions(customerId), enabled });
}
