/** The commission figures: a route module of its own, so ECharts comes only with this page's chunk. */
import { FiguresPage } from '@/features/commission/pages/figures-page';
import { WithProject } from './project-page';

export function CommissionFiguresRoute() {
  return (
    <WithProject>
      {({ project }) => <FiguresPage key={project.id} projectId={project.id} projectName={project.name} />}
    </WithProject>
  );
}
