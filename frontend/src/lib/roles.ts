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
 * The role sets that decide what is not one entity's: the menu (navigation.ts), project-level create
 * buttons and tabs, and a few project rights (managing members, releasing units, acting for another
 * consultant, wording an operation as an approval request). A button on a deal, unit, customer,
 * reservation or approval follows that entity's `allowed_actions` instead (lib/allowed-actions.ts);
 * add a set here only for what no entity carries.
 */

/** The sales line: the customers', reception's and rotation's menus; starting a subscription (认购). */
export const SALES_LINE: readonly ProjectRole[] = ['admin', 'project_manager', 'site_manager', 'supervisor', 'consultant'];
/** Who runs the sales floor: every customer's tab, the rotation, brokers, acting for a consultant. */
export const SUPERVISORS: readonly ProjectRole[] = ['admin', 'project_manager', 'site_manager', 'supervisor'];
/** The site's management: prices and imports in the menu; deal operations at once, without an approval. */
export const SITE_MANAGEMENT: readonly ProjectRole[] = ['admin', 'project_manager', 'site_manager'];
/** Who manages the project itself: its members, releases of units. */
export const PROJECT_MANAGERS: readonly ProjectRole[] = ['admin', 'project_manager'];
/** Who sees receivables in the menu: the sales line and finance. */
export const COLLECTORS: readonly ProjectRole[] = [...SALES_LINE, 'finance'];
/** Who sees the approvals inbox in the menu: the supervisors and the developer's representative. */
export const APPROVERS: readonly ProjectRole[] = [...SUPERVISORS, 'developer_rep'];
/** Who has a commission statement of their own (酬金): consultants, and supervisors for their override. */
export const COMMISSION_EARNERS: readonly ProjectRole[] = ['supervisor', 'consultant'];
/** Who reads every consultant's statements, rewards and penalties, and the commission figures (commission/policy.py `FIGURES`). */
export const COMMISSION_READERS: readonly ProjectRole[] = [...SUPERVISORS, 'finance'];
/** Who reads the summaries (周报 / 月报 / 季报); consultants read their figures in the daily report. */
export const SUMMARY_READERS: readonly ProjectRole[] = [...SUPERVISORS, 'finance', 'developer_rep'];
/** Who reads the commission plans (酬金方案) in the menu: the site's management. */
export const COMMISSION_PLAN_READERS: readonly ProjectRole[] = SITE_MANAGEMENT;
/** Who proposes a commission plan version; a project manager approves it in the inbox. */
export const COMMISSION_PLAN_PROPOSERS: readonly ProjectRole[] = PROJECT_MANAGERS;
/** Who proposes a change of a deal's credits (the API's `DealForSellers`); a site manager approves it. */
export const CREDIT_PROPOSERS: readonly ProjectRole[] = SALES_LINE;
/** Who reads a deal's credits: the agency's side of the project, not the developer's rep (the API's `PAYROLL`). */
export const CREDIT_READERS: readonly ProjectRole[] = [...SUPERVISORS, 'consultant', 'finance'];
/** Who computes a month's statements and proposes rewards and penalties (supervisors and up). */
export const COMMISSION_PREPARERS: readonly ProjectRole[] = SUPERVISORS;

/** Who reads the daily close (日清日结, closing/policy.py `READERS`): all but consultants. */
export const CLOSE_READERS: readonly ProjectRole[] = [...SUPERVISORS, 'finance', 'developer_rep'];

/** Who reads complaint statistics: the ladder from supervisor up, and the developer's representative. */
export const COMPLAINT_OVERSEERS: readonly ProjectRole[] = [...SUPERVISORS, 'developer_rep'];

/** Who reads the agency fee (代理费) with the developer: the agency's management, finance and the developer's rep (commission/policy.py `READERS`). */
export const AGENCY_FEE_READERS: readonly ProjectRole[] = [...SUPERVISORS, 'finance', 'developer_rep'];
/** Who proposes an agency-fee rule (`RULE_PROPOSERS`); the developer's rep approves it in the inbox. */
export const AGENCY_FEE_PROPOSERS: readonly ProjectRole[] = PROJECT_MANAGERS;
/** Who generates an agency-fee statement for a period (`PREPARERS`). */
export const AGENCY_FEE_PREPARERS: readonly ProjectRole[] = [...SUPERVISORS, 'finance'];

/** Who reads campaigns, their costs and the channel report (campaigns/policy.py `READERS`); consultants pick from today's names only. */
export const CAMPAIGN_READERS: readonly ProjectRole[] = [...SUPERVISORS, 'finance', 'developer_rep'];
/** Who creates and edits campaigns and records their costs (`WRITERS`). */
export const CAMPAIGN_WRITERS: readonly ProjectRole[] = SITE_MANAGEMENT;

/** Whether `role` (null: no role in the project) is one of `roles`. */
export function hasRole(role: ProjectRole | null, roles: readonly ProjectRole[]): boolean {
  return role !== null && roles.includes(role);
}
/** Who reads the analysis (conversion funnel): the project's overseers, finance and the developer rep. */
export const REPORT_ANALYSTS: readonly ProjectRole[] = [...SUPERVISORS, 'finance', 'developer_rep'];
