import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { approvalKeys, type ApprovalListParams } from '@/lib/query-keys';

export type Approval = Schemas['Approval'];

export function getApprovals({ status, projectId, cursor }: ApprovalListParams & { cursor?: string | null }) {
  return unwrap(
    api.GET('/api/v1/approvals', {
      params: {
        query: { status: status ?? undefined, project_id: projectId ?? undefined, limit: 50, cursor: cursor ?? undefined },
      },
    }),
  );
}

export function getApprovalsQueryOptions(params: ApprovalListParams) {
  return infiniteQueryOptions({
    queryKey: approvalKeys.list(params),
    queryFn: ({ pageParam }) => getApprovals({ ...params, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
    staleTime: 0,
  });
}

export function useApprovals(params: ApprovalListParams) {
  return useInfiniteQuery(getApprovalsQueryOptions(params));
}
