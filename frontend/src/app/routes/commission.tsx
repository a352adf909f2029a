/** Commission (酬金): my statement, the month's statements, one statement, rewards and penalties, the plans. */
import { useParams } from 'react-router-dom';
import { MyCommissionPage } from '@/features/commission/pages/my-commission-page';
import { PlansPage } from '@/features/commission/pages/plans-page';
import { RewardsPage } from '@/features/commission/pages/rewards-page';
import { StatementPage } from '@/features/commission/pages/statement-page';
import { StatementsPage } from '@/features/commission/pages/statements-page';
import { COMMISSION_PLAN_PROPOSERS, COMMISSION_PREPARERS, hasRole } from '@/lib/roles';
import { canSee, navItem } from '../navigation';
import { useCurrentProject } from '../use-current-project';
import { WithProject } from './project-page';

/** Where a deal's page is, when the caller's menu opens deals. */
function useDealHref(): (dealId: string) => string | null {
  const { role } = useCurrentProject();
  const deals = canSee(navItem('deals'), role) ? navItem('deals').path : null;
  return (dealId) => (deals ? `${deals}/${dealId}` : null);
}

export function MyCommissionRoute() {
  const dealHref = useDealHref();
  return (
    <WithProject>
      {({ project, myUserId }) => (
        <MyCommissionPage key={project.id} projectId={project.id} projectName={project.name} myUserId={myUserId} dealHref={dealHref} />
      )}
    </WithProject>
  );
}

export function CommissionStatementsRoute() {
  return (
    <WithProject>
      {({ project, role }) => (
        <StatementsPage
          key={project.id}
          projectId={project.id}
          projectName={project.name}
          canCompute={hasRole(role, COMMISSION_PREPARERS)}
        />
      )}
    </WithProject>
  );
}

export function CommissionStatementRoute() {
  const { role } = useCurrentProject();
  const { statementId = '' } = useParams();
  const dealHref = useDealHref();
  const list = navItem('commissionStatements');
  const mine = navItem('myCommission');
  const backHref = canSee(list, role) ? list.path : canSee(mine, role) ? mine.path : null;
  return <StatementPage key={statementId} statementId={statementId} backHref={backHref} dealHref={dealHref} />;
}

export function RewardsPenaltiesRoute() {
  return (
    <WithProject>
      {({ project, role }) => (
        <RewardsPage key={project.id} projectId={project.id} projectName={project.name} canPropose={hasRole(role, COMMISSION_PREPARERS)} />
      )}
    </WithProject>
  );
}

export function CommissionPlansRoute() {
  return (
    <WithProject>
      {({ project, role }) => (
        <PlansPage key={project.id} projectId={project.id} projectName={project.name} canPropose={hasRole(role, COMMISSION_PLAN_PROPOSERS)} />
      )}
    </WithProject>
  );
}
