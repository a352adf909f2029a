/** Every query of this feature lives under ['members', projectId]; mutations invalidate through these. */
export interface MemberListParams {
  projectId: string;
  limit: number;
}

export const memberKeys = {
  all: ['members'] as const,
  ofProject: (projectId: string) => [...memberKeys.all, projectId] as const,
  list: ({ projectId, limit }: MemberListParams) => [...memberKeys.ofProject(projectId), 'list', { limit }] as const,
};
