import { Card, Empty, Flex, List, Skeleton, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatMoney } from '@/lib/money';
import type { CommissionLine } from '../api/statements';
import { useCommissionT } from '../i18n';
import { CATEGORIES } from '../lib/reward-body';
import { groupLines, isKnownKind, percent, splitNote } from '../lib/lines';
import { PayMoney } from './pay-money';

/** How a deal line was reached: base × rate × share (+ fixed), the plan version and the day. */
function LineFormula({ line }: { line: CommissionLine }) {
  const { t } = useCommissionT();
  const parts: string[] = [];
  const rate = percent(line.rate);
  const share = percent(line.share);
  if (line.base !== null && rate !== null) parts.push(`${formatMoney(line.base)} × ${rate}`);
  if (share !== null && share !== '100%') parts.push(`× ${share}`);
  if (line.fixed !== null && line.fixed !== '0.00') parts.push(`+ ${t('line.fixed')} ${formatMoney(line.fixed)}`);
  const tail = [line.plan_version !== null ? t('line.plan', { version: line.plan_version }) : null, line.earned_on].filter(
    (part): part is string => part !== null,
  );
  const text = [parts.join(' '), ...tail].filter((part) => part !== '').join(' · ');
  if (text === '') return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
      {text}
    </Typography.Text>
  );
}

/** A reward's or penalty's note: the category in words, then the reason. */
function Note({ note }: { note: string }) {
  const { t } = useCommissionT();
  const { category, reason } = splitNote(note);
  const known = CATEGORIES.find((c) => c === category);
  return (
    <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
      {known ? `${t(`categories.${known}`)} · ${reason}` : note}
    </Typography.Text>
  );
}

function LineItem({ line, dealHref }: { line: CommissionLine; dealHref: (dealId: string) => string | null }) {
  const href = line.deal_id ? dealHref(line.deal_id) : null;
  const unit = line.unit_code ?? null;
  const title = unit !== null && href !== null ? <Link to={href}>{unit}</Link> : unit;
  return (
    <List.Item data-testid="commission-line" data-kind={line.kind} style={{ paddingInline: 0 }}>
      <Flex justify="space-between" align="start" gap={12} style={{ width: '100%' }}>
        <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
          <Space size={6} wrap>
            {title !== null && <Typography.Text strong>{title}</Typography.Text>}
            {line.stage && <Typography.Text>{line.stage}</Typography.Text>}
          </Space>
          {line.note && <Note note={line.note} />}
          <LineFormula line={line} />
        </Space>
        <PayMoney value={line.amount} testId="line-amount" />
      </Flex>
    </List.Item>
  );
}

/**
 * A statement's lines grouped by kind (earned, override, adjustments, reversals, clawbacks, rewards,
 * penalties), each group with its subtotal: cards stacked one under another, which reads the same on a
 * 390 px phone as on a desk. `dealHref` says where a deal's page is, when the caller may open it.
 */
export function StatementLines({
  lines,
  loading,
  dealHref,
}: {
  lines: readonly CommissionLine[] | undefined;
  loading: boolean;
  dealHref: (dealId: string) => string | null;
}) {
  const { t } = useCommissionT();
  if (loading || lines === undefined) return <Skeleton active />;
  if (lines.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statement.noLines')} />;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="commission-lines">
      {groupLines(lines).map((group) => (
        <Card
          key={group.kind}
          size="small"
          data-testid="line-group"
          data-kind={group.kind}
          title={
            <Space size={6}>
              <span>{isKnownKind(group.kind) ? t(`kinds.${group.kind}`) : group.kind}</span>
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
                {t('line.count', { count: group.lines.length })}
              </Typography.Text>
            </Space>
          }
          extra={<PayMoney value={group.subtotal} strong testId="group-subtotal" />}
          styles={{ body: { paddingBlock: 0 } }}
        >
          <List
            dataSource={group.lines}
            rowKey="id"
            renderItem={(line) => <LineItem line={line} dealHref={dealHref} />}
          />
        </Card>
      ))}
    </Space>
  );
}
