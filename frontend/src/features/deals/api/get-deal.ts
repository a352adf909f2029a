import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag, type Schemas } from '@/api/client';
import { dealKeys } from '@/lib/query-keys';

export type Deal = Schemas['Deal'];
export type Timeline = Schemas['anchang__deals__schemas__Timeline'];
export type Schedule = Schemas['Schedule'];
export type Payment = Schemas['Payment'];

const byId = (dealId: string) => ({ params: { path: { deal_id: dealId } } });

export function getDeal(dealId: string) {
  return unwrapWithEtag(api.GET('/api/v1/deals/{deal_id}', byId(dealId)));
}

/** One deal with its ETag (`data`, `etag`). */
export function getDealQueryOptions(dealId: string) {
  return queryOptions({ queryKey: dealKeys.detail(dealId), queryFn: () => getDeal(dealId), staleTime: 0 });
}

export function useDeal(dealId: string) {
  return useQuery(getDealQueryOptions(dealId));
}

export function getDealTimeline(dealId: string) {
  return unwrap(api.GET('/api/v1/deals/{deal_id}/timeline', byId(dealId)));
}

export function getDealTimelineQueryOptions(dealId: string) {
  return queryOptions({ queryKey: dealKeys.timeline(dealId), queryFn: () => getDealTimeline(dealId), staleTime: 0 });
}

export function useDealTimeline(dealId: string) {
  return useQuery(getDealTimelineQueryOptions(dealId));
}

export function getDealSchedule(dealId: string) {
  return unwrap(api.GET('/api/v1/deals/{deal_id}/schedule', byId(dealId)));
}

export function getDealScheduleQueryOptions(dealId: string) {
  return queryOptions({ queryKey: dealKeys.schedule(dealId), queryFn: () => getDealSchedule(dealId), staleTime: 0 });
}

export function useDealSchedule(dealId: string) {
  return useQuery(getDealScheduleQueryOptions(dealId));
}

export async function getDealPayments(dealId: string): Promise<Payment[]> {
  const items: Payment[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      api.GET('/api/v1/deals/{deal_id}/payments', {
        params: { path: { deal_id: dealId }, query: { limit: 200, cursor } },
      }),
    );
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

export function getDealPaymentsQueryOptions(dealId: string) {
  return queryOptions({ queryKey: dealKeys.payments(dealId), queryFn: () => getDealPayments(dealId), staleTime: 0 });
}

export function useDealPayments(dealId: string) {
  return useQuery(getDealPaymentsQueryOptions(dealId));
}
