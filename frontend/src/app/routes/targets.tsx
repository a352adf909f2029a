/** Targets (目标): the month's plan for the sales line's management; "my targets" for consultants. */
import { TargetsPage } from '@/features/targets/pages/targets-page';
import { WithProject } from './project-page';

export function TargetsRoute() {
  return <WithProject>{({ project }) => <TargetsPage key={project.id} projectId={project.id} projectName={project.name} mine={false} />}</WithProject>;
}

export function MyTargetsRoute() {
  return <WithProject>{({ project }) => <TargetsPage key={project.id} projectId={project.id} projectName={project.name} mine />}</WithProject>;
}
