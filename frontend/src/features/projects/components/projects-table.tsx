import { Button, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useCommonT } from '@/i18n';
import type { Project } from '../api/get-projects';
import { useProjectsT } from '../i18n';

export function ProjectsTable({
  projects,
  loading,
  developerNames,
  detailPath,
  onEdit,
}: {
  projects: readonly Project[];
  loading: boolean;
  developerNames: ReadonlyMap<string, string>;
  detailPath: (project: Project) => string;
  onEdit: (project: Project) => void;
}) {
  const { t } = useProjectsT();
  const common = useCommonT().t;
  return (
    <Table<Project>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...projects]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('fields.name'),
          dataIndex: 'name',
          render: (name: string, project) => <Link to={detailPath(project)}>{name}</Link>,
        },
        { title: t('fields.code'), dataIndex: 'code' },
        {
          title: t('fields.developer'),
          dataIndex: 'developer_id',
          render: (id: string) => developerNames.get(id) ?? '—',
        },
        { title: t('fields.city'), dataIndex: 'city', render: (city: string | null) => city ?? '—' },
        {
          title: t('fields.active'),
          dataIndex: 'is_active',
          render: (active: boolean) =>
            active ? <Tag color="green">{common('status.active')}</Tag> : <Tag>{common('status.inactive')}</Tag>,
        },
        {
          title: common('table.actions'),
          key: 'actions',
          fixed: 'right',
          render: (_, project) => (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => onEdit(project)}>
                {common('actions.edit')}
              </Button>
              <Link to={detailPath(project)}>
                <Button type="link" size="small">
                  {common('actions.view')}
                </Button>
              </Link>
            </Space>
          ),
        },
      ]}
    />
  );
}
