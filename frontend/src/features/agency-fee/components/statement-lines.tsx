import { Card, Checkbox, Empty, Flex, List, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useMediaQuery } from '@/lib/use-media-query';
import type { AgencyFeeLine } from '../api/statements';
import { useAgencyFeeT } from '../i18n';
import { formatRate } from '../lib/format';
import { FeeMoney } from './fee-money';
import { LineKindTag } from './tags';

const PHONE = '(max-width: 575px)';
// Disputed lines stand out in the developer's warning colour, with their comment under them.
const DISPUTED = { background: '#fff7e6' };

function Dispute({ line }: { line: AgencyFeeLine }) {
  if (!line.disputed) return null;
  return (
    <Typography.Text type="warning" data-testid="line-dispute">
      {line.dispute_comment ?? '—'}
    </Typography.Text>
  );
}

/**
 * A statement's lines: a table, or cards on a phone. With `selectable` (the developer's rep may
 * dispute) each line has a box to tick; `selected` are the ticked ids.
 */
export function StatementLines({
  lines,
  loading,
  selectable,
  selected,
  onSelect,
}: {
  lines: readonly AgencyFeeLine[];
  loading: boolean;
  selectable: boolean;
  selected: readonly string[];
  onSelect: (ids: string[]) => void;
}) {
  const { t } = useAgencyFeeT();
  const phone = useMediaQuery(PHONE);
  const rowProps = (line: AgencyFeeLine) =>
    ({ 'data-testid': 'line-row', 'data-disputed': line.disputed, 'data-kind': line.kind, style: line.disputed ? DISPUTED : undefined }) as HTMLAttributes<HTMLElement>;

  if (phone) {
    if (!loading && lines.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statement.noLines')} />;
    const toggle = (id: string, on: boolean) => onSelect(on ? [...selected, id] : selected.filter((other) => other !== id));
    return (
      <List
        loading={loading}
        style={{ padding: 8 }}
        dataSource={[...lines]}
        rowKey="id"
        renderItem={(line) => (
          <Card size="small" style={{ marginBottom: 8, ...(line.disputed ? DISPUTED : {}) }} {...rowProps(line)}>
            <Flex justify="space-between" align="center" gap={8}>
              <Flex align="center" gap={8}>
                {selectable && (
                  <Checkbox
                    checked={selected.includes(line.id)}
                    onChange={(event) => toggle(line.id, event.target.checked)}
                    aria-label={`${line.seq} ${line.unit_code}`}
                  />
                )}
                <Typography.Text strong>
                  {line.seq}. {line.unit_code}
                </Typography.Text>
                <LineKindTag kind={line.kind} />
              </Flex>
              <FeeMoney value={line.amount} strong testId="line-amount" />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {line.stage} · {t('line.ruleVersion', { version: line.rule_version })} · <FeeMoney value={line.base} size={12} /> ×{' '}
              {formatRate(line.rate)}
              {line.earned_on ? ` · ${line.earned_on}` : ''}
            </Typography.Text>
            <div>
              <Dispute line={line} />
            </div>
          </Card>
        )}
      />
    );
  }

  return (
    <Table<AgencyFeeLine>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={[...lines]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('statement.noLines') }}
      onRow={rowProps}
      rowSelection={
        selectable
          ? { selectedRowKeys: [...selected], onChange: (keys) => onSelect(keys.map(String)), columnWidth: 40 }
          : undefined
      }
      columns={[
        { title: t('line.seq'), dataIndex: 'seq', width: 56 },
        { title: t('line.unit'), dataIndex: 'unit_code' },
        { title: t('line.stage'), dataIndex: 'stage' },
        { title: t('line.kind'), dataIndex: 'kind', render: (kind: string) => <LineKindTag kind={kind} /> },
        {
          title: t('line.rule'),
          dataIndex: 'rule_version',
          render: (version: number) => t('line.ruleVersion', { version }),
        },
        { title: t('line.base'), dataIndex: 'base', align: 'right', render: (v: string) => <FeeMoney value={v} /> },
        { title: t('line.rate'), dataIndex: 'rate', align: 'right', render: (v: string) => formatRate(v) },
        { title: t('line.premium'), dataIndex: 'premium', align: 'right', render: (v: string) => <FeeMoney value={v} /> },
        { title: t('line.fixed'), dataIndex: 'fixed', align: 'right', render: (v: string) => <FeeMoney value={v} /> },
        {
          title: t('line.amount'),
          dataIndex: 'amount',
          align: 'right',
          render: (v: string) => <FeeMoney value={v} strong testId="line-amount" />,
        },
        { title: t('line.earnedOn'), dataIndex: 'earned_on', render: (v: string | null) => v ?? '—' },
        { title: t('line.disputed'), key: 'dispute', render: (_: unknown, line) => <Dispute line={line} /> },
      ]}
    />
  );
}
