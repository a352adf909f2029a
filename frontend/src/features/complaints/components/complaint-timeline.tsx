import { Empty, Skeleton, Timeline, Typography } from 'antd';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import { formatMoney } from '@/lib/money';
import { useComplaintTimeline, type ComplaintAction } from '../api/get-complaints';
import { useComplaintsT } from '../i18n';

type T = ReturnType<typeof useComplaintsT>['t'];
type Loose = (key: string, options?: Record<string, unknown>) => string;

const COLORS: Record<string, string> = {
  filed: 'blue',
  escalate: 'red',
  deadline_missed: 'red',
  remedy_rejected: 'red',
  resolve: 'green',
  rated: 'green',
  close: 'gray',
  reopen: 'orange',
};

/** A translated word for a key the API sends as free text (an action type, a cause), or the key itself. */
function word(t: T, prefix: string, key: string): string {
  const text = (t as unknown as Loose)(`${prefix}.${key}`);
  return text === `${prefix}.${key}` ? key : text;
}

const CAUSES = new Set(['acknowledge_deadline', 'resolve_deadline']);

/** The lines under an action's heading: the level it moved, the reason or comment, the remedy, the score. */
function details(action: ComplaintAction, t: T): string[] {
  const lines: string[] = [];
  const data = action.data;
  const cause = typeof data.cause === 'string' ? data.cause : null;
  if (action.from_level !== null && action.to_level !== null && action.from_level !== action.to_level) {
    lines.push(t('timeline.levelMove', { from: action.from_level, to: action.to_level }));
  }
  if (action.assignee_name && action.type === 'escalate') lines.push(t('timeline.assignedTo', { name: action.assignee_name }));
  // The sweep writes its reason in English; the cause says the same in the reader's language.
  if (cause !== null && CAUSES.has(cause)) lines.push(word(t, 'timeline.causes', cause));
  else if (cause === 'manual' && action.comment) lines.push(t('timeline.labelled', { label: t('fields.reason'), value: action.comment }));
  else if (action.comment) lines.push(action.comment);
  if (typeof data.resolution === 'string' && action.type === 'resolve') lines.push(data.resolution);
  if (typeof data.remedy === 'string') {
    const amount = typeof data.remedy_amount === 'string' ? ` ${formatMoney(data.remedy_amount)}` : '';
    lines.push(t('timeline.labelled', { label: t('fields.remedy'), value: `${word(t, 'remedies', data.remedy)}${amount}` }));
  } else if (typeof data.amount === 'string') {
    lines.push(formatMoney(data.amount));
  }
  if (typeof data.satisfaction === 'number') lines.push(t('timeline.score', { score: data.satisfaction }));
  return lines;
}

/** Who did it: a member by name, the customer (their rating), or the system (a missed deadline). */
function actor(action: ComplaintAction, t: T): string {
  if (action.actor_name) return action.actor_name;
  return action.type === 'rated' ? t('timeline.customer') : t('timeline.system');
}

/** The complaint's actions, oldest first: what happened, who, when, and why. */
export function ComplaintTimeline({ complaintId }: { complaintId: string }) {
  const { t } = useComplaintsT();
  const timeline = useComplaintTimeline(complaintId);
  if (timeline.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (timeline.isError) return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (timeline.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />;
  return (
    <Timeline
      data-testid="complaint-timeline"
      items={timeline.data.map((action) => ({
        key: action.id,
        color: COLORS[action.type] ?? 'blue',
        children: (
          <div data-testid="complaint-timeline-item" data-type={action.type}>
            <Typography.Text strong>{word(t, 'timeline.types', action.type)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
              {formatDateTime(action.at)} · {actor(action, t)}
            </Typography.Text>
            {details(action, t).map((line, index) => (
              <div key={index} style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>
                {line}
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
