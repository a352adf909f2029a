/** The channel and campaign report: a route module of its own, so ECharts comes only with this page's chunk. */
import { ChannelReportPage } from '@/features/campaigns/pages/channel-report-page';
import { WithProject } from './project-page';

export function ChannelReportRoute() {
  return (
    <WithProject>
      {({ project }) => <ChannelReportPage key={project.id} projectId={project.id} projectName={project.name} />}
    </WithProject>
  );
}
