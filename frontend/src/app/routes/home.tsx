import { ApartmentOutlined, BankOutlined, IdcardOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Skeleton, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useCommonT } from '@/i18n';
import { useCurrentProject } from '../use-current-project';
import { useAppT } from '../i18n';

function Fact({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Space align="start" size={12}>
        <span style={{ fontSize: 22, color: '#1668dc' }}>{icon}</span>
        <div>
          <Typography.Text type="secondary">{label}</Typography.Text>
          <div style={{ fontSize: 16, fontWeight: 500, marginTop: 2 }}>{children}</div>
        </div>
      </Space>
    </Card>
  );
}

export function HomeRoute() {
  const { t } = useAppT();
  const common = useCommonT().t;
  const { me, project, role, projectsLoading } = useCurrentProject();

  return (
    <Space direction="vertical" size={20} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('home.greeting', { name: me.user.full_name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('home.welcome')}
        </Typography.Paragraph>
      </div>
      {projectsLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : project === null ? (
        <Alert type="info" showIcon message={t('home.noProject')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <Fact icon={<ApartmentOutlined />} label={t('home.project')}>
              <span data-testid="home-project">{project.name}</span>{' '}
              <Typography.Text type="secondary">{project.code}</Typography.Text>
            </Fact>
          </Col>
          <Col xs={24} md={8}>
            <Fact icon={<IdcardOutlined />} label={t('home.role')}>
              {role ? <Tag color="blue" data-testid="home-role">{common(`roles.${role}`)}</Tag> : '—'}
            </Fact>
          </Col>
          <Col xs={24} md={8}>
            <Fact icon={<BankOutlined />} label={t('home.organization')}>
              {me.organization.name}
            </Fact>
          </Col>
        </Row>
      )}
      {me.user.is_admin && <Alert type="success" showIcon message={t('home.adminHint')} />}
    </Space>
  );
}
