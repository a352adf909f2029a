import {
  ClockCircleOutlined,
  CheckCircleOutlined,
  PhoneOutlined,
  SwapOutlined,
  TeamOutlined,
  UserAddOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Empty, Skeleton, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import { useTimeline, type TimelineEntry } from '../api/get-timeline';
import { useCustomersT } from '../i18n';

const LOOK: Record<TimelineEntry['kind'], { color: string; icon: ReactNode }> = {
  registered: { color: 'blue', icon: <UserAddOutlined /> },
  reassigned: { color: 'purple', icon: <SwapOutlined /> },
  claimed: { color: 'purple', icon: <SwapOutlined /> },
  released: { color: 'gray', icon: <SwapOutlined /> },
  protection_expired: { color: 'gray', icon: <ClockCircleOutlined /> },
  visit: { color: 'green', icon: <TeamOutlined /> },
  call: { color: 'cyan', icon: <PhoneOutlined /> },
  follow_up: { color: 'orange', icon: <ClockCircleOutlined /> },
  follow_up_done: { color: 'green', icon: <CheckCircleOutlined /> },
  duplicate_attempt: { color: 'red', icon: <WarningOutlined /> },
};

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;

/** The server's summary, with its ISO timestamps shown as local times. */
function readable(summary: string): string {
  return summary.replace(ISO_TIME, (iso) => formatDateTime(iso));
}

export function CustomerTimeline({ customerId }: { customerId: string }) {
  const { t } = useCustomersT();
  const timeline = useTimeline(customerId);
  if (timeline.isPending) return <Skeleton active />;
  if (timeline.isError) return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (timeline.data.entries.length === 0) return <Empty description={t('detail.noTimeline')} />;
  return (
    <Timeline
      data-testid="customer-timeline"
      items={timeline.data.entries.map((entry, index) => ({
        key: `${entry.at}-${entry.kind}-${index}`,
        color: LOOK[entry.kind].color,
        dot: LOOK[entry.kind].icon,
        children: (
          <div data-kind={entry.kind}>
            <Typography.Text strong>{t(`timeline.${entry.kind}`)}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {formatDateTime(entry.at)}
              {entry.actor ? ` · ${entry.actor.full_name}` : ''}
            </Typography.Text>
            <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{readable(entry.summary)}</div>
          </div>
        ),
      }))}
    />
  );
}
