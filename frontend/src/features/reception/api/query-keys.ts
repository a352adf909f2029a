/** Every query of this feature lives under ['reception', projectId]; mutations invalidate through these. */
export const receptionKeys = {
  all: ['reception'] as const,
  ofProject: (projectId: string) => [...receptionKeys.all, projectId] as const,
  rotation: (projectId: string) => [...receptionKeys.ofProject(projectId), 'rotation'] as const,
  roster: (projectId: string, date: string | null) => [...receptionKeys.ofProject(projectId), 'roster', date] as const,
};
