/** The daily report (日报) of the selected project. */
import { DailyReportPage } from '@/features/reports/pages/daily-report-page';
import { WithProject } from './project-page';

export function DailyReportRoute() {
  return (
    <WithProject>
      {({ project }) => (
        <DailyReportPage key={project.id} projectId={project.id} projectName={project.name} timezone={project.timezone} />
      )}
    </WithProject>
  );
}
