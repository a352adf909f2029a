/**
 * The menu, in one place: each entry says which roles (in the selected project) see it. A later
 * feature adds its entry here, with its route in `router.tsx` guarded by the same entry.
 */
import {
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  AimOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalculatorOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  ContactsOutlined,
  DollarOutlined,
  ExclamationCircleOutlined,
  FundOutlined,
  HomeOutlined,
  LineChartOutlined,
  LoginOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  PartitionOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { AccountBookOutlined, FileDoneOutlined, FileProtectOutlined, FunnelPlotOutlined, ReconciliationOutlined, SendOutlined } from '@ant-design/icons';
import type { ComponentType } from 'react';
import { COMMISSION_EARNERS, COMMISSION_PLAN_READERS, COMMISSION_READERS } from '@/lib/roles';
import type { KeyOf } from '@/i18n';
import type { commonZhCN } from '@/i18n/common-zh-cn';
import { AGENCY_FEE_READERS, APPROVERS, CAMPAIGN_READERS, CLOSE_READERS, COLLECTORS, COMPLAINT_OVERSEERS, PROJECT_MANAGERS, PROJECT_ROLES, REPORT_ANALYSTS, SALES_LINE, SITE_MANAGEMENT, SUMMARY_READERS, SUPERVISORS, type ProjectRole } from '@/lib/roles';

type Label = Extract<KeyOf<typeof commonZhCN>, `nav.${string}`>;

export interface NavSection {
  key: string;
  label: Label;
  icon: ComponentType;
}

export interface NavItem {
  key: string;
  path: string;
  label: Label;
  icon: ComponentType;
  /** Who sees it; absent: everyone signed in. */
  roles?: readonly ProjectRole[];
  section?: NavSection['key'];
}

export const NAV_SECTIONS: readonly NavSection[] = [{ key: 'admin', label: 'nav.admin', icon: SettingOutlined }];

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: HomeOutlined },
  // The daily report (日报): everyone of the project; a consultant reads their own row.
  { key: 'dailyReport', path: '/reports/daily', label: 'nav.dailyReport', icon: ProfileOutlined, roles: PROJECT_ROLES },
  // The conversion funnel (转化漏斗): the overseers, finance and the developer rep.
  { key: 'funnel', path: '/reports/funnel', label: 'nav.funnel', icon: FunnelPlotOutlined, roles: REPORT_ANALYSTS },
  // Summaries (周报 / 月报 / 季报): the management, supervisors, finance and the developer's rep.
  { key: 'summaries', path: '/reports/summaries', label: 'nav.summaries', icon: FundOutlined, roles: SUMMARY_READERS },
  // The daily close (日清日结): the site's management builds and closes it, finance and the developer's rep
  // countersign; supervisors read it; consultants do not.
  { key: 'dailyClose', path: '/closing', label: 'nav.dailyClose', icon: CarryOutOutlined, roles: CLOSE_READERS },
  // Inventory (销控): the board for everyone in the project; imports and prices for management.
  { key: 'board', path: '/board', label: 'nav.board', icon: AppstoreOutlined, roles: PROJECT_ROLES },
  {
    key: 'priceLists',
    path: '/price-lists',
    label: 'nav.priceLists',
    icon: DollarOutlined,
    roles: SITE_MANAGEMENT,
  },
  {
    key: 'unitImport',
    path: '/units/import',
    label: 'nav.unitImport',
    icon: CloudUploadOutlined,
    roles: SITE_MANAGEMENT,
  },
  {
    key: 'approvals',
    path: '/approvals',
    label: 'nav.approvals',
    icon: AuditOutlined,
    roles: APPROVERS,
  },
  // Deals (交易): everyone of the project reads them (consultants their own); receivables for collectors.
  { key: 'deals', path: '/deals', label: 'nav.deals', icon: FileDoneOutlined, roles: PROJECT_ROLES },
  {
    key: 'receivables',
    path: '/receivables',
    label: 'nav.receivables',
    icon: AccountBookOutlined,
    roles: COLLECTORS,
  },
  // Commission (酬金): a consultant's (and a supervisor's override) own statement; everyone's for the
  // management and finance, with rewards and penalties (奖罚) and the figures.
  {
    key: 'myCommission',
    path: '/commission/mine',
    label: 'nav.myCommission',
    icon: WalletOutlined,
    roles: COMMISSION_EARNERS,
  },
  {
    key: 'commissionStatements',
    path: '/commission/statements',
    label: 'nav.commissionStatements',
    icon: CalculatorOutlined,
    roles: COMMISSION_READERS,
  },
  {
    key: 'rewardsPenalties',
    path: '/commission/rewards-penalties',
    label: 'nav.rewardsPenalties',
    icon: TrophyOutlined,
    roles: COMMISSION_READERS,
  },
  {
    key: 'commissionFigures',
    path: '/reports/commission',
    label: 'nav.commissionFigures',
    icon: LineChartOutlined,
    roles: COMMISSION_READERS,
  },
  {
    key: 'commissionPlans',
    path: '/commission/plans',
    label: 'nav.commissionPlans',
    icon: SolutionOutlined,
    roles: COMMISSION_PLAN_READERS,
  },
  // Targets (目标): the month's plan for supervisors and up; a consultant's own, read-only.
  { key: 'targets', path: '/targets', label: 'nav.targets', icon: AimOutlined, roles: SUPERVISORS },
  { key: 'myTargets', path: '/targets/mine', label: 'nav.myTargets', icon: AimOutlined, roles: ['consultant'] },
  // Complaints (投诉): anyone in the project files and follows them; the statistics for the ladder.
  {
    key: 'complaints',
    path: '/complaints',
    label: 'nav.complaints',
    icon: ExclamationCircleOutlined,
    roles: PROJECT_ROLES,
  },
  {
    key: 'complaintStatistics',
    path: '/reports/complaints',
    label: 'nav.complaintStatistics',
    icon: BarChartOutlined,
    roles: COMPLAINT_OVERSEERS,
  },
  // Campaigns (广告 / 活动 / 促销) and their effect: management, finance and the developer's rep.
  {
    key: 'campaigns',
    path: '/campaigns',
    label: 'nav.campaigns',
    icon: NotificationOutlined,
    roles: CAMPAIGN_READERS,
  },
  {
    key: 'channelReport',
    path: '/reports/channels',
    label: 'nav.channelReport',
    icon: FundOutlined,
    roles: CAMPAIGN_READERS,
  },
  // Agency fee (代理费): between the agency and the developer; consultants see none of it.
  {
    key: 'agencyFeeRules',
    path: '/agency-fee/rules',
    label: 'nav.agencyFeeRules',
    icon: FileProtectOutlined,
    roles: AGENCY_FEE_READERS,
  },
  {
    key: 'agencyFeeStatements',
    path: '/agency-fee/statements',
    label: 'nav.agencyFeeStatements',
    icon: ReconciliationOutlined,
    roles: AGENCY_FEE_READERS,
  },
  { key: 'members', path: '/members', label: 'nav.members', icon: TeamOutlined, roles: PROJECT_MANAGERS },
  // Customers and reception (客户 / 来访 / 轮接): the sales line; the rotation board for everyone on it.
  { key: 'customers', path: '/customers', label: 'nav.customers', icon: ContactsOutlined, roles: SALES_LINE },
  { key: 'walkIn', path: '/walk-in', label: 'nav.walkIn', icon: LoginOutlined, roles: SALES_LINE },
  { key: 'followUps', path: '/follow-ups', label: 'nav.followUps', icon: ScheduleOutlined, roles: SALES_LINE },
  { key: 'brokers', path: '/brokers', label: 'nav.brokers', icon: PartitionOutlined, roles: SALES_LINE },
  { key: 'rotation', path: '/rotation', label: 'nav.rotation', icon: OrderedListOutlined, roles: SALES_LINE },
  { key: 'users', path: '/admin/users', label: 'nav.users', icon: UserOutlined, roles: ['admin'], section: 'admin' },
  {
    key: 'projects',
    path: '/admin/projects',
    label: 'nav.projects',
    icon: ApartmentOutlined,
    roles: ['admin'],
    section: 'admin',
  },
  {
    key: 'developers',
    path: '/admin/developers',
    label: 'nav.developers',
    icon: ShopOutlined,
    roles: ['admin'],
    section: 'admin',
  },
  { key: 'webhooks', path: '/admin/webhooks', label: 'nav.webhooks', icon: SendOutlined, roles: ['admin'], section: 'admin' },
  // API keys (API 密钥) for integrations: the organization's admins only.
  { key: 'apiKeys', path: '/admin/api-keys', label: 'nav.apiKeys', icon: ApiOutlined, roles: ['admin'], section: 'admin' },
];

export function canSee(item: NavItem, role: ProjectRole | null): boolean {
  return item.roles === undefined || (role !== null && item.roles.includes(role));
}

/** The entries a role sees, in menu order. */
export function visibleNavItems(role: ProjectRole | null, items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  return items.filter((item) => canSee(item, role));
}

export function navItem(key: string): NavItem {
  const item = NAV_ITEMS.find((candidate) => candidate.key === key);
  if (item === undefined) throw new Error(`no menu entry "${key}"`);
  return item;
}

/** The entry a path belongs to: the longest entry path that is a prefix of it. */
export function navKeyForPath(pathname: string, items: readonly NavItem[] = NAV_ITEMS): string | undefined {
  let best: NavItem | undefined;
  for (const item of items) {
    const matches =
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (best === undefined || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}
