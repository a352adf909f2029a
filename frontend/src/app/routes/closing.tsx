/** The daily close (日清日结) of the selected project: the list, and one close. */
import { useParams } from 'react-router-dom';
import { CloseDetailPage } from '@/features/closing/pages/close-detail-page';
import { ClosesPage } from '@/features/closing/pages/closes-page';
import { WithProject } from './project-page';

export function ClosesRoute() {
  return (
    <WithProject>
      {({ project, role }) => (
        <ClosesPage key={project.id} projectId={project.id} projectName={project.name} role={role} timezone={project.timezone} />
      )}
    </WithProject>
  );
}

export function CloseDetailRoute() {
  const { closeId = '' } = useParams();
  return <WithProject>{({ project }) => <CloseDetailPage key={closeId} projectId={project.id} closeId={closeId} />}</WithProject>;
}
