import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { receptionKeys } from '@/lib/query-keys';

export function setRoster({ projectId, userIds, date }: { projectId: string; userIds: string[]; date?: string }) {
  return unwrap(
    api.PUT('/api/v1/projects/{project_id}/roster', {
      params: { path: { project_id: projectId } },
      body: { user_ids: userIds, date: date ?? null },
    }),
  );
}

export function useSetRoster() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setRoster,
    onSuccess: (_data, { projectId }) => queryClient.invalidateQueries({ queryKey: receptionKeys.ofProject(projectId) }),
  });
}
