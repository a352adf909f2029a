import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import type { ChartOption } from './chart';

const Chart = lazy(async () => ({ default: (await import('./chart')).Chart }));

/** The dashboard's chart, its ECharts chunk fetched on first use. */
export function LazyChart({ option, height = 240, testId }: { option: ChartOption; height?: number; testId?: string }) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
      <Chart option={option} height={height} testId={testId} />
    </Suspense>
  );
}
