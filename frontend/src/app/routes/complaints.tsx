/** Complaints (投诉): the list and one complaint, for the selected project. */
import { useParams } from 'react-router-dom';
import { ComplaintDetailPage } from '@/features/complaints/pages/complaint-detail-page';
import { ComplaintsPage } from '@/features/complaints/pages/complaints-page';
import { canSee, navItem } from '../navigation';
import { useCurrentProject } from '../use-current-project';
import { WithProject } from './project-page';

export function ComplaintsRoute() {
  return (
    <WithProject>
      {({ project }) => <ComplaintsPage key={project.id} projectId={project.id} projectName={project.name} />}
    </WithProject>
  );
}

export function ComplaintDetailRoute() {
  const { role } = useCurrentProject();
  const { complaintId = '' } = useParams();
  // Links only to the pages the caller's menu opens (a developer rep has no customers' pages).
  const pathOf = (entry: string) => (canSee(navItem(entry), role) ? navItem(entry).path : null);
  const customers = pathOf('customers');
  const deals = pathOf('deals');
  return (
    <ComplaintDetailPage
      key={complaintId}
      complaintId={complaintId}
      customerHref={(id) => (customers ? `${customers}/${id}` : null)}
      dealHref={(id) => (deals ? `${deals}/${id}` : null)}
      approvalsHref={pathOf('approvals')}
    />
  );
}
