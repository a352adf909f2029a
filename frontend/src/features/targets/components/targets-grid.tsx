import { Card, Flex, InputNumber, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatMoney } from '@/lib/money';
import { useMediaQuery } from '@/lib/use-media-query';
import { useTargetsT } from '../i18n';
import { hasMismatch, isMoneyMetric, METRICS, type Draft, type DraftMismatch, type Figures, type Metric } from '../lib/grid';

/** Phones: a card per row instead of the wide table. */
const PHONE = '(max-width: 600px)';

type RowKey = { level: 'project' } | { level: 'team'; index: number } | { level: 'consultant'; index: number };

interface GridRow {
  key: string;
  label: ReactNode;
  figures: Figures;
  /** Where an edit goes; none for a mismatch row. */
  at?: RowKey;
  mismatch?: boolean;
}

/** The draft with one figure of one row changed. */
function withFigure(draft: Draft, at: RowKey, metric: Metric, value: number | string): Draft {
  const change = <R extends Figures>(row: R): R => ({ ...row, [metric]: value });
  if (at.level === 'project') return { ...draft, project: change(draft.project) };
  if (at.level === 'team') return { ...draft, teams: draft.teams.map((t, i) => (i === at.index ? change(t) : t)) };
  return { ...draft, consultants: draft.consultants.map((c, i) => (i === at.index ? change(c) : c)) };
}

function Cell({ row, metric, editable, label, onChange }: { row: GridRow; metric: Metric; editable: boolean; label: string; onChange: (value: number | string) => void }) {
  const value = row.figures[metric];
  if (row.mismatch) {
    const zero = isMoneyMetric(metric) ? /^-?0(\.0+)?$/.test(String(value)) : value === 0;
    const shown = isMoneyMetric(metric) ? formatMoney(String(value)) : String(value);
    return zero ? <Typography.Text type="secondary">0</Typography.Text> : <Typography.Text type="danger" strong>{Number(String(value)) > 0 ? `+${shown}` : shown}</Typography.Text>;
  }
  if (!editable || row.at === undefined) return <>{isMoneyMetric(metric) ? formatMoney(String(value)) : value}</>;
  return isMoneyMetric(metric) ? (
    <InputNumber<string>
      stringMode
      min="0"
      precision={2}
      prefix="¥"
      size="small"
      aria-label={label}
      value={String(value)}
      onChange={(next) => onChange(next ?? '0')}
      style={{ width: 150 }}
    />
  ) : (
    <InputNumber<number>
      min={0}
      precision={0}
      size="small"
      aria-label={label}
      value={Number(value)}
      onChange={(next) => onChange(next ?? 0)}
      style={{ width: 90 }}
    />
  );
}

/**
 * The plan's rows — project, teams, consultants — and, for whoever sees them, the mismatch rows (the
 * parts' sum less the whole), highlighted wherever they differ. Edits go to `onChange` as a new draft.
 */
export function TargetsGrid({
  draft,
  mismatch,
  editable,
  onChange,
}: {
  draft: Draft;
  mismatch: DraftMismatch | null;
  editable: boolean;
  onChange: (draft: Draft) => void;
}) {
  const { t } = useTargetsT();
  const phone = useMediaQuery(PHONE);
  const teamName = (id: string | null) => draft.teams.find((team) => team.supervisor_id === id)?.name ?? t('noTeam');
  const rows: GridRow[] = [
    { key: 'project', label: <Tag color="blue">{t('levels.project')}</Tag>, figures: draft.project, at: { level: 'project' } },
    ...draft.teams.map((team, index) => ({
      key: `team-${team.supervisor_id}`,
      label: (
        <span>
          <Tag color="purple">{t('levels.team')}</Tag>
          {team.name}
        </span>
      ),
      figures: team,
      at: { level: 'team' as const, index },
    })),
    ...draft.consultants.map((consultant, index) => ({
      key: `consultant-${consultant.user_id}`,
      label: (
        <span>
          {consultant.name}
          <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
            {teamName(consultant.supervisor_id)}
          </Typography.Text>
        </span>
      ),
      figures: consultant,
      at: { level: 'consultant' as const, index },
    })),
  ];
  if (mismatch !== null) {
    const differing = (label: string, figures: Figures, key: string) => ({ key, label: <Typography.Text type="danger">{label}</Typography.Text>, figures, mismatch: true });
    if (draft.teams.length > 0) rows.push(differing(t('mismatch.teams'), mismatch.teams, 'mismatch-teams'));
    rows.push(differing(t('mismatch.consultants'), mismatch.consultants, 'mismatch-consultants'));
    for (const team of draft.teams) {
      const own = mismatch.perTeam[team.supervisor_id];
      if (own && hasMismatch(own)) rows.push(differing(t('mismatch.team', { name: team.name ?? '' }), own, `mismatch-${team.supervisor_id}`));
    }
  }
  const label = (row: GridRow, metric: Metric) => `${t(`metrics.${metric}`)} ${row.at?.level === 'project' ? t('levels.project') : (row.figures as { name?: string | null }).name ?? ''}`;
  const edit = (row: GridRow, metric: Metric) => (value: number | string) => {
    if (row.at) onChange(withFigure(draft, row.at, metric, value));
  };

  if (phone) {
    return (
      <Flex vertical gap={8} data-testid="targets-cards">
        {rows.map((row) => (
          <Card
            key={row.key}
            size="small"
            title={row.label}
            style={row.mismatch && hasMismatch(row.figures) ? { borderColor: '#ff4d4f', background: '#fff2f0' } : undefined}
          >
            {METRICS.map((metric) => (
              <Flex key={metric} justify="space-between" align="center" style={{ padding: '2px 0' }}>
                <Typography.Text type="secondary">{t(`metrics.${metric}`)}</Typography.Text>
                <Cell row={row} metric={metric} editable={editable} label={label(row, metric)} onChange={edit(row, metric)} />
              </Flex>
            ))}
          </Card>
        ))}
      </Flex>
    );
  }
  return (
    <Table<GridRow>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      data-testid="targets-grid"
      onRow={(row) => (row.mismatch && hasMismatch(row.figures) ? { style: { background: '#fff2f0' }, 'data-testid': 'mismatch-row' } as never : {})}
      columns={[
        { title: t('row'), key: 'label', fixed: 'left', render: (_: unknown, row) => row.label },
        ...METRICS.map((metric) => ({
          title: t(`metrics.${metric}`),
          key: metric,
          align: 'right' as const,
          render: (_: unknown, row: GridRow) => <Cell row={row} metric={metric} editable={editable} label={label(row, metric)} onChange={edit(row, metric)} />,
        })),
      ]}
    />
  );
}
