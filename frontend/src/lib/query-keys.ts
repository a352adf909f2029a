/**
 * Every query key of the SPA, one factory per resource (not per feature): a feature that changes a
 * resource invalidates that resource's keys, and every screen showing it refreshes, whichever feature
 * drew it (the board and the deal wizard read the same units; the customers pages and the deal's buyer
 * picker read the same customers). Keys are hierarchical, so invalidating a prefix
 * (`unitKeys.ofProject(id)`) refreshes everything under it.
 *
 * Two queries under one key share one cache entry, so they must cache the same shape: the comment of
 * a key says what it holds when that is not the plain API answer.
 */
import type { Schemas } from '@/api/client';

export type DealStatus = Schemas['DealStatus'];

export interface DealListFilters {
  status: DealStatus | null;
}

export interface DealQuoteInput {
  projectId: string;
  body: Schemas['DealQuote'];
}

export type DueFilter = 'today' | 'overdue' | 'open' | 'all';
export type CustomerView = 'default' | 'mine' | 'pool' | 'all';

export interface CustomerFilters {
  q?: string;
  view?: CustomerView;
  stage?: Schemas['Stage'];
  intent?: Schemas['Intent'];
  channel?: Schemas['Channel'];
  ownerId?: string;
}

/** A picker's search over the project's customers; `purpose` names the picker (each maps its own shape). */
export interface CustomerChoiceParams {
  purpose: 'buyer' | 'reservation';
  q: string;
  mine: boolean;
}

export interface ApprovalListParams {
  status: 'pending' | 'approved' | 'rejected' | 'cancelled' | null;
  projectId: string | null;
}

export interface MemberListParams {
  projectId: string;
  limit: number;
}

export interface PageParams {
  limit: number;
}

/** Units (房源), their buildings, the board that shows them and their history. */
export const unitKeys = {
  all: ['units'] as const,
  ofProject: (projectId: string) => [...unitKeys.all, 'project', projectId] as const,
  /** The board now; live events patch it in place. */
  board: (projectId: string) => [...unitKeys.ofProject(projectId), 'board'] as const,
  /** The board as it stood at a past moment (read-only, never patched by live events). */
  boardAt: (projectId: string, at: string) => [...unitKeys.board(projectId), 'at', at] as const,
  /** Every available unit of the project (all pages): what a deal may be subscribed on or changed to. */
  available: (projectId: string) => [...unitKeys.ofProject(projectId), 'available'] as const,
  buildings: (projectId: string) => [...unitKeys.ofProject(projectId), 'buildings'] as const,
  details: () => [...unitKeys.all, 'detail'] as const,
  /** GET /units/{id} as `{ data, etag }` (the drawer sends the ETag back). */
  detail: (unitId: string) => [...unitKeys.details(), unitId] as const,
  history: (unitId: string) => [...unitKeys.detail(unitId), 'history'] as const,
};

/** Reservations (小订) of units. */
export const reservationKeys = {
  all: ['reservations'] as const,
  ofProject: (projectId: string) => [...reservationKeys.all, projectId] as const,
  live: (projectId: string) => [...reservationKeys.ofProject(projectId), 'live'] as const,
};

/** Price lists (价目表) and their items. */
export const priceListKeys = {
  all: ['price-lists'] as const,
  ofProject: (projectId: string) => [...priceListKeys.all, 'project', projectId] as const,
  items: (priceListId: string) => [...priceListKeys.all, 'items', priceListId] as const,
};

/** Deals (交易) with what hangs off one deal, their receivables and quotes. */
export const dealKeys = {
  all: ['deals'] as const,
  lists: (projectId: string) => [...dealKeys.all, 'list', projectId] as const,
  list: (projectId: string, filters: DealListFilters) => [...dealKeys.lists(projectId), filters] as const,
  /** One buyer's deals; under `lists` so whatever refreshes the lists refreshes these too. */
  customer: (projectId: string, customerId: string) => [...dealKeys.lists(projectId), 'customer', customerId] as const,
  details: () => [...dealKeys.all, 'detail'] as const,
  /** GET /deals/{id} as `{ data, etag }`. */
  detail: (dealId: string) => [...dealKeys.details(), dealId] as const,
  timeline: (dealId: string) => [...dealKeys.detail(dealId), 'timeline'] as const,
  schedule: (dealId: string) => [...dealKeys.detail(dealId), 'schedule'] as const,
  payments: (dealId: string) => [...dealKeys.detail(dealId), 'payments'] as const,
  mortgage: (dealId: string) => [...dealKeys.detail(dealId), 'mortgage'] as const,
  quote: (input: DealQuoteInput) => [...dealKeys.all, 'quote', input.projectId, input.body] as const,
  receivables: (projectId: string) => [...dealKeys.all, 'receivables', projectId] as const,
  receivableList: (projectId: string, overdue: boolean) => [...dealKeys.receivables(projectId), { overdue }] as const,
};

/** Customers (客户) with their activity, and the brokers and referrals that bring them. */
export const customerKeys = {
  all: ['customers'] as const,
  ofProject: (projectId: string) => [...customerKeys.all, 'project', projectId] as const,
  lists: (projectId: string) => [...customerKeys.ofProject(projectId), 'list'] as const,
  list: (projectId: string, filters: CustomerFilters) => [...customerKeys.lists(projectId), filters] as const,
  /** A picker's projection of the list; under `lists`, so a new customer appears in every picker. */
  choices: (projectId: string, params: CustomerChoiceParams) =>
    [...customerKeys.lists(projectId), 'choices', params] as const,
  followUps: (projectId: string) => [...customerKeys.ofProject(projectId), 'follow-ups'] as const,
  followUpList: (projectId: string, due: DueFilter) => [...customerKeys.followUps(projectId), due] as const,
  duplicates: (projectId: string) => [...customerKeys.ofProject(projectId), 'duplicate-attempts'] as const,
  alerts: (projectId: string) => [...customerKeys.ofProject(projectId), 'alerts'] as const,
  brokers: (projectId: string) => [...customerKeys.ofProject(projectId), 'brokers'] as const,
  agents: (brokerId: string) => [...customerKeys.all, 'broker', brokerId, 'agents'] as const,
  referrals: (projectId: string) => [...customerKeys.ofProject(projectId), 'referrals'] as const,
  referralMonth: (projectId: string, month: string) =>
    [...customerKeys.ofProject(projectId), 'referral-month', month] as const,
  details: () => [...customerKeys.all, 'detail'] as const,
  /** GET /customers/{id} as `{ data, etag }`. */
  detail: (customerId: string) => [...customerKeys.details(), customerId] as const,
  timeline: (customerId: string) => [...customerKeys.detail(customerId), 'timeline'] as const,
  customerFollowUps: (customerId: string) => [...customerKeys.detail(customerId), 'follow-ups'] as const,
};

/** The consultants' commission (酬金): monthly statements and their lines, rewards and penalties, figures. */
export const commissionKeys = {
  all: ['commission'] as const,
  ofProject: (projectId: string) => [...commissionKeys.all, 'project', projectId] as const,
  /** Every statement of a month (all pages; a consultant's answer holds only their own). */
  statements: (projectId: string, month: string) => [...commissionKeys.ofProject(projectId), 'statements', month] as const,
  /** Every reward and penalty of a month (all pages). */
  rewards: (projectId: string, month: string) => [...commissionKeys.ofProject(projectId), 'rewards', month] as const,
  /** The project's consultants (members of role consultant, all pages), for pickers. */
  consultants: (projectId: string) => [...commissionKeys.ofProject(projectId), 'consultants'] as const,
  figures: (projectId: string, from: string, to: string) => [...commissionKeys.ofProject(projectId), 'figures', from, to] as const,
  /** Every plan version of the project (all pages). */
  plans: (projectId: string) => [...commissionKeys.ofProject(projectId), 'plans'] as const,
  /** A deal's credits in effect and any proposal. */
  credits: (dealId: string) => [...commissionKeys.all, 'credits', dealId] as const,
  details: () => [...commissionKeys.all, 'statement'] as const,
  statement: (statementId: string) => [...commissionKeys.details(), statementId] as const,
  /** Every line of the statement (all pages). */
  lines: (statementId: string) => [...commissionKeys.statement(statementId), 'lines'] as const,
};

/** Filters of a project's complaint list (the API's query; null: any). */
export interface ComplaintFilters {
  status?: Schemas['ComplaintStatus'] | null;
  severity?: Schemas['ComplaintSeverity'] | null;
  category?: Schemas['ComplaintCategory'] | null;
  level?: number | null;
  customerId?: string | null;
  dealId?: string | null;
  overdue?: boolean;
}

/** Complaints (投诉), their timelines and statistics. */
export const complaintKeys = {
  all: ['complaints'] as const,
  ofProject: (projectId: string) => [...complaintKeys.all, 'project', projectId] as const,
  lists: (projectId: string) => [...complaintKeys.ofProject(projectId), 'list'] as const,
  list: (projectId: string, filters: ComplaintFilters) => [...complaintKeys.lists(projectId), filters] as const,
  statistics: (projectId: string, from: string, to: string) =>
    [...complaintKeys.ofProject(projectId), 'statistics', from, to] as const,
  details: () => [...complaintKeys.all, 'detail'] as const,
  detail: (complaintId: string) => [...complaintKeys.details(), complaintId] as const,
  actions: (complaintId: string) => [...complaintKeys.detail(complaintId), 'actions'] as const,
  /** The public rating page's view of a token (no login). */
  rating: (token: string) => [...complaintKeys.all, 'rating', token] as const,
};

/** The agency fee (代理费): rule versions, statements and their lines. */
export const agencyFeeKeys = {
  all: ['agency-fee'] as const,
  ofProject: (projectId: string) => [...agencyFeeKeys.all, 'project', projectId] as const,
  /** Every rule version of the project (all pages). */
  rules: (projectId: string) => [...agencyFeeKeys.ofProject(projectId), 'rules'] as const,
  /** Every statement of the project (all pages), by number. */
  statements: (projectId: string) => [...agencyFeeKeys.ofProject(projectId), 'statements'] as const,
  details: () => [...agencyFeeKeys.all, 'statement'] as const,
  statement: (statementId: string) => [...agencyFeeKeys.details(), statementId] as const,
  /** The statement's lines as an infinite query (pages of `{items, next_cursor}`). */
  lines: (statementId: string) => [...agencyFeeKeys.statement(statementId), 'lines'] as const,
  /** The payments received against the statement (all pages). */
  payments: (statementId: string) => [...agencyFeeKeys.statement(statementId), 'payments'] as const,
};

/** Approval requests (审批). */
export const approvalKeys = {
  all: ['approvals'] as const,
  lists: () => [...approvalKeys.all, 'list'] as const,
  list: (params: ApprovalListParams) => [...approvalKeys.lists(), params] as const,
};

/** A project's members. */
export const memberKeys = {
  all: ['members'] as const,
  ofProject: (projectId: string) => [...memberKeys.all, projectId] as const,
  list: ({ projectId, limit }: MemberListParams) => [...memberKeys.ofProject(projectId), 'list', { limit }] as const,
  /** Every member's name by user id (all pages), to name the people on a deal. */
  names: (projectId: string) => [...memberKeys.ofProject(projectId), 'names'] as const,
};

/** The rotation (轮接) and the roster of a project. */
export const receptionKeys = {
  all: ['reception'] as const,
  ofProject: (projectId: string) => [...receptionKeys.all, projectId] as const,
  rotation: (projectId: string) => [...receptionKeys.ofProject(projectId), 'rotation'] as const,
  roster: (projectId: string, date: string | null) => [...receptionKeys.ofProject(projectId), 'roster', date] as const,
};

export const projectKeys = {
  all: ['projects'] as const,
  lists: () => [...projectKeys.all, 'list'] as const,
  list: (params: PageParams) => [...projectKeys.lists(), params] as const,
  details: () => [...projectKeys.all, 'detail'] as const,
  detail: (projectId: string) => [...projectKeys.details(), projectId] as const,
};

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (params: PageParams) => [...userKeys.lists(), params] as const,
  details: () => [...userKeys.all, 'detail'] as const,
  detail: (userId: string) => [...userKeys.details(), userId] as const,
};

export const developerKeys = {
  all: ['developers'] as const,
  lists: () => [...developerKeys.all, 'list'] as const,
  list: (params: PageParams) => [...developerKeys.lists(), params] as const,
  details: () => [...developerKeys.all, 'detail'] as const,
  detail: (developerId: string) => [...developerKeys.details(), developerId] as const,
};

/** The signed-in user (/me): their memberships decide the menu. */
export const sessionKeys = {
  me: ['me'] as const,
};

/** Targets (目标): a month's plan of a project (what the caller may read of it). */
export const targetKeys = {
  all: ['targets'] as const,
  ofProject: (projectId: string) => [...targetKeys.all, 'project', projectId] as const,
  plan: (projectId: string, month: string) => [...targetKeys.ofProject(projectId), 'plan', month] as const,
};

/** Reports: the daily report (日报) of a project's day, with its confirmations. */
export const reportKeys = {
  all: ['reports'] as const,
  ofProject: (projectId: string) => [...reportKeys.all, 'project', projectId] as const,
  daily: (projectId: string, date: string) => [...reportKeys.ofProject(projectId), 'daily', date] as const,
  funnel: (projectId: string, from: string, to: string, by: string) =>
    [...reportKeys.ofProject(projectId), 'funnel', from, to, by] as const,
  summary: (projectId: string, period: string) => [...reportKeys.ofProject(projectId), 'summary', period] as const,
};

/** The daily close (日清日结): a project's list of closes and each close. */
export const closeKeys = {
  all: ['closes'] as const,
  ofProject: (projectId: string) => [...closeKeys.all, 'project', projectId] as const,
  list: (projectId: string, limit: number) => [...closeKeys.ofProject(projectId), 'list', limit] as const,
  one: (projectId: string, closeId: string) => [...closeKeys.ofProject(projectId), 'one', closeId] as const,
};
