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
import { LoadMore } from '@/components/load-more';
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
  complaint: { color: 'red', icon: <WarningOutlined /> },
};

type T = ReturnType<typeof useCustomersT>['t'];

const COMPLAINT_STATUSES = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const;
type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** A complaint entry's `outcome` is the complaint's status now; anything unexpected reads as open. */
function complaintStatus(outcome: string | null | undefined): ComplaintStatus {
  return COMPLAINT_STATUSES.find((s) => s === outcome) ?? 'open';
}

/** The entry in the reader's language, from its fields (the server's `summary` is English prose). */
function describeEntry(entry: TimelineEntry, t: T): string {
  const who = (ref: TimelineEntry['actor'] | undefined) => ref?.full_name ?? t('timelineText.noOne');
  const withNotes = (text: string) => (entry.notes ? text + t('timelineText.detail') + entry.notes : text);
  switch (entry.kind) {
    case 'registered':
      return t('timelineText.registered', { owner: who(entry.to_user) });
    case 'reassigned': {
      const moved = t('timelineText.reassigned', { from: who(entry.from_user), to: who(entry.to_user) });
      return entry.reason ? moved + t('timelineText.detail') + entry.reason : moved;
    }
    case 'claimed':
      return t('timelineText.claimed', { to: who(entry.to_user) });
    case 'released':
      return t('timelineText.released');
    case 'protection_expired':
      return t('timelineText.protection_expired', { owner: who(entry.to_user) });
    case 'visit': {
      const kind = t(`timelineText.visitKind.${entry.visit_kind ?? 'first'}`);
      const parts = [t('timelineText.visit', { kind, count: entry.party_size ?? 1 })];
      if (entry.on_behalf_of) parts.push(t('timelineText.onBehalfOf', { name: entry.on_behalf_of.full_name }));
      return withNotes(parts.join(t('timelineText.and')));
    }
    case 'call':
      return withNotes(t(`timelineText.callDirection.${entry.call_direction ?? 'inbound'}`));
    case 'follow_up':
      return withNotes(t('timelineText.follow_up', { due: entry.due_at ? formatDateTime(entry.due_at) : '' }));
    case 'follow_up_done':
      return t('timelineText.follow_up_done', { outcome: entry.outcome ?? '' });
    case 'duplicate_attempt':
      return t('timelineText.duplicate_attempt', { name: entry.attempted_name ?? '' });
    case 'complaint':
      return t('timelineText.complaint', {
        title: entry.notes ?? '',
        status: t(`timelineText.complaintStatus.${complaintStatus(entry.outcome)}`),
      });
  }
}

export function CustomerTimeline({ customerId }: { customerId: string }) {
  const { t } = useCustomersT();
  const timeline = useTimeline(customerId);
  if (timeline.isPending) return <Skeleton active />;
  if (timeline.isError) return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  const entries = timeline.data;
  if (entries.length === 0) return <Empty description={t('detail.noTimeline')} />;
  return (
    <>
      <Timeline
        data-testid="customer-timeline"
        items={entries.map((entry, index) => ({
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
              <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{describeEntry(entry, t)}</div>
            </div>
          ),
        }))}
      />
      <LoadMore
        loaded={entries.length}
        hasMore={timeline.hasNextPage}
        loading={timeline.isFetchingNextPage}
        onLoadMore={() => void timeline.fetchNextPage()}
      />
    </>
  );
}
