import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ConsultantDay, DailyReport, Metric } from '../api/daily-report';
import { MAIN_METRICS, metricKey, movedFigures, PERIODS } from '../lib/figures';
import { useReportsT } from '../i18n';
import { AllFigures } from './all-figures';
import { ConfirmationState } from './confirmation-state';
import { FigureCell } from './figure-cell';

/** The report by consultant: a column group per figure (day, month, year), the totals row, confirmations. */
export function DailyTable({
  report,
  onConfirm,
  confirming,
}: {
  report: DailyReport;
  onConfirm: (consultantId: string) => void;
  confirming: string | null;
}) {
  const { t } = useReportsT();
  const loose = t as unknown as (key: string) => string;
  const kinds = new Map(report.metrics.map((m) => [m.key, m.kind]));
  const main: Metric[] = MAIN_METRICS.filter((key) => kinds.has(key)).map((key) => ({ key, kind: kinds.get(key)! }));
  const columns: ColumnsType<ConsultantDay> = [
    {
      title: t('daily.consultant'),
      key: 'name',
      fixed: 'left',
      width: 110,
      render: (_, row) => <span data-testid="consultant-name">{row.name ?? row.consultant_id.slice(0, 8)}</span>,
    },
    {
      title: t('daily.confirmed'),
      key: 'confirmation',
      fixed: 'left',
      width: 120,
      render: (_, row) => (
        <ConfirmationState row={row} onConfirm={onConfirm} confirming={confirming === row.consultant_id} />
      ),
    },
    ...main.map((metric) => ({
      title: loose(metricKey(metric.key)),
      key: metric.key,
      children: PERIODS.map((period) => ({
        title: loose(`periods.${period}`),
        key: `${metric.key}:${period}`,
        align: 'right' as const,
        width: metric.kind === 'money' ? 120 : 64,
        onCell: () => ({ 'data-metric': metric.key, 'data-period': period }) as React.HTMLAttributes<HTMLElement>,
        render: (_: unknown, row: ConsultantDay) => (
          <FigureCell
            figure={row.figures[metric.key]}
            period={period}
            kind={metric.kind}
            confirmed={movedFigures(row).get(metric.key)}
          />
        ),
      })),
    })),
  ];
  const totals = report.totals;
  return (
    <Table<ConsultantDay>
      size="small"
      bordered
      rowKey="consultant_id"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={report.consultants}
      columns={columns}
      data-testid="daily-table"
      expandable={{
        expandedRowRender: (row) => (
          <AllFigures metrics={report.metrics} figures={row.figures} moved={movedFigures(row)} />
        ),
      }}
      summary={() =>
        totals ? (
          <Table.Summary fixed>
            <Table.Summary.Row data-testid="daily-totals">
              <Table.Summary.Cell index={0} />
              <Table.Summary.Cell index={1}>
                <Typography.Text strong>{t('daily.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} />
              {main.flatMap((metric, m) =>
                PERIODS.map((period, p) => (
                  <Table.Summary.Cell key={`${metric.key}:${period}`} index={3 + m * 3 + p} align="right">
                    <Typography.Text strong data-metric={metric.key} data-period={period}>
                      <FigureCell figure={totals[metric.key]} period={period} kind={metric.kind} />
                    </Typography.Text>
                  </Table.Summary.Cell>
                )),
              )}
            </Table.Summary.Row>
          </Table.Summary>
        ) : undefined
      }
    />
  );
}
