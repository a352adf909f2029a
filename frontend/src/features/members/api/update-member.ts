import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { memberKeys } from '@/lib/query-keys';
import type { Member } from './get-members';

export type MemberUpdate = Schemas['MemberUpdate'];

/**
 * The API has no GET for one member, so the ETag comes from the listed row's `version`, in the
 * form the API gives out (`"v3"`); a 412 then means the row changed since the list was loaded.
 */
function etagOf(member: Member): string {
  return `"v${member.version}"`;
}

export function updateMember({ member, changes }: { member: Member; changes: MemberUpdate }) {
  return unwrap(
    api.PATCH('/api/v1/projects/{project_id}/members/{member_id}', {
      params: {
        path: { project_id: member.project_id, member_id: member.id },
        header: { 'If-Match': etagOf(member) },
      },
      body: changes,
    }),
  );
}

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMember,
    onSettled: (_data, _error, { member }) =>
      queryClient.invalidateQueries({ queryKey: memberKeys.ofProject(member.project_id) }),
  });
}
