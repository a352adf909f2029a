/**
 * The funnel chart of ECharts, registered from `echarts/core` with only what it draws, and imported only by
 * the funnel page: ECharts arrives with that page's chunk, never with the first load.
 */
import { FunnelChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([FunnelChart, TooltipComponent, CanvasRenderer]);

/** Stages as a funnel, widest first; the order of `data` is kept (a later stage may outnumber one before). */
export function FunnelChartView({ data, height = 300 }: { data: { name: string; value: number }[]; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (element.current === null) return undefined;
    const instance = echarts.init(element.current);
    chart.current = instance;
    // The card follows the window's width (and the menu drawer on phones): redraw to fit.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const max = Math.max(1, ...data.map((d) => d.value));
    chart.current?.setOption(
      {
        tooltip: { trigger: 'item', formatter: '{b}: {c}' },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            min: 0,
            max,
            left: '5%',
            width: '90%',
            label: { show: true, position: 'inside', formatter: '{b} {c}' },
            data,
          },
        ],
      },
      true,
    );
  }, [data]);

  return <div ref={element} style={{ width: '100%', height }} data-testid="funnel-chart" />;
}
