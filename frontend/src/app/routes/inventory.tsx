/** The inventory screens and the approvals inbox, for the selected project. */
import { Link, useNavigate } from 'react-router-dom';
import type { Approval } from '@/features/approvals/api/get-approvals';
import { ApprovalsPage } from '@/features/approvals/pages/approvals-page';
import { BoardPage } from '@/features/inventory/pages/board-page';
import { ImportPage } from '@/features/inventory/pages/import-page';
import { PriceListsPage } from '@/features/inventory/pages/price-lists-page';
import { useCommonT } from '@/i18n';
import { WithProject } from './project-page';

export function BoardRoute() {
  return (
    <WithProject>
      {({ project, role, myUserId }) => (
        <BoardPage key={project.id} projectId={project.id} projectName={project.name} role={role} userId={myUserId} />
      )}
    </WithProject>
  );
}

export function ImportRoute() {
  const navigate = useNavigate();
  return (
    <WithProject>
      {({ project }) => (
        <ImportPage key={project.id} projectId={project.id} projectName={project.name} onOpenBoard={() => navigate('/board')} />
      )}
    </WithProject>
  );
}

export function PriceListsRoute() {
  return <WithProject>{({ project }) => <PriceListsPage key={project.id} projectId={project.id} projectName={project.name} />}</WithProject>;
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
      {({ project }) => (
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
