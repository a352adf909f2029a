import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '@/api/client';
import { useErrorMessage } from '@/lib/error-message';
import { useRotation } from '../api/get-rotation';
import { useNextWalkIn, type WalkInResult } from '../api/next-walk-in';
import { useReceptionT } from '../i18n';

/** A new phone: the rotation needs a name to register it, so the visitor is registered in the next step. */
function isUnknownPhone(error: unknown): boolean {
  return isApiError(error) && error.status === 422 && error.fieldErrors.some((e) => e.field === 'name');
}

/**
 * "Next consultant": hands the walk-in at the door to whoever's turn it is (POST …/rotation/next).
 * With a known customer's phone the rotation gives them to their owner (no turn used) and logs the visit;
 * with a new phone the next consultant takes the turn and `phone` is handed on for the registration.
 */
export function NextConsultantButton({
  projectId,
  onAssigned,
}: {
  projectId: string;
  onAssigned: (result: WalkInResult, phone: string | null) => void;
}) {
  const { t } = useReceptionT();
  const describe = useErrorMessage();
  const rotation = useRotation(projectId);
  const next = useNextWalkIn();
  const [phone, setPhone] = useState('');
  const upcoming = rotation.data?.next;

  const press = async () => {
    const known = phone.trim() || null;
    try {
      onAssigned(await next.mutateAsync({ projectId, body: { channel: 'walk_in', party_size: 1, phone: known } }), known);
    } catch (error) {
      if (known !== null && isUnknownPhone(error)) {
        try {
          onAssigned(await next.mutateAsync({ projectId, body: { channel: 'walk_in', party_size: 1 } }), known);
        } catch {
          // shown below
        }
      }
    }
  };

  const problem = next.error;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {t('nextUp')}:{' '}
        {upcoming ? <Tag color="blue">{upcoming.full_name}</Tag> : <Typography.Text>{t('nobody')}</Typography.Text>}
        {rotation.data && <span>{t('turnsToday', { count: rotation.data.turns_today })}</span>}
      </Typography.Text>
      <Input
        inputMode="tel"
        maxLength={32}
        allowClear
        value={phone}
        onChange={(event) => setPhone(event.target.value)}
        onPressEnter={() => void press()}
        placeholder={t('walkIn.doorPhonePlaceholder')}
        aria-label={t('walkIn.doorPhone')}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('walkIn.doorPhoneHelp')}
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
      {next.isError && !(phone.trim() && isUnknownPhone(problem)) && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={
            isApiError(problem) && problem.code === 'nobody_on_duty'
              ? t('nobodyOnDuty')
              : isApiError(problem) && problem.status === 422
                ? (problem.fieldErrors[0]?.message ?? describe(problem))
                : describe(problem)
          }
        />
      )}
    </Space>
  );
}
