import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { projectKeys } from '@/lib/query-keys';

export type ProjectUpdate = Schemas['ProjectUpdate'];

export function updateProject({ projectId, etag, changes }: { projectId: string; etag: string | null; changes: ProjectUpdate }) {
  return unwrap(
    api.PATCH('/api/v1/projects/{project_id}', {
      params: { path: { project_id: projectId }, header: etag ? { 'If-Match': etag } : undefined },
      body: changes,
    }),
  );
}

export function useUpdateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProject,
    // On success and on a 412 alike, what we hold is stale.
    onSettled: (_data, _error, { projectId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: projectKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: projectKeys.detail(projectId) }),
      ]),
  });
}
