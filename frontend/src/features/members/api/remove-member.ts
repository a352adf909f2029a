import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { memberKeys } from '@/lib/query-keys';
import type { Member } from './get-members';

export function removeMember(member: Member) {
  return unwrap(
    api.DELETE('/api/v1/projects/{project_id}/members/{member_id}', {
      params: { path: { project_id: member.project_id, member_id: member.id } },
    }),
  );
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeMember,
    onSettled: (_data, _error, member) =>
      queryClient.invalidateQueries({ queryKey: memberKeys.ofProject(member.project_id) }),
  });
}
