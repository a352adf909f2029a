/** Complaint statistics: a route module of its own, so ECharts comes only with this page's chunk. */
import { ComplaintStatisticsPage } from '@/features/complaints/pages/complaint-statistics-page';
import { WithProject } from './project-page';

export function ComplaintStatisticsRoute() {
  return (
    <WithProject>
      {({ project }) => <ComplaintStatisticsPage key={project.id} projectId={project.id} projectName={project.name} />}
    </WithProject>
  );
}
