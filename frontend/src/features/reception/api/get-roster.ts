import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { receptionKeys } from '@/lib/query-keys';

export type Roster = Schemas['Roster'];
export type RosterEntry = Schemas['RosterEntry'];

export function getRoster(projectId: string, date: string | null) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/roster', {
      params: { path: { project_id: projectId }, query: { date: date ?? undefined } },
    }),
  );
}

export function getRosterQueryOptions(projectId: string, date: string | null) {
  return queryOptions({ queryKey: receptionKeys.roster(projectId, date), queryFn: () => getRoster(projectId, date) });
}

export function useRoster(projectId: string, date: string | null = null) {
  return useQuery(getRosterQueryOptions(projectId, date));
}
