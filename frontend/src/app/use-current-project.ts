import { createContext, useContext } from 'react';
import type { Me } from '@/features/auth/api/get-me';
import type { Project } from '@/features/projects/api/get-projects';
import type { ProjectRole } from '@/lib/roles';

export interface CurrentProject {
  me: Me;
  projects: readonly Project[];
  projectsLoading: boolean;
  project: Project | null;
  role: ProjectRole | null;
  selectProject: (projectId: string) => void;
}

export const CurrentProjectContext = createContext<CurrentProject | null>(null);

export function useCurrentProject(): CurrentProject {
  const value = useContext(CurrentProjectContext);
  if (value === null) throw new Error('useCurrentProject outside CurrentProjectProvider');
  return value;
}
