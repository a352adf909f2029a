/**
 * The project the app works in: the one last chosen in this browser if the user still sees it,
 * else their first. Its role (from /me; org admins are `admin` everywhere) drives the menu.
 */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { roleInProject, useMe } from '@/features/auth/api/get-me';
import { useProjects } from '@/features/projects/api/get-projects';
import { CurrentProjectContext, type CurrentProject } from './use-current-project';

const STORAGE_KEY = 'anchang.project';

function stored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function CurrentProjectProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const projectsQuery = useProjects({ limit: 200 });
  const [chosen, setChosen] = useState<string | null>(stored);
  const projects = useMemo(() => projectsQuery.data ?? [], [projectsQuery.data]);
  const active = projects.filter((project) => project.is_active);
  const project =
    projects.find((candidate) => candidate.id === chosen) ?? active[0] ?? projects[0] ?? null;

  const selectProject = useCallback((projectId: string) => {
    window.localStorage.setItem(STORAGE_KEY, projectId);
    setChosen(projectId);
  }, []);

  if (me.data === undefined) return null; // RequireAuth renders this only once /me is there
  const value: CurrentProject = {
    me: me.data,
    projects,
    projectsLoading: projectsQuery.isPending,
    project,
    role: roleInProject(me.data, project?.id ?? null),
    selectProject,
  };
  return <CurrentProjectContext.Provider value={value}>{children}</CurrentProjectContext.Provider>;
}
