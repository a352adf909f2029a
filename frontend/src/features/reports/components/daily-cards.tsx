import { Card, Collapse, Descriptions, Flex, Typography } from 'antd';
import type { ConsultantDay, DailyReport, Figure } from '../api/daily-report';
import { MAIN_METRICS, metricKey, movedFigures } from '../lib/figures';
import { useReportsT } from '../i18n';
import { AllFigures } from './all-figures';
import { ConfirmationState } from './confirmation-state';
import { FigureCell } from './figure-cell';

function Figures({ report, figures, moved }: { report: DailyReport; figures: Record<string, Figure>; moved?: Map<string, Figure> }) {
  const { t } = useReportsT();
  const loose = t as unknown as (key: string) => string;
  const kinds = new Map(report.metrics.map((m) => [m.key, m.kind]));
  return (
    <Descriptions
      size="small"
      column={1}
      items={MAIN_METRICS.filter((key) => kinds.has(key)).map((key) => ({
        key,
        label: loose(metricKey(key)),
        children: (
          <Flex gap={6} wrap>
            {(['day', 'month_to_date', 'year_to_date'] as const).map((period) => (
              <span key={period}>
                <Typography.Text type="secondary">{loose(`periods.${period}`)} </Typography.Text>
                <FigureCell figure={figures[key]} period={period} kind={kinds.get(key)!} confirmed={moved?.get(key)} />
              </span>
            ))}
          </Flex>
        ),
      }))}
    />
  );
}

/** The report on a phone: a card per consultant (and one for the totals), every figure a tap away. */
export function DailyCards({
  report,
  onConfirm,
  confirming,
}: {
  report: DailyReport;
  onConfirm: (consultantId: string) => void;
  confirming: string | null;
}) {
  const { t } = useReportsT();
  const card = (row: ConsultantDay) => (
    <Card
      key={row.consultant_id}
      size="small"
      data-testid="daily-card"
      title={row.name ?? row.consultant_id.slice(0, 8)}
      extra={<ConfirmationState row={row} onConfirm={onConfirm} confirming={confirming === row.consultant_id} />}
    >
      <Figures report={report} figures={row.figures} moved={movedFigures(row)} />
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: 'all',
            label: t('daily.details'),
            children: <AllFigures metrics={report.metrics} figures={row.figures} moved={movedFigures(row)} />,
          },
        ]}
      />
    </Card>
  );
  return (
    <Flex vertical gap={12}>
      {report.consultants.map(card)}
      {report.totals && (
        <Card size="small" title={t('daily.total')} data-testid="daily-totals-card">
          <Figures report={report} figures={report.totals} />
        </Card>
      )}
    </Flex>
  );
}
