import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { sessionKeys } from '@/lib/query-keys';
import type { ProjectRole } from '@/lib/roles';

export type Me = Schemas['Me'];

export function getMe(): Promise<Me> {
  return unwrap(api.GET('/api/v1/me'));
}

export function getMeQueryOptions() {
  return queryOptions({ queryKey: sessionKeys.me, queryFn: getMe, staleTime: 5 * 60_000 });
}

export function useMe({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getMeQueryOptions(), enabled });
}

/** The role the caller acts in within a project: organization admins act as `admin` everywhere. */
export function roleInProject(me: Me, projectId: string | null): ProjectRole | null {
  if (me.user.is_admin) return 'admin';
  if (projectId === null) return null;
  return me.memberships.find((m) => m.project_id === projectId)?.role ?? null;
}
