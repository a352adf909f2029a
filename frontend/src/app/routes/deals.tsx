/** Deals (交易): the list, the subscription wizard, one deal, and receivables, for the selected project. */
import { Button, Result } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { DealCreditsCard } from '@/features/commission/components/deal-credits-card';
import { RelatedComplaintsCard } from '@/features/complaints/components/related-complaints-card';
import { DealDetailPage } from '@/features/deals/pages/deal-detail-page';
import { DealWizardPage } from '@/features/deals/pages/deal-wizard-page';
import { DealsPage } from '@/features/deals/pages/deals-page';
import { ReceivablesPage } from '@/features/deals/pages/receivables-page';
import { useCommonT } from '@/i18n';
import { CREDIT_PROPOSERS, CREDIT_READERS, hasRole, SALES_LINE } from '@/lib/roles';
import { canSee, navItem } from '../navigation';
import { useCurrentProject } from '../use-current-project';
import { WithProject } from './project-page';

/** Who subscribes (认购): the sales line; finance and the developer rep only read deals. */
const SELLERS = SALES_LINE;

export function DealsRoute() {
  const { role, me } = useCurrentProject();
  const navigate = useNavigate();
  const sells = hasRole(role, SELLERS);
  return (
    <WithProject>
      {({ project }) => (
        <DealsPage
          key={project.id}
          projectId={project.id}
          projectName={project.name}
          role={role}
          userId={me.user.id}
          onNewDeal={sells ? () => navigate('/board') : undefined}
        />
      )}
    </WithProject>
  );
}

export function DealWizardRoute() {
  const { role } = useCurrentProject();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const common = useCommonT().t;
  if (role === null || !hasRole(role, SELLERS)) {
    return (
      <Result
        status="403"
        title={common('pages.forbiddenTitle')}
        subTitle={common('pages.forbiddenText')}
        extra={
          <Link to="/deals">
            <Button type="primary">{common('actions.back')}</Button>
          </Link>
        }
      />
    );
  }
  return (
    <WithProject>
      {({ project }) => (
        <DealWizardPage
          key={`${project.id}-${params.get('unit_id') ?? ''}`}
          projectId={project.id}
          unitId={params.get('unit_id')}
          role={role}
          onOpenDeal={(dealId) => navigate(`/deals/${dealId}`)}
          onOpenBoard={() => navigate('/board')}
        />
      )}
    </WithProject>
  );
}

export function DealDetailRoute() {
  const { role } = useCurrentProject();
  const { dealId = '' } = useParams();
  const approvals = canSee(navItem('approvals'), role) ? navItem('approvals').path : null;
  return (
    <DealDetailPage
      key={dealId}
      dealId={dealId}
      role={role}
      approvalsHref={approvals}
      creditsSlot={
        hasRole(role, CREDIT_READERS)
          ? ({ projectId }) => <DealCreditsCard projectId={projectId} dealId={dealId} canPropose={hasRole(role, CREDIT_PROPOSERS)} />
          : undefined
      }
      complaintsSlot={({ projectId, title }) => (
        <RelatedComplaintsCard projectId={projectId} dealId={dealId} about={title} />
      )}
    />
  );
}

export function ReceivablesRoute() {
  return <WithProject>{({ project }) => <ReceivablesPage key={project.id} projectId={project.id} projectName={project.name} />}</WithProject>;
}
