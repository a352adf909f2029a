import { Table } from 'antd';
import type { Figure, Metric } from '../api/daily-report';
import { metricKey, PERIODS } from '../lib/figures';
import { useReportsT } from '../i18n';
import { FigureCell } from './figure-cell';

/** Every figure of one row (a consultant's or the totals), with what moved since its confirmation. */
export function AllFigures({
  metrics,
  figures,
  moved,
}: {
  metrics: readonly Metric[];
  figures: Record<string, Figure>;
  moved?: Map<string, Figure>;
}) {
  const { t } = useReportsT();
  const loose = t as unknown as (key: string) => string;
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={metrics}
      columns={[
        { title: t('daily.details'), dataIndex: 'key', render: (key: string) => loose(metricKey(key)) },
        ...PERIODS.map((period) => ({
          title: loose(`periods.${period}`),
          key: period,
          align: 'right' as const,
          render: (_: unknown, metric: Metric) => (
            <FigureCell figure={figures[metric.key]} period={period} kind={metric.kind} confirmed={moved?.get(metric.key)} />
          ),
        })),
      ]}
    />
  );
}
