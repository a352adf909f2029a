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

/*
 * The role sets the screens use, each defined once. They only decide what a screen offers; the API has
 * the last word, and `allowed_actions` (lib/allowed-actions.ts) replaces them as the API sends it.
 */

/** The sales line: who sells (认购), reserves, and works customers and the rotation. */
export const SALES_LINE: readonly ProjectRole[] = ['admin', 'project_manager', 'site_manager', 'supervisor', 'consultant'];
/** Who runs the sales floor: every customer of the project, the rotation, reassignments. */
export const SUPERVISORS: readonly ProjectRole[] = ['admin', 'project_manager', 'site_manager', 'supervisor'];
/** The site's management: prices, imports, holds; deal operations without an approval. */
export const SITE_MANAGEMENT: readonly ProjectRole[] = ['admin', 'project_manager', 'site_manager'];
/** Who manages the project itself: its members, releases of units. */
export const PROJECT_MANAGERS: readonly ProjectRole[] = ['admin', 'project_manager'];
/** Who collects money on a deal (payments, mortgages, 催款 notes): the sales line and finance. */
export const COLLECTORS: readonly ProjectRole[] = [...SALES_LINE, 'finance'];
/** Who reverses a recorded payment. */
export const PAYMENT_REVERSERS: readonly ProjectRole[] = [...SUPERVISORS, 'finance'];
/** Who decides approvals: the supervisors and the developer's representative. */
export const APPROVERS: readonly ProjectRole[] = [...SUPERVISORS, 'developer_rep'];

/** Whether `role` (null: no role in the project) is one of `roles`. */
export function hasRole(role: ProjectRole | null, roles: readonly ProjectRole[]): boolean {
  return role !== null && roles.includes(role);
}
