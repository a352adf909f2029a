import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrapWithEtag } from '@/api/client';
import { projectKeys } from '@/lib/query-keys';

export function getProject(projectId: string) {
  return unwrapWithEtag(api.GET('/api/v1/projects/{project_id}', { params: { path: { project_id: projectId } } }));
}

/** One project with its ETag (`data`, `etag`). */
export function getProjectQueryOptions(projectId: string) {
  return queryOptions({ queryKey: projectKeys.detail(projectId), queryFn: () => getProject(projectId) });
}

export function useProject(projectId: string | null) {
  return useQuery({ ...getProjectQueryOptions(projectId ?? ''), enabled: projectId !== null });
}
