import { Descriptions, Tag } from 'antd';
import { useCommonT } from '@/i18n';
import { formatDateTime } from '@/lib/format';
import type { Project } from '../api/get-projects';
import { useProjectsT } from '../i18n';

export function ProjectSummary({ project, developerName }: { project: Project; developerName?: string }) {
  const { t } = useProjectsT();
  const common = useCommonT().t;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
      items={[
        { key: 'code', label: t('fields.code'), children: project.code },
        { key: 'developer', label: t('fields.developer'), children: developerName ?? '—' },
        { key: 'city', label: t('fields.city'), children: project.city ?? '—' },
        { key: 'address', label: t('fields.address'), children: project.address ?? '—' },
        { key: 'timezone', label: t('fields.timezone'), children: project.timezone },
        {
          key: 'active',
          label: t('fields.active'),
          children: project.is_active ? (
            <Tag color="green">{common('status.active')}</Tag>
          ) : (
            <Tag>{common('status.inactive')}</Tag>
          ),
        },
        { key: 'created', label: common('table.createdAt'), children: formatDateTime(project.created_at) },
      ]}
    />
  );
}
