import { CustomerDetailPage } from '@/features/customers/pages/customer-detail-page';
import { CustomersPage } from '@/features/customers/pages/customers-page';
import { BrokersPage } from '@/features/customers/pages/brokers-page';
import { MyFollowUpsPage } from '@/features/customers/pages/my-follow-ups-page';
import { RelatedComplaintsCard } from '@/features/complaints/components/related-complaints-card';
import { CustomerDealsCard } from '@/features/deals/components/customer-deals-card';
import { useParams } from 'react-router-dom';
import { WithCampaignField } from './campaign-field';
import { WithProject } from './project-page';
import { supervises, useConsultantOptions } from './sales-roles';

function Customers({ projectId, projectName, supervising }: { projectId: string; projectName: string; supervising: boolean }) {
  const owners = useConsultantOptions(projectId);
  return (
    <WithCampaignField>
      <CustomersPage projectId={projectId} supervises={supervising} ownerOptions={owners} subtitle={projectName} />
    </WithCampaignField>
  );
}

export function CustomersRoute() {
  return (
    <WithProject>
      {({ project, role }) => (
        <Customers key={project.id} projectId={project.id} projectName={project.name} supervising={supervises(role)} />
      )}
    </WithProject>
  );
}

function CustomerDetail({ projectId, supervising }: { projectId: string; supervising: boolean }) {
  const { customerId = '' } = useParams();
  const consultants = useConsultantOptions(projectId);
  return (
    <WithCampaignField>
      <CustomerDetailPage
      key={customerId}
      customerId={customerId}
      actsForOthers={supervising}
      consultantOptions={consultants}
      dealsSlot={<CustomerDealsCard projectId={projectId} customerId={customerId} />}
      complaintsSlot={(name) => <RelatedComplaintsCard projectId={projectId} customerId={customerId} about={name} />}
      />
    </WithCampaignField>
  );
}

export function CustomerDetailRoute() {
  return (
    <WithProject>
      {({ project, role }) => (
        <CustomerDetail projectId={project.id} supervising={supervises(role)} />
      )}
    </WithProject>
  );
}

export function MyFollowUpsRoute() {
  return (
    <WithProject>{({ project }) => <MyFollowUpsPage key={project.id} projectId={project.id} />}</WithProject>
  );
}

export function BrokersRoute() {
  return (
    <WithProject>
      {({ project, role }) => <BrokersPage key={project.id} projectId={project.id} supervises={supervises(role)} />}
    </WithProject>
  );
}
