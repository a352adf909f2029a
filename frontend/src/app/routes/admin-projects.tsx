import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card } from 'antd';
import { useMemo, useState } from 'react';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useDevelopers } from '@/features/developers/api/get-developers';
import { useProjects } from '@/features/projects/api/get-projects';
import { CreateProjectModal, EditProjectModal } from '@/features/projects/components/project-form-modal';
import { ProjectsTable } from '@/features/projects/components/projects-table';
import { useProjectsT } from '@/features/projects/i18n';

/** Projects of the organization; the developer pick list comes from the developers feature. */
export function AdminProjectsRoute() {
  const { t } = useProjectsT();
  const { message } = App.useApp();
  const projects = useProjects();
  const developers = useDevelopers({ limit: 200 });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const rows = projects.data ?? [];
  const developerOptions = useMemo(
    () => (developers.data ?? []).map((developer) => ({ value: developer.id, label: developer.name })),
    [developers.data],
  );
  const developerNames = useMemo(
    () => new Map(developerOptions.map((option) => [option.value, option.label])),
    [developerOptions],
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('create')}
          </Button>
        }
      />
      {projects.isError && <QueryError error={projects.error} onRetry={() => void projects.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <ProjectsTable
          projects={rows}
          loading={projects.isPending}
          developerNames={developerNames}
          detailPath={(project) => `/admin/projects/${project.id}`}
          onEdit={(project) => setEditing(project.id)}
        />
      </Card>
      <LoadMore
        loaded={rows.length}
        hasMore={projects.hasNextPage}
        loading={projects.isFetchingNextPage}
        onLoadMore={() => void projects.fetchNextPage()}
      />
      {creating && (
        <CreateProjectModal
          developerOptions={developerOptions}
          onClose={() => setCreating(false)}
          onCreated={(project) => void message.success(t('created', { name: project.name }))}
        />
      )}
      {editing !== null && (
        <EditProjectModal projectId={editing} developerOptions={developerOptions} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
