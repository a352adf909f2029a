import { Alert, Card, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '@/api/client';
import { useDashboardT } from '../i18n';

interface Props {
  title: ReactNode;
  extra?: ReactNode;
  testId: string;
  loading: boolean;
  error: unknown;
  /** Nothing to show (the card says so, it does not vanish). */
  empty?: boolean;
  emptyText?: string;
  children?: ReactNode;
}

/**
 * A dashboard card's frame: a skeleton while loading, a short notice on error, "nothing yet" when empty.
 * A 403 hides the card: what the caller may not read is not theirs to see, and never breaks the page.
 */
export function DashboardCard({ title, extra, testId, loading, error, empty = false, emptyText, children }: Props) {
  const { t } = useDashboardT();
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
  return (
    <Card size="small" title={title} extra={extra} data-testid={testId} style={{ height: '100%' }}>
      {loading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : error ? (
        <Alert type="warning" showIcon message={t('card.failed')} />
      ) : empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('card.empty')} />
      ) : (
        children
      )}
    </Card>
  );
}
