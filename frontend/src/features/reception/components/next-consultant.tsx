import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { isApiError } from '@/api/client';
import { useErrorMessage } from '@/lib/error-message';
import { useRotation } from '../api/get-rotation';
import { useNextWalkIn, type WalkInResult } from '../api/next-walk-in';
import { useReceptionT } from '../i18n';

/** "Next consultant": hands the walk-in at the door to whoever's turn it is (POST …/rotation/next). */
export function NextConsultantButton({
  projectId,
  onAssigned,
}: {
  projectId: string;
  onAssigned: (result: WalkInResult) => void;
}) {
  const { t } = useReceptionT();
  const describe = useErrorMessage();
  const rotation = useRotation(projectId);
  const next = useNextWalkIn();
  const upcoming = rotation.data?.next;

  const press = async () => {
    try {
      onAssigned(await next.mutateAsync({ projectId, body: { channel: 'walk_in', party_size: 1 } }));
    } catch {
      // shown below
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {t('nextUp')}:{' '}
        {upcoming ? <Tag color="blue">{upcoming.full_name}</Tag> : <Typography.Text>{t('nobody')}</Typography.Text>}
        {rotation.data && <span>{t('turnsToday', { count: rotation.data.turns_today })}</span>}
      </Typography.Text>
      <Button
        type="primary"
        size="large"
        icon={<ThunderboltOutlined />}
        loading={next.isPending}
        onClick={() => void press()}
        block
      >
        {t('takeNext')}
      </Button>
      {next.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={isApiError(next.error) && next.error.code === 'nobody_on_duty' ? t('nobodyOnDuty') : describe(next.error)}
        />
      )}
    </Space>
  );
}
