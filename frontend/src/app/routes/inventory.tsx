/** The inventory screens and the approvals inbox, for the selected project. */
import { Alert, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Approval } from '@/features/approvals/api/get-approvals';
import { ApprovalsPage } from '@/features/approvals/pages/approvals-page';
import { BoardPage } from '@/features/inventory/pages/board-page';
import { ImportPage } from '@/features/inventory/pages/import-page';
import { PriceListsPage } from '@/features/inventory/pages/price-lists-page';
import type { Project } from '@/features/projects/api/get-projects';
import { useCommonT } from '@/i18n';
import { useCurrentProject } from '../use-current-project';
import { useAppT } from '../i18n';

function WithProject({ children }: { children: (project: Project) => ReactNode }) {
  const { project, projectsLoading } = useCurrentProject();
  const { t } = useAppT();
  if (projectsLoading) return <Skeleton active />;
  if (project === null) return <Alert type="info" showIcon message={t('home.noProject')} />;
  return children(project);
}

export function BoardRoute() {
  const { role, me } = useCurrentProject();
  return (
    <WithProject>
      {(project) => (
        <BoardPage key={project.id} projectId={project.id} projectName={project.name} role={role} userId={me.user.id} />
      )}
    </WithProject>
  );
}

export function ImportRoute() {
  const navigate = useNavigate();
  return (
    <WithProject>
      {(project) => (
        <ImportPage key={project.id} projectId={project.id} projectName={project.name} onOpenBoard={() => navigate('/board')} />
      )}
    </WithProject>
  );
}

export function PriceListsRoute() {
  return <WithProject>{(project) => <PriceListsPage key={project.id} projectId={project.id} projectName={project.name} />}</WithProject>;
}

/** A deal's approval (discount, cancellation, change of unit or buyers) links to the deal. */
function dealLink(approval: Approval) {
  const dealId = approval.summary.deal_id;
  if (!approval.kind.startsWith('deal_') || typeof dealId !== 'string') return null;
  return <DealLink dealId={dealId} />;
}

function DealLink({ dealId }: { dealId: string }) {
  const common = useCommonT().t;
  return (
    <Link to={`/deals/${dealId}`} data-testid="approval-deal-link">
      {common('nav.deals')} · {common('actions.view')}
    </Link>
  );
}

export function ApprovalsRoute() {
  return (
    <WithProject>
      {(project) => (
        <ApprovalsPage
          key={project.id}
          projectId={project.id}
          projectName={project.name}
          subjectLink={dealLink}
        />
      )}
    </WithProject>
  );
}
