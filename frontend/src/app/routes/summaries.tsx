/** The summaries (周报 / 月报 / 季报) of the selected project. */
import { SummaryPage } from '@/features/reports/pages/summary-page';
import { WithProject } from './project-page';

export function SummariesRoute() {
  return (
    <WithProject>
      {({ project }) => <SummaryPage key={project.id} projectId={project.id} projectName={project.name} timezone={project.timezone} />}
    </WithProject>
  );
}
