import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { memberKeys } from '@/lib/query-keys';

export type MemberCreate = Schemas['MemberCreate'];

export function addMember({ projectId, body }: { projectId: string; body: MemberCreate }) {
  return unwrap(
    api.POST('/api/v1/projects/{project_id}/members', { params: { path: { project_id: projectId } }, body }),
  );
}

export function useAddMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addMember,
    onSuccess: (_member, { projectId }) => queryClient.invalidateQueries({ queryKey: memberKeys.ofProject(projectId) }),
  });
}
