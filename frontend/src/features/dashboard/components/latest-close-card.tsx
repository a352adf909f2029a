import { Descriptions, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useLatestClose } from '../api/queries';
import { useDashboardT } from '../i18n';
import { DashboardCard } from './dashboard-card';

const COLOR = { open: 'processing', closed: 'gold', countersigned: 'green' } as const;

/** The latest daily close (日清日结): its day, state and differences, one click from the close itself. */
export function LatestCloseCard({ projectId }: { projectId: string }) {
  const { t } = useDashboardT();
  const latest = useLatestClose(projectId);
  const close = latest.data ?? null;
  return (
    <DashboardCard
      title={t('latestClose.title')}
      extra={<Link to={close ? `/closing/${close.id}` : '/closing'}>{t('latestClose.open')}</Link>}
      testId="dashboard-latest-close"
      loading={latest.isPending}
      error={latest.error}
      empty={latest.data === null}
      emptyText={t('latestClose.empty')}
    >
      {close && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('latestClose.date')}>
            <Link to={`/closing/${close.id}`} data-testid="latest-close-date">
              {close.date}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('latestClose.status')}>
            <Tag color={COLOR[close.status]} data-testid="latest-close-status" data-status={close.status}>
              {t(`latestClose.states.${close.status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('latestClose.differences')}>
            <Typography.Text type={close.differences_count > 0 ? 'danger' : 'success'} data-testid="latest-close-differences">
              {close.differences_count > 0 ? t('latestClose.found', { count: close.differences_count }) : t('latestClose.none')}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </DashboardCard>
  );
}
