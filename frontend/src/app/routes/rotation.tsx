import { RotationPage } from '@/features/reception/pages/rotation-page';
import { WithProject } from './project-page';
import { supervises, useConsultantOptions } from './sales-roles';

function Rotation({ projectId, myUserId, canManage }: { projectId: string; myUserId: string; canManage: boolean }) {
  const consultants = useConsultantOptions(projectId);
  return <RotationPage projectId={projectId} myUserId={myUserId} canManage={canManage} consultants={consultants} />;
}

/** The supervisor's rotation board (轮接排班). */
export function RotationRoute() {
  return (
    <WithProject>
      {({ project, role, myUserId }) => (
        <Rotation key={project.id} projectId={project.id} myUserId={myUserId} canManage={supervises(role)} />
      )}
    </WithProject>
  );
}
