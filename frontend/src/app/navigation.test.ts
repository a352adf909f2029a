import { describe, expect, it } from 'vitest';
import { PROJECT_ROLES } from '@/lib/roles';
import { NAV_ITEMS, navKeyForPath, visibleNavItems } from './navigation';

// Customers and reception, for everyone on the sales line.
const CUSTOMERS = ['customers', 'walkIn', 'followUps', 'brokers', 'rotation'];
// Deals for everyone of the project; receivables for whoever collects (not the developer rep).
const DEALS = ['deals', 'receivables'];
// Complaints for everyone of the project; their statistics from the supervisor up and the developer rep.
const COMPLAINTS = ['complaints', 'complaintStatistics'];
// Campaigns and their channel report for the management, finance and the developer rep; never consultants.
const CAMPAIGNS = ['campaigns', 'channelReport'];
// The agency fee for the agency's management, finance and the developer rep; never consultants.
const AGENCY_FEE = ['agencyFeeRules', 'agencyFeeStatements'];
// Everyone's commission for the management and finance; one's own for consultants and supervisors.
const COMMISSION = ['commissionStatements', 'rewardsPenalties', 'commissionFigures'];
// The commission plans for the site's management only.
const PLANS = ['commissionPlans'];
// The month's targets for supervisors and up; consultants read their own.
const TARGETS = ['targets'];

const keys = (role: Parameters<typeof visibleNavItems>[0]) => visibleNavItems(role).map((item) => item.key);

describe('the menu follows the role in the selected project', () => {
  it('shows admins the Admin section', () => {
    expect(keys('admin')).toEqual([
      'home',
      'dailyReport',
      'funnel',
      'summaries',
      'dailyClose',
      'board',
      'priceLists',
      'unitImport',
      'approvals',
      ...DEALS,
      ...COMMISSION,
      ...PLANS,
      ...TARGETS,
      ...COMPLAINTS,
      ...CAMPAIGNS,
      ...AGENCY_FEE,
      'members',
      ...CUSTOMERS,
      'users',
      'projects',
      'developers',
      'webhooks',
      'apiKeys',
    ]);
  });

  it('shows project managers the members but not the Admin section', () => {
    expect(keys('project_manager')).toEqual([
      'home',
      'dailyReport',
      'funnel',
      'summaries',
      'dailyClose',
      'board',
      'priceLists',
      'unitImport',
      'approvals',
      ...DEALS,
      ...COMMISSION,
      ...PLANS,
      ...TARGETS,
      ...COMPLAINTS,
      ...CAMPAIGNS,
      ...AGENCY_FEE,
      'members',
      ...CUSTOMERS,
    ]);
  });

  it('shows site managers prices, imports and approvals', () => {
    expect(keys('site_manager')).toEqual(['home', 'dailyReport', 'funnel', 'summaries', 'dailyClose', 'board', 'priceLists', 'unitImport', 'approvals', ...DEALS, ...COMMISSION, ...PLANS, ...TARGETS, ...COMPLAINTS, ...CAMPAIGNS, ...AGENCY_FEE, ...CUSTOMERS]);
  });

  it('shows supervisors the board, the approvals and the customers', () => {
    expect(keys('supervisor')).toEqual(['home', 'dailyReport', 'funnel', 'summaries', 'dailyClose', 'board', 'approvals', ...DEALS, 'myCommission', ...COMMISSION, ...TARGETS, ...COMPLAINTS, ...CAMPAIGNS, ...AGENCY_FEE, ...CUSTOMERS]);
  });

  it('shows a developer rep the board, the approvals and the deals', () => {
    expect(keys('developer_rep')).toEqual(['home', 'dailyReport', 'funnel', 'summaries', 'dailyClose', 'board', 'approvals', 'deals', ...COMPLAINTS, ...CAMPAIGNS, ...AGENCY_FEE]);
  });

  it('shows consultants the board and the customers', () => {
    expect(keys('consultant')).toEqual(['home', 'dailyReport', 'board', ...DEALS, 'myCommission', 'myTargets', 'complaints', ...CUSTOMERS]);
  });

  it('shows finance the board, the deals and the receivables', () => {
    expect(keys('finance')).toEqual(['home', 'dailyReport', 'funnel', 'summaries', 'dailyClose', 'board', ...DEALS, ...COMMISSION, 'complaints', ...CAMPAIGNS, ...AGENCY_FEE]);
  });

  it('shows someone with no role in any project only Home', () => {
    expect(keys(null)).toEqual(['home']);
  });

  it('names only roles the API knows', () => {
    for (const item of NAV_ITEMS) {
      for (const role of item.roles ?? []) expect(PROJECT_ROLES).toContain(role);
    }
  });

  it('finds the entry of a nested path', () => {
    expect(navKeyForPath('/')).toBe('home');
    expect(navKeyForPath('/admin/projects/123')).toBe('projects');
    expect(navKeyForPath('/admin/users')).toBe('users');
    expect(navKeyForPath('/units/import')).toBe('unitImport');
    expect(navKeyForPath('/deals/new')).toBe('deals');
    expect(navKeyForPath('/deals/123')).toBe('deals');
    expect(navKeyForPath('/customers/123')).toBe('customers');
    expect(navKeyForPath('/agency-fee/statements/123')).toBe('agencyFeeStatements');
    expect(navKeyForPath('/commission/statements/123')).toBe('commissionStatements');
    expect(navKeyForPath('/reports/commission')).toBe('commissionFigures');
    expect(navKeyForPath('/campaigns/123')).toBe('campaigns');
    expect(navKeyForPath('/reports/channels')).toBe('channelReport');
    expect(navKeyForPath('/reports/daily')).toBe('dailyReport');
    expect(navKeyForPath('/reports/funnel')).toBe('funnel');
    expect(navKeyForPath('/reports/summaries')).toBe('summaries');
    expect(navKeyForPath('/nowhere')).toBeUndefined();
  });
});
