import { Tooltip, Typography } from 'antd';
import type { Figure, Metric } from '../api/daily-report';
import { formatFigure, type Period } from '../lib/figures';
import { useReportsT } from '../i18n';

/** One figure of one period; highlighted, with what was confirmed, when it moved since the confirmation. */
export function FigureCell({
  figure,
  period,
  kind,
  confirmed,
}: {
  figure: Figure | undefined;
  period: Period;
  kind: Metric['kind'];
  confirmed?: Figure;
}) {
  const { t } = useReportsT();
  const now = figure?.[period] ?? '0';
  const text = formatFigure(now, kind);
  if (confirmed === undefined || confirmed[period] === now) {
    return <span style={{ color: now === '0' || Number(now) === 0 ? '#bfbfbf' : undefined }}>{text}</span>;
  }
  return (
    <Tooltip title={t('daily.differenceTip', { confirmed: formatFigure(confirmed[period], kind), now: text })}>
      <Typography.Text type="warning" strong data-testid="figure-moved" style={{ background: '#fffbe6', padding: '0 4px' }}>
        {text}
      </Typography.Text>
    </Tooltip>
  );
}
