import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip } from 'antd';
import { formatDateTime } from '@/lib/format';
import type { ConsultantDay } from '../api/daily-report';
import { useReportsT } from '../i18n';

/** Whether a consultant's day is confirmed (by whom, when, and whether it moved since), or its button. */
export function ConfirmationState({
  row,
  onConfirm,
  confirming,
}: {
  row: ConsultantDay;
  onConfirm: (consultantId: string) => void;
  confirming: boolean;
}) {
  const { t } = useReportsT();
  if (row.confirmed_at) {
    return (
      <Space size={4} wrap>
        <Tooltip title={t('daily.confirmedBy', { name: row.confirmed_by_name ?? '—', at: formatDateTime(row.confirmed_at) })}>
          <Tag color="success" icon={<CheckCircleOutlined />} data-testid="confirmed">
            {t('daily.confirmed')}
          </Tag>
        </Tooltip>
        {row.differences.length > 0 && (
          <Tag color="warning" icon={<WarningOutlined />} data-testid="moved">
            {t('daily.differences')}
          </Tag>
        )}
      </Space>
    );
  }
  if (row.allowed_actions.includes('confirm')) {
    return (
      <Button size="small" type="primary" ghost loading={confirming} onClick={() => onConfirm(row.consultant_id)} data-testid="confirm-row">
        {t('daily.confirm')}
      </Button>
    );
  }
  return <Tag>{t('daily.notConfirmed')}</Tag>;
}
