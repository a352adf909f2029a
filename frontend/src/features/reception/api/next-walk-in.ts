import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { receptionKeys } from './query-keys';

export type NextWalkIn = Schemas['NextWalkIn'];
export type WalkInResult = Schemas['WalkInResult'];

/** Hands the next walk-in to the next available consultant (POST …/rotation/next). */
export function nextWalkIn({ projectId, body }: { projectId: string; body: NextWalkIn }) {
  return unwrap(
    api.POST('/api/v1/projects/{project_id}/rotation/next', { params: { path: { project_id: projectId } }, body }),
  );
}

export function useNextWalkIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: nextWalkIn,
    onSuccess: (_data, { projectId }) => queryClient.invalidateQueries({ queryKey: receptionKeys.ofProject(projectId) }),
  });
}
