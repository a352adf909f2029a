import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Statistic } from 'antd';
import { PageHeader } from '@/components/page-header';
import { useCommonT } from '@/i18n';
import { useRotation } from '../api/get-rotation';
import { RosterEditor, type ConsultantChoice } from '../components/roster-editor';
import { RotationQueue } from '../components/rotation-queue';
import { useReceptionT } from '../i18n';

/** The supervisor's rotation board: the queue, absences and breaks, and today's roster. */
export function RotationPage({
  projectId,
  myUserId,
  canManage,
  consultants,
  subtitle,
}: {
  projectId: string;
  myUserId: string;
  canManage: boolean;
  consultants: readonly ConsultantChoice[];
  subtitle?: string;
}) {
  const { t } = useReceptionT();
  const common = useCommonT().t;
  const rotation = useRotation(projectId);
  const onDuty = rotation.data?.queue.filter((entry) => entry.status === 'on_duty').length ?? 0;
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={subtitle ?? t('subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void rotation.refetch()} loading={rotation.isFetching}>
            {common('actions.refresh')}
          </Button>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic title={t('nextUp')} value={rotation.data?.next?.full_name ?? '—'} valueStyle={{ fontSize: 20 }} />
          </Card>
        </Col>
        <Col xs={12} sm={8}>
          <Card size="small">
            <Statistic title={t('onDutyLabel')} valueStyle={{ fontSize: 20 }} value={onDuty} suffix={`/ ${rotation.data?.queue.length ?? 0}`} />
          </Card>
        </Col>
        <Col xs={12} sm={8}>
          <Card size="small">
            <Statistic title={t('turnsLabel')} valueStyle={{ fontSize: 20 }} value={rotation.data?.turns_today ?? 0} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={canManage ? 15 : 24}>
          <Card size="small" title={t('queue')}>
            <RotationQueue projectId={projectId} canManage={canManage} myUserId={myUserId} />
          </Card>
        </Col>
        {canManage && (
          <Col xs={24} lg={9}>
            <Card size="small" title={t('roster')}>
              <RosterEditor projectId={projectId} consultants={consultants} />
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
