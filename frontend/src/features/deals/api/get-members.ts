/** The project's people by id, to name a deal's consultant and who collects a receivable. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { allPages } from '@/lib/all-pages';
import { memberKeys } from '@/lib/query-keys';

export async function getMemberNames(projectId: string): Promise<Record<string, string>> {
  const members = await allPages((cursor) =>
    unwrap(
      api.GET('/api/v1/projects/{project_id}/members', {
        params: { path: { project_id: projectId }, query: { limit: 200, cursor } },
      }),
    ),
  );
  return Object.fromEntries(members.map((member) => [member.user_id, member.user.full_name]));
}

export function getMemberNamesQueryOptions(projectId: string) {
  return queryOptions({ queryKey: memberKeys.names(projectId), queryFn: () => getMemberNames(projectId), staleTime: 5 * 60_000 });
}

export function useMemberNames(projectId: string | null | undefined) {
  return useQuery({ ...getMemberNamesQueryOptions(projectId ?? ''), enabled: Boolean(projectId) });
}
