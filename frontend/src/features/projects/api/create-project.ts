import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { projectKeys } from '@/lib/query-keys';

export type ProjectCreate = Schemas['ProjectCreate'];

export function createProject(body: ProjectCreate) {
  return unwrap(api.POST('/api/v1/projects', { body }));
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProject,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.lists() }),
  });
}
