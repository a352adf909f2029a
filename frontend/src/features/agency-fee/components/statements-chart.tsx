/**
 * Fee and received by statement, as bars. Only the bar chart and the components it draws are
 * registered (from `echarts/core`, not the whole library), and the statements page imports this file
 * with `lazy`, so ECharts arrives in a chunk of its own after the list, never with the first load.
 */
import { BarChart } from 'echarts/charts';
import type { BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { formatMoney, toFen } from '@/lib/money';
import type { AgencyFeeStatement } from '../api/statements';
import { useAgencyFeeT } from '../i18n';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

// The chart only draws: yuan as a number is exact enough for a bar's height (the tooltip uses the text).
const yuan = (amount: string) => Number(toFen(amount)) / 100;

export function StatementsChart({ statements }: { statements: readonly AgencyFeeStatement[] }) {
  const { t } = useAgencyFeeT();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const option = useMemo<Option>(() => {
    const ordered = [...statements].sort((a, b) => a.number - b.number);
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value) => formatMoney(typeof value === 'number' ? value.toFixed(2) : null),
      },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: ordered.map((s) => `${t('statements.numberOf', { number: s.number })}\n${s.period_end.slice(0, 7)}`) },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: t('statements.chartTotal'), data: ordered.map((s) => yuan(s.total)), barMaxWidth: 32, itemStyle: { color: '#1668dc' } },
        { type: 'bar', name: t('statements.chartReceived'), data: ordered.map((s) => yuan(s.received)), barMaxWidth: 32, itemStyle: { color: '#52c41a' } },
      ],
    };
  }, [statements, t]);

  useEffect(() => {
    if (element.current === null) return undefined;
    const instance = echarts.init(element.current);
    chart.current = instance;
    // The card's width follows the window (and the menu drawer on phones): redraw to fit.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={element} style={{ width: '100%', height: 240 }} data-testid="statements-chart" />;
}
