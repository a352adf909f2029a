/** The conversion funnel (转化漏斗) of the selected project. */
import { FunnelPage } from '@/features/reports/pages/funnel-page';
import { WithProject } from './project-page';

export function FunnelRoute() {
  return <WithProject>{({ project }) => <FunnelPage key={project.id} projectId={project.id} projectName={project.name} />}</WithProject>;
}
