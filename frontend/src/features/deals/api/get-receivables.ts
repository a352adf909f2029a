import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { dealKeys } from '@/lib/query-keys';

export type Receivables = Schemas['Receivables'];
export type Receivable = Schemas['Receivable'];

export function getReceivables(projectId: string, overdue: boolean, cursor?: string | null) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/receivables', {
      params: { path: { project_id: projectId }, query: { overdue, limit: 100, cursor: cursor ?? undefined } },
    }),
  );
}

/** Pages of open lines; the buckets (totals over every line, not only this page) come with the first page. */
export function getReceivablesQueryOptions(projectId: string, overdue: boolean) {
  return infiniteQueryOptions({
    queryKey: dealKeys.receivableList(projectId, overdue),
    queryFn: ({ pageParam }) => getReceivables(projectId, overdue, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => ({
      asOf: data.pages[0]?.as_of ?? null,
      buckets: data.pages[0]?.buckets ?? [],
      items: data.pages.flatMap((page) => page.items),
    }),
    staleTime: 0,
  });
}

export function useReceivables(projectId: string, overdue: boolean) {
  return useInfiniteQuery(getReceivablesQueryOptions(projectId, overdue));
}
