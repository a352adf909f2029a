import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Result, Skeleton, Space } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { roleInProject } from '@/features/auth/api/get-me';
import { useDevelopers } from '@/features/developers/api/get-developers';
import { useProject } from '@/features/projects/api/get-project';
import { EditProjectModal } from '@/features/projects/components/project-form-modal';
import { ProjectSummary } from '@/features/projects/components/project-summary';
import { useProjectsT } from '@/features/projects/i18n';
import { useCommonT } from '@/i18n';
import { useCurrentProject } from '../use-current-project';
import { useAppT } from '../i18n';
import { ProjectMembers } from './project-members';

export function AdminProjectDetailRoute() {
  const { projectId = '' } = useParams();
  const { t } = useProjectsT();
  const app = useAppT().t;
  const common = useCommonT().t;
  const { me } = useCurrentProject();
  const project = useProject(projectId);
  const developers = useDevelopers({ limit: 200 });
  const [editing, setEditing] = useState(false);
  const developerOptions = useMemo(
    () => (developers.data ?? []).map((developer) => ({ value: developer.id, label: developer.name })),
    [developers.data],
  );

  if (project.isPending) return <Skeleton active />;
  if (project.isError) {
    return (
      <Result
        status="404"
        title={app('detail.notFound')}
        extra={
          <Link to="/admin/projects">
            <Button>{common('actions.back')}</Button>
          </Link>
        }
      />
    );
  }
  const current = project.data.data;
  const developerName = developerOptions.find((option) => option.value === current.developer_id)?.label;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/admin/projects">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('title')}
        </Button>
      </Link>
      <PageHeader
        title={current.name}
        subtitle={t('detail')}
        extra={
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {common('actions.edit')}
          </Button>
        }
      />
      <ProjectSummary project={current} developerName={developerName} />
      <ProjectMembers project={current} role={roleInProject(me, current.id)} />
      {editing && (
        <EditProjectModal projectId={projectId} developerOptions={developerOptions} onClose={() => setEditing(false)} />
      )}
    </Space>
  );
}
