import { useMemo } from 'react';
import { useMembers } from '@/features/members/api/get-members';
import { hasRole, SUPERVISORS, type ProjectRole } from '@/lib/roles';

/** Whether the role runs the sales floor (every customer, the rotation, reassignments). */
export function supervises(role: ProjectRole | null): boolean {
  return hasRole(role, SUPERVISORS);
}

/** The project's consultants and supervisors, as options to pick an owner or a receiver from. */
export function useConsultantOptions(projectId: string) {
  const members = useMembers(projectId, 200);
  return useMemo(
    () =>
      (members.data ?? [])
        .filter((member) => member.role === 'consultant' || member.role === 'supervisor')
        .sort((a, b) =>
          a.role === b.role ? a.user.full_name.localeCompare(b.user.full_name) : a.role === 'consultant' ? -1 : 1,
        )
        .map((member) => ({ value: member.user_id, label: member.user.full_name })),
    [members.data],
  );
}
