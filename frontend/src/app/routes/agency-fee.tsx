/** The agency fee (代理费): rule versions, statements and one statement, for the selected project. */
import { useParams } from 'react-router-dom';
import { RulesPage } from '@/features/agency-fee/pages/rules-page';
import { StatementPage } from '@/features/agency-fee/pages/statement-page';
import { StatementsPage } from '@/features/agency-fee/pages/statements-page';
import { AGENCY_FEE_PREPARERS, AGENCY_FEE_PROPOSERS, hasRole } from '@/lib/roles';
import { WithProject } from './project-page';

export function AgencyFeeRulesRoute() {
  return (
    <WithProject>
      {({ project, role }) => (
        <RulesPage
          key={project.id}
          projectId={project.id}
          projectName={project.name}
          canPropose={hasRole(role, AGENCY_FEE_PROPOSERS)}
        />
      )}
    </WithProject>
  );
}

export function AgencyFeeStatementsRoute() {
  return (
    <WithProject>
      {({ project, role }) => (
        <StatementsPage
          key={project.id}
          projectId={project.id}
          projectName={project.name}
          canGenerate={hasRole(role, AGENCY_FEE_PREPARERS)}
        />
      )}
    </WithProject>
  );
}

export function AgencyFeeStatementRoute() {
  const { statementId = '' } = useParams();
  return <StatementPage key={statementId} statementId={statementId} />;
}
