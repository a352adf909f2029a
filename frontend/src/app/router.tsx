import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { LoginPage } from '@/features/auth/pages/login-page';
import { DevelopersPage } from '@/features/developers/pages/developers-page';
import { UsersPage } from '@/features/users/pages/users-page';
import { AppShell } from './app-shell';
import { CurrentProjectProvider } from './current-project';
import { RequireNav } from './require-nav';
import { AdminProjectDetailRoute } from './routes/admin-project-detail';
import { AdminProjectsRoute } from './routes/admin-projects';
import { DealDetailRoute, DealsRoute, DealWizardRoute, ReceivablesRoute } from './routes/deals';
import { HomeRoute } from './routes/home';
import { ApprovalsRoute, BoardRoute, ImportRoute, PriceListsRoute } from './routes/inventory';
import { NotFoundRoute } from './routes/not-found';
import { ProjectMembersRoute } from './routes/project-members';
import { BrokersRoute, CustomerDetailRoute, CustomersRoute, MyFollowUpsRoute } from './routes/customers';
import { RotationRoute } from './routes/rotation';
import { WalkInRoute } from './routes/walk-in';

// Paths here match the entries in navigation.ts; each guarded route names its entry.
const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <CurrentProjectProvider>
          <AppShell />
        </CurrentProjectProvider>
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'board', element: <RequireNav entry="board"><BoardRoute /></RequireNav> },
      { path: 'price-lists', element: <RequireNav entry="priceLists"><PriceListsRoute /></RequireNav> },
      { path: 'units/import', element: <RequireNav entry="unitImport"><ImportRoute /></RequireNav> },
      { path: 'approvals', element: <RequireNav entry="approvals"><ApprovalsRoute /></RequireNav> },
      { path: 'deals', element: <RequireNav entry="deals"><DealsRoute /></RequireNav> },
      { path: 'deals/new', element: <RequireNav entry="deals"><DealWizardRoute /></RequireNav> },
      { path: 'deals/:dealId', element: <RequireNav entry="deals"><DealDetailRoute /></RequireNav> },
      { path: 'receivables', element: <RequireNav entry="receivables"><ReceivablesRoute /></RequireNav> },
      {
        path: 'members',
        element: (
          <RequireNav entry="members">
            <ProjectMembersRoute />
          </RequireNav>
        ),
      },
      {
        path: 'admin/users',
        element: (
          <RequireNav entry="users">
            <UsersPage />
          </RequireNav>
        ),
      },
      {
        path: 'admin/projects',
        element: (
          <RequireNav entry="projects">
            <AdminProjectsRoute />
          </RequireNav>
        ),
      },
      {
        path: 'admin/projects/:projectId',
        element: (
          <RequireNav entry="projects">
            <AdminProjectDetailRoute />
          </RequireNav>
        ),
      },
      {
        path: 'admin/developers',
        element: (
          <RequireNav entry="developers">
            <DevelopersPage />
          </RequireNav>
        ),
      },
      // Customers and reception.
      { path: 'customers', element: <RequireNav entry="customers"><CustomersRoute /></RequireNav> },
      { path: 'customers/:customerId', element: <RequireNav entry="customers"><CustomerDetailRoute /></RequireNav> },
      { path: 'walk-in', element: <RequireNav entry="walkIn"><WalkInRoute /></RequireNav> },
      { path: 'follow-ups', element: <RequireNav entry="followUps"><MyFollowUpsRoute /></RequireNav> },
      { path: 'brokers', element: <RequireNav entry="brokers"><BrokersRoute /></RequireNav> },
      { path: 'rotation', element: <RequireNav entry="rotation"><RotationRoute /></RequireNav> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
