import { Empty, Skeleton, Timeline, Typography } from 'antd';
import { formatDateTime } from '@/lib/format';
import { useDealTimeline } from '../api/get-deal';
import { useDealsT } from '../i18n';
import { formatMoney, isMoney } from '@/lib/money';

const COLORS: Record<string, string> = {
  subscribed: 'blue',
  contracted: 'green',
  handed_over: 'purple',
  cancelled: 'gray',
  payment_received: 'green',
  payment_reversed: 'red',
  discount_approved: 'green',
};

function describeData(data: Record<string, unknown>, t: ReturnType<typeof useDealsT>['t']): string {
  const parts: string[] = [];
  for (const key of ['amount', 'final_price', 'refund_amount', 'loan_amount']) {
    const value = data[key];
    if (typeof value === 'string' && isMoney(value)) parts.push(formatMoney(value));
  }
  if (typeof data.contract_number === 'string') parts.push(data.contract_number);
  if (typeof data.stage === 'string') parts.push((t as (k: string) => string)(`mortgage.stages.${data.stage}`));
  if (typeof data.bank === 'string') parts.push(data.bank);
  if (typeof data.method === 'string') {
    const label = (t as (k: string) => string)(`payments.methods.${data.method}`);
    if (!label.startsWith('payments.')) parts.push(label);
  }
  for (const key of ['reason', 'note', 'comment']) {
    const value = data[key];
    if (typeof value === 'string' && value) parts.push(value);
  }
  return parts.join(' · ');
}

/** Events of the deal, oldest first, with who did them. */
export function DealTimeline({ dealId, names }: { dealId: string; names: Record<string, string> }) {
  const { t } = useDealsT();
  const timeline = useDealTimeline(dealId);
  if (timeline.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  const events = [...(timeline.data?.events ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  if (events.length === 0) return <Empty description={t('timeline.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const label = (kind: string) => {
    const text = (t as (k: string) => string)(`timeline.events.${kind}`);
    return text.startsWith('timeline.') ? kind : text;
  };
  return (
    <Timeline
      data-testid="deal-timeline"
      items={events.map((event) => ({
        color: COLORS[event.kind] ?? 'blue',
        children: (
          <div>
            <Typography.Text strong>{label(event.kind)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
              {formatDateTime(event.at)}
              {event.actor_id && names[event.actor_id] ? ` · ${names[event.actor_id]}` : ''}
            </Typography.Text>
            {describeData(event.data, t) && <div style={{ fontSize: 13 }}>{describeData(event.data, t)}</div>}
          </div>
        ),
      }))}
    />
  );
}
