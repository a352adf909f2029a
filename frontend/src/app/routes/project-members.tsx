import { Alert, Skeleton, Space } from 'antd';
import { useMemo } from 'react';
import { PageHeader } from '@/components/page-header';
import { MembersPanel } from '@/features/members/components/members-panel';
import { useMembersT } from '@/features/members/i18n';
import { useUsers } from '@/features/users/api/get-users';
import type { Project } from '@/features/projects/api/get-projects';
import { hasRole, PROJECT_MANAGERS, type ProjectRole } from '@/lib/roles';
import { useCurrentProject } from '../use-current-project';
import { useAppT } from '../i18n';

/** Members with the organization's users to pick from; shared by the two member pages. */
export function ProjectMembers({ project, role }: { project: Project; role: ProjectRole | null }) {
  const users = useUsers({ limit: 200 });
  const userOptions = useMemo(
    () =>
      (users.data ?? [])
        .filter((user) => user.is_active)
        .map((user) => ({ value: user.id, label: `${user.full_name} · ${user.email}` })),
    [users.data],
  );
  return (
    <MembersPanel
      projectId={project.id}
      canManage={hasRole(role, PROJECT_MANAGERS)}
      userOptions={userOptions}
      usersLoading={users.isPending}
    />
  );
}

/** The members of the selected project (menu entry "Members"). */
export function ProjectMembersRoute() {
  const { t } = useMembersT();
  const app = useAppT().t;
  const { project, role, projectsLoading } = useCurrentProject();
  return (
    <Space direction="vertical" size={0} style={{ width: '100%' }}>
      <PageHeader title={t('title')} subtitle={project ? `${project.name} · ${t('subtitle')}` : undefined} />
      {projectsLoading ? (
        <Skeleton active />
      ) : project === null ? (
        <Alert type="info" showIcon message={app('home.noProject')} />
      ) : (
        <ProjectMembers key={project.id} project={project} role={role} />
      )}
    </Space>
  );
}
