import type { Schemas } from '@/api/client';

export type ProjectRole = Schemas['ProjectRole'];

// A record, so the compiler tells us when the API gains a role that is not listed here.
const ORDER: Record<ProjectRole, number> = {
  admin: 0,
  project_manager: 1,
  site_manager: 2,
  supervisor: 3,
  consultant: 4,
  finance: 5,
  developer_rep: 6,
};

/** Every project role, from the widest authority down. */
export const PROJECT_ROLES = (Object.keys(ORDER) as ProjectRole[]).sort((a, b) => ORDER[a] - ORDER[b]);
