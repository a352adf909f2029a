import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys, receptionKeys } from '@/lib/query-keys';

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
    onSuccess: (result, { projectId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: receptionKeys.ofProject(projectId) }),
        // A returning visitor got a visit logged: their stage, timeline and the lists moved.
        ...(result.customer && result.visit
          ? [
              queryClient.invalidateQueries({ queryKey: customerKeys.detail(result.customer.id) }),
              queryClient.invalidateQueries({ queryKey: customerKeys.ofProject(projectId) }),
            ]
          : []),
      ]),
  });
}
