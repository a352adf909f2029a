import { Alert, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import type { Project } from '@/features/projects/api/get-projects';
import type { ProjectRole } from '@/lib/roles';
import { useAppT } from '../i18n';
import { useCurrentProject } from '../use-current-project';

/** Renders `children` for the selected project, or says why there is none (the one wrapper every project route uses). */
export function WithProject({
  children,
}: {
  children: (context: { project: Project; role: ProjectRole | null; myUserId: string }) => ReactNode;
}) {
  const app = useAppT().t;
  const { me, project, role, projectsLoading } = useCurrentProject();
  if (projectsLoading) return <Skeleton active />;
  if (project === null) return <Alert type="info" showIcon message={app('home.noProject')} />;
  return <>{children({ project, role, myUserId: me.user.id })}</>;
}
