/** Every query of this feature lives under ['developers']; mutations invalidate through these. */
export interface DeveloperListParams {
  limit: number;
}

export const developerKeys = {
  all: ['developers'] as const,
  lists: () => [...developerKeys.all, 'list'] as const,
  list: (params: DeveloperListParams) => [...developerKeys.lists(), params] as const,
  details: () => [...developerKeys.all, 'detail'] as const,
  detail: (developerId: string) => [...developerKeys.details(), developerId] as const,
};
