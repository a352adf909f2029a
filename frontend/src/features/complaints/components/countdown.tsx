import { ClockCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Schemas } from '@/api/client';
import { formatDateTime } from '@/lib/format';
import { useComplaintsT } from '../i18n';
import { currentDeadline, splitSpan } from '../lib/deadline';

type Complaint = Pick<Schemas['Complaint'], 'status' | 'acknowledge_due_at' | 'resolve_due_at' | 'overdue'>;

/** Now, moved on every `everyMs` so a countdown keeps counting while the page stays open. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * The time left to the deadline of the complaint's status (or how far past it), red once it has passed:
 * by the clock here, or because the server says so (its clock decides escalation).
 */
export function Countdown({ complaint, now: fixedNow }: { complaint: Complaint; now?: number }) {
  const { t } = useComplaintsT();
  const ticking = useNow(30_000);
  const now = fixedNow ?? ticking;
  const deadline = currentDeadline(complaint);
  if (deadline === null) return <Typography.Text type="secondary">{t('countdown.none')}</Typography.Text>;
  const left = new Date(deadline.at).getTime() - now;
  const overdue = left < 0 || complaint.overdue;
  const span = splitSpan(left);
  const time =
    span.d > 0
      ? t('countdown.days', { d: span.d, h: span.h })
      : span.h > 0
        ? t('countdown.hours', { h: span.h, m: span.m })
        : t('countdown.minutes', { m: span.m });
  const text = overdue
    ? t(deadline.kind === 'acknowledge' ? 'countdown.acknowledgeOverdue' : 'countdown.resolveOverdue', { time })
    : t(deadline.kind === 'acknowledge' ? 'countdown.acknowledgeIn' : 'countdown.resolveIn', { time });
  return (
    <Typography.Text
      type={overdue ? 'danger' : undefined}
      strong={overdue}
      title={formatDateTime(deadline.at)}
      data-testid="complaint-countdown"
      data-overdue={overdue ? 'true' : 'false'}
      style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
    >
      <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />
      {text}
    </Typography.Text>
  );
}
