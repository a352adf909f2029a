import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { allPages } from '@/lib/all-pages';
import { complaintKeys, type ComplaintFilters } from '@/lib/query-keys';

export type Complaint = Schemas['Complaint'];
export type ComplaintAction = Schemas['ComplaintActionView'];

function listQuery(filters: ComplaintFilters, cursor: string | null | undefined, limit: number) {
  return {
    status: filters.status ?? undefined,
    severity: filters.severity ?? undefined,
    category: filters.category ?? undefined,
    level: filters.level ?? undefined,
    customer_id: filters.customerId ?? undefined,
    deal_id: filters.dealId ?? undefined,
    overdue: filters.overdue ? true : undefined,
    limit,
    cursor: cursor ?? undefined,
  };
}

export function getComplaints(projectId: string, filters: ComplaintFilters, cursor?: string | null, limit = 50) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/complaints', {
      params: { path: { project_id: projectId }, query: listQuery(filters, cursor, limit) },
    }),
  );
}

/** The project's complaints, page by page (oldest first, as the API pages them). */
export function getComplaintsQueryOptions(projectId: string, filters: ComplaintFilters) {
  return infiniteQueryOptions({
    queryKey: complaintKeys.list(projectId, filters),
    queryFn: ({ pageParam }) => getComplaints(projectId, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useComplaints(projectId: string, filters: ComplaintFilters) {
  return useInfiniteQuery(getComplaintsQueryOptions(projectId, filters));
}

/**
 * Every complaint of one customer or deal (a card on their page): few, so all pages, newest first.
 * Cached under the list key of the same filters as a plain array, distinct from the paged list's shape
 * because the filter set (customer or deal) is never one the list page uses.
 */
export function useRelatedComplaints(projectId: string, filters: Pick<ComplaintFilters, 'customerId' | 'dealId'>) {
  return useQuery(
    queryOptions({
      queryKey: [...complaintKeys.list(projectId, filters), 'all'] as const,
      queryFn: async () =>
        (await allPages((cursor) => getComplaints(projectId, filters, cursor, 200), 1000)).reverse(),
    }),
  );
}

export function getComplaint(complaintId: string) {
  return unwrap(api.GET('/api/v1/complaints/{complaint_id}', { params: { path: { complaint_id: complaintId } } }));
}

export function useComplaint(complaintId: string) {
  return useQuery(
    queryOptions({ queryKey: complaintKeys.detail(complaintId), queryFn: () => getComplaint(complaintId), staleTime: 0 }),
  );
}

/** The timeline, oldest first (every page: a complaint has tens of actions, not thousands). */
export function useComplaintTimeline(complaintId: string) {
  return useQuery(
    queryOptions({
      queryKey: complaintKeys.actions(complaintId),
      queryFn: () =>
        allPages(
          (cursor) =>
            unwrap(
              api.GET('/api/v1/complaints/{complaint_id}/actions', {
                params: { path: { complaint_id: complaintId }, query: { limit: 200, cursor } },
              }),
            ),
          2000,
        ),
      staleTime: 0,
    }),
  );
}
