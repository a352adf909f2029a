import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { LoginPage } from '@/features/auth/pages/login-page';
import { PageFallback } from './page-fallback';

// Only the login page and the sign-in check are in the first download; every other page is a chunk
// of its own, fetched when first opened (issue #11: the login page used to wait for all of Ant Design).
function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

// Role checks need the menu's table (and its icons), so they come with the signed-in pages too.
const RequireNav = lazy(async () => ({ default: (await import('./require-nav')).RequireNav }));
const SignedInLayout = lazyNamed(() => import('./signed-in-layout'), 'SignedInLayout');
const HomeRoute = lazyNamed(() => import('./routes/home'), 'HomeRoute');
const BoardRoute = lazyNamed(() => import('./routes/inventory'), 'BoardRoute');
const PriceListsRoute = lazyNamed(() => import('./routes/inventory'), 'PriceListsRoute');
const ImportRoute = lazyNamed(() => import('./routes/inventory'), 'ImportRoute');
const ApprovalsRoute = lazyNamed(() => import('./routes/inventory'), 'ApprovalsRoute');
const DealsRoute = lazyNamed(() => import('./routes/deals'), 'DealsRoute');
const DealWizardRoute = lazyNamed(() => import('./routes/deals'), 'DealWizardRoute');
const DealDetailRoute = lazyNamed(() => import('./routes/deals'), 'DealDetailRoute');
const ReceivablesRoute = lazyNamed(() => import('./routes/deals'), 'ReceivablesRoute');
const MyCommissionRoute = lazyNamed(() => import('./routes/commission'), 'MyCommissionRoute');
const CommissionStatementsRoute = lazyNamed(() => import('./routes/commission'), 'CommissionStatementsRoute');
const CommissionStatementRoute = lazyNamed(() => import('./routes/commission'), 'CommissionStatementRoute');
const RewardsPenaltiesRoute = lazyNamed(() => import('./routes/commission'), 'RewardsPenaltiesRoute');
const CommissionPlansRoute = lazyNamed(() => import('./routes/commission'), 'CommissionPlansRoute');
const CommissionFiguresRoute = lazyNamed(() => import('./routes/commission-figures'), 'CommissionFiguresRoute');
const TargetsRoute = lazyNamed(() => import('./routes/targets'), 'TargetsRoute');
const MyTargetsRoute = lazyNamed(() => import('./routes/targets'), 'MyTargetsRoute');
const ProjectMembersRoute = lazyNamed(() => import('./routes/project-members'), 'ProjectMembersRoute');
const UsersPage = lazyNamed(() => import('@/features/users/pages/users-page'), 'UsersPage');
const AdminProjectsRoute = lazyNamed(() => import('./routes/admin-projects'), 'AdminProjectsRoute');
const AdminProjectDetailRoute = lazyNamed(() => import('./routes/admin-project-detail'), 'AdminProjectDetailRoute');
const DevelopersPage = lazyNamed(() => import('@/features/developers/pages/developers-page'), 'DevelopersPage');
const WebhooksPage = lazyNamed(() => import('@/features/webhooks/pages/webhooks-page'), 'WebhooksPage');
const ApiKeysRoute = lazyNamed(() => import('./routes/api-keys'), 'ApiKeysRoute');
const CustomersRoute = lazyNamed(() => import('./routes/customers'), 'CustomersRoute');
const CustomerDetailRoute = lazyNamed(() => import('./routes/customers'), 'CustomerDetailRoute');
const MyFollowUpsRoute = lazyNamed(() => import('./routes/customers'), 'MyFollowUpsRoute');
const BrokersRoute = lazyNamed(() => import('./routes/customers'), 'BrokersRoute');
const WalkInRoute = lazyNamed(() => import('./routes/walk-in'), 'WalkInRoute');
const RotationRoute = lazyNamed(() => import('./routes/rotation'), 'RotationRoute');
const ComplaintsRoute = lazyNamed(() => import('./routes/complaints'), 'ComplaintsRoute');
const ComplaintDetailRoute = lazyNamed(() => import('./routes/complaints'), 'ComplaintDetailRoute');
const ComplaintStatisticsRoute = lazyNamed(() => import('./routes/complaint-statistics'), 'ComplaintStatisticsRoute');
const CampaignsRoute = lazyNamed(() => import('./routes/campaigns'), 'CampaignsRoute');
const CampaignDetailRoute = lazyNamed(() => import('./routes/campaigns'), 'CampaignDetailRoute');
const ChannelReportRoute = lazyNamed(() => import('./routes/channel-report'), 'ChannelReportRoute');
const DailyReportRoute = lazyNamed(() => import('./routes/daily-report'), 'DailyReportRoute');
const FunnelRoute = lazyNamed(() => import('./routes/funnel'), 'FunnelRoute');
const SummariesRoute = lazyNamed(() => import('./routes/summaries'), 'SummariesRoute');
const ClosesRoute = lazyNamed(() => import('./routes/closing'), 'ClosesRoute');
const CloseDetailRoute = lazyNamed(() => import('./routes/closing'), 'CloseDetailRoute');
const AgencyFeeRulesRoute = lazyNamed(() => import('./routes/agency-fee'), 'AgencyFeeRulesRoute');
const AgencyFeeStatementsRoute = lazyNamed(() => import('./routes/agency-fee'), 'AgencyFeeStatementsRoute');
const AgencyFeeStatementRoute = lazyNamed(() => import('./routes/agency-fee'), 'AgencyFeeStatementRoute');
// The customer's rating page: no sign-in, no shell; its own chunk so it loads no signed-in code.
const RateRoute = lazyNamed(() => import('./routes/rate'), 'RateRoute');
const NotFoundRoute = lazyNamed(() => import('./routes/not-found'), 'NotFoundRoute');

/** A page; the shell stays while its code loads. */
function page(Page: ComponentType) {
  return (
    <Suspense fallback={<PageFallback />}>
      <Page />
    </Suspense>
  );
}

/** A page behind its menu entry's roles. */
function guarded(entry: string, Page: ComponentType) {
  return (
    <Suspense fallback={<PageFallback />}>
      <RequireNav entry={entry}>
        <Page />
      </RequireNav>
    </Suspense>
  );
}

// Paths here match the entries in navigation.ts; each guarded route names its entry.
const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/rate/:token',
    element: (
      <Suspense fallback={<PageFallback fullPage />}>
        <RateRoute />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Suspense fallback={<PageFallback fullPage />}>
          <SignedInLayout />
        </Suspense>
      </RequireAuth>
    ),
    children: [
      { index: true, element: page(HomeRoute) },
      { path: 'reports/daily', element: guarded('dailyReport', DailyReportRoute) },
      { path: 'reports/funnel', element: guarded('funnel', FunnelRoute) },
      { path: 'reports/summaries', element: guarded('summaries', SummariesRoute) },
      { path: 'closing', element: guarded('dailyClose', ClosesRoute) },
      { path: 'closing/:closeId', element: guarded('dailyClose', CloseDetailRoute) },
      { path: 'board', element: guarded('board', BoardRoute) },
      { path: 'price-lists', element: guarded('priceLists', PriceListsRoute) },
      { path: 'units/import', element: guarded('unitImport', ImportRoute) },
      { path: 'approvals', element: guarded('approvals', ApprovalsRoute) },
      { path: 'deals', element: guarded('deals', DealsRoute) },
      { path: 'deals/new', element: guarded('deals', DealWizardRoute) },
      { path: 'deals/:dealId', element: guarded('deals', DealDetailRoute) },
      { path: 'receivables', element: guarded('receivables', ReceivablesRoute) },
      // Commission (酬金). One statement is not behind a menu entry: consultants open their own, the
      // management anyone's, and the API answers 404 for another consultant's.
      { path: 'commission/mine', element: guarded('myCommission', MyCommissionRoute) },
      { path: 'commission/statements', element: guarded('commissionStatements', CommissionStatementsRoute) },
      { path: 'commission/statements/:statementId', element: page(CommissionStatementRoute) },
      { path: 'commission/rewards-penalties', element: guarded('rewardsPenalties', RewardsPenaltiesRoute) },
      { path: 'reports/commission', element: guarded('commissionFigures', CommissionFiguresRoute) },
      { path: 'commission/plans', element: guarded('commissionPlans', CommissionPlansRoute) },
      { path: 'targets', element: guarded('targets', TargetsRoute) },
      { path: 'targets/mine', element: guarded('myTargets', MyTargetsRoute) },
      { path: 'members', element: guarded('members', ProjectMembersRoute) },
      { path: 'admin/users', element: guarded('users', UsersPage) },
      { path: 'admin/projects', element: guarded('projects', AdminProjectsRoute) },
      { path: 'admin/projects/:projectId', element: guarded('projects', AdminProjectDetailRoute) },
      { path: 'admin/developers', element: guarded('developers', DevelopersPage) },
      { path: 'admin/webhooks', element: guarded('webhooks', WebhooksPage) },
      { path: 'admin/api-keys', element: guarded('apiKeys', ApiKeysRoute) },
      // Customers and reception.
      { path: 'customers', element: guarded('customers', CustomersRoute) },
      { path: 'customers/:customerId', element: guarded('customers', CustomerDetailRoute) },
      { path: 'walk-in', element: guarded('walkIn', WalkInRoute) },
      { path: 'follow-ups', element: guarded('followUps', MyFollowUpsRoute) },
      { path: 'brokers', element: guarded('brokers', BrokersRoute) },
      { path: 'rotation', element: guarded('rotation', RotationRoute) },
      // Complaints.
      { path: 'complaints', element: guarded('complaints', ComplaintsRoute) },
      { path: 'complaints/:complaintId', element: guarded('complaints', ComplaintDetailRoute) },
      { path: 'reports/complaints', element: guarded('complaintStatistics', ComplaintStatisticsRoute) },
      // Campaigns and the channel report.
      { path: 'campaigns', element: guarded('campaigns', CampaignsRoute) },
      { path: 'campaigns/:campaignId', element: guarded('campaigns', CampaignDetailRoute) },
      { path: 'reports/channels', element: guarded('channelReport', ChannelReportRoute) },
      // Agency fee.
      { path: 'agency-fee/rules', element: guarded('agencyFeeRules', AgencyFeeRulesRoute) },
      { path: 'agency-fee/statements', element: guarded('agencyFeeStatements', AgencyFeeStatementsRoute) },
      {
        path: 'agency-fee/statements/:statementId',
        element: guarded('agencyFeeStatements', AgencyFeeStatementRoute),
      },
      { path: '*', element: page(NotFoundRoute) },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
