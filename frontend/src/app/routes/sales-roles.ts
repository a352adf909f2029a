import { useMemo } from 'react';
import { useMembers } from '@/features/members/api/get-members';
import type { ProjectRole } from '@/lib/roles';

/** Who runs the sales floor: every customer of the project, the rotation, reassignments. */
export const SUPERVISORS: readonly ProjectRole[] = ['admin', 'project_manager', 'site_manager', 'supervisor'];

export function supervises(role: ProjectRole | null): boolean {
  return role !== null && SUPERVISORS.includes(role);
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
