import { Alert, Skeleton, Space, Tag, Typography } from 'antd';
import { useCommonT } from '@/i18n';
import { Dashboard } from '@/features/dashboard/pages/dashboard';
import { useCurrentProject } from '../use-current-project';
import { useAppT } from '../i18n';

export function HomeRoute() {
  const { t } = useAppT();
  const common = useCommonT().t;
  const { me, project, role, projectsLoading } = useCurrentProject();

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('home.greeting', { name: me.user.full_name })}
        </Typography.Title>
        {project === null ? (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('home.welcome')}
          </Typography.Paragraph>
        ) : (
          <Space wrap size={[8, 4]}>
            <Typography.Text strong data-testid="home-project">
              {project.name}
            </Typography.Text>
            <Typography.Text type="secondary">{project.code}</Typography.Text>
            {role && (
              <Tag color="blue" data-testid="home-role">
                {common(`roles.${role}`)}
              </Tag>
            )}
            <Typography.Text type="secondary">{me.organization.name}</Typography.Text>
          </Space>
        )}
      </div>
      {projectsLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : project === null ? (
        <Alert type="info" showIcon message={t('home.noProject')} />
      ) : (
        <Dashboard key={project.id} projectId={project.id} timezone={project.timezone} role={role} userId={me.user.id} />
      )}
      {me.user.is_admin && <Alert type="success" showIcon message={t('home.adminHint')} />}
    </Space>
  );
}
