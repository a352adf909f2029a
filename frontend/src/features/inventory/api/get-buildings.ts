import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { unitKeys } from '@/lib/query-keys';

export type Building = Schemas['Building'];

export function getBuildings(projectId: string) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/buildings', {
      params: { path: { project_id: projectId }, query: { limit: 200 } },
    }),
  );
}

export function getBuildingsQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: unitKeys.buildings(projectId),
    queryFn: () => getBuildings(projectId),
    select: (page) => page.items,
  });
}

export function useBuildings(projectId: string) {
  return useQuery(getBuildingsQueryOptions(projectId));
}
