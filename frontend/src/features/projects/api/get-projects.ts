import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { projectKeys, type PageParams } from '@/lib/query-keys';

export type Project = Schemas['Project'];

export function getProjects({ limit, cursor }: PageParams & { cursor?: string | null }) {
  return unwrap(api.GET('/api/v1/projects', { params: { query: { limit, cursor: cursor ?? undefined } } }));
}

/** The projects the caller can see, one cursor page at a time. */
export function getProjectsQueryOptions(params: PageParams = { limit: 50 }) {
  return infiniteQueryOptions({
    queryKey: projectKeys.list(params),
    queryFn: ({ pageParam }) => getProjects({ ...params, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useProjects(params?: PageParams) {
  return useInfiniteQuery(getProjectsQueryOptions(params));
}
