import { Card, Flex, Table, Tag, Typography } from 'antd';
import type { Metric } from '../api/daily-report';
import type { Summary, SummaryFigure, SummaryRow } from '../api/summaries';
import { formatFigure, metricKey } from '../lib/figures';
import { useReportsT } from '../i18n';
import { useSummaryT } from '../i18n/summary';

/** The figures people rows show (every figure is in the project's table). */
const PEOPLE_METRICS = ['visits.first', 'new_customers', 'subscriptions.units', 'subscriptions.amount', 'contracts.units', 'collections'];

function share(figure: SummaryFigure): string {
  return figure.share === null ? '—' : `${(Number(figure.share) * 100).toFixed(1)}%`;
}

function change(figure: SummaryFigure, kind: Metric['kind']) {
  const n = Number(figure.change);
  const text = `${n > 0 ? '+' : ''}${formatFigure(figure.change, kind)}`;
  return <Typography.Text type={n > 0 ? 'success' : n < 0 ? 'danger' : 'secondary'}>{text}</Typography.Text>;
}

function ShareTag({ figure }: { figure: SummaryFigure }) {
  if (figure.share === null) return <span>—</span>;
  return <Tag color={Number(figure.share) >= 1 ? 'green' : 'orange'}>{share(figure)}</Tag>;
}

/** The project's figures against target and the previous period: a table, or cards on a phone. */
export function SummaryFigures({ summary, narrow }: { summary: Summary; narrow: boolean }) {
  const { t: tr } = useReportsT();
  const { t } = useSummaryT();
  const previous = t('previous', { period: summary.figures.previous_period });
  const rows = summary.metrics.map((m) => ({ ...m, figure: summary.figures.project[m.key] as SummaryFigure }));
  if (narrow) {
    return (
      <Flex vertical gap={8} data-testid="summary-figure-cards">
        {rows.map(({ key, kind, figure }) => (
          <Card key={key} size="small" title={tr(metricKey(key) as never)} extra={<ShareTag figure={figure} />}>
            <Flex justify="space-between" wrap gap={8}>
              <span>
                {t('value')} <strong>{formatFigure(figure.value, kind)}</strong>
              </span>
              <span>
                {t('target')} {figure.target === null ? '—' : formatFigure(figure.target, kind)}
              </span>
              <span>
                {previous} {formatFigure(figure.previous, kind)} ({change(figure, kind)})
              </span>
            </Flex>
          </Card>
        ))}
      </Flex>
    );
  }
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      data-testid="summary-figures"
      columns={[
        { title: t('metric'), dataIndex: 'key', render: (key: string) => tr(metricKey(key) as never) },
        { title: t('value'), align: 'right', render: (_, r) => <strong>{formatFigure(r.figure.value, r.kind)}</strong> },
        { title: t('target'), align: 'right', render: (_, r) => (r.figure.target === null ? '—' : formatFigure(r.figure.target, r.kind)) },
        { title: t('share'), align: 'right', render: (_, r) => <ShareTag figure={r.figure} /> },
        { title: previous, align: 'right', render: (_, r) => formatFigure(r.figure.previous, r.kind) },
        { title: t('change'), align: 'right', render: (_, r) => change(r.figure, r.kind) },
      ]}
    />
  );
}

/** Each team's and consultant's main figures with the share of their targets. */
export function SummaryPeople({ summary, narrow }: { summary: Summary; narrow: boolean }) {
  const { t: tr } = useReportsT();
  const { t } = useSummaryT();
  const kinds = new Map(summary.metrics.map((m) => [m.key, m.kind]));
  const people: (SummaryRow & { label: string })[] = [
    ...summary.figures.teams.map((row) => ({ ...row, label: t('team', { name: row.name ?? row.user_id }) })),
    ...summary.figures.consultants.map((row) => ({ ...row, label: row.name ?? row.user_id })),
  ];
  const cell = (row: SummaryRow, key: string) => {
    const figure = row.figures[key] as SummaryFigure;
    return (
      <span>
        {formatFigure(figure.value, kinds.get(key) ?? 'count')}
        {figure.share !== null && <Typography.Text type="secondary"> · {share(figure)}</Typography.Text>}
      </span>
    );
  };
  if (narrow) {
    return (
      <Flex vertical gap={8}>
        {people.map((row) => (
          <Card key={row.user_id + row.label} size="small" title={row.label}>
            {PEOPLE_METRICS.map((key) => (
              <Flex key={key} justify="space-between">
                <span>{tr(metricKey(key) as never)}</span>
                {cell(row, key)}
              </Flex>
            ))}
          </Card>
        ))}
      </Flex>
    );
  }
  return (
    <Table
      size="small"
      rowKey={(row) => row.user_id + row.label}
      pagination={false}
      dataSource={people}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('name'), dataIndex: 'label', fixed: 'left' },
        ...PEOPLE_METRICS.map((key) => ({
          key,
          title: tr(metricKey(key) as never),
          align: 'right' as const,
          render: (_: unknown, row: SummaryRow) => cell(row, key),
        })),
      ]}
    />
  );
}
