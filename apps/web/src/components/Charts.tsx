import { lazy, Suspense } from 'react';
import type { BarChartProps } from './BarChart';
import type { TrendChartProps } from './TrendChart';

export type { TrendSeries } from './TrendChart';

// ECharts is about half a megabyte: only pages that draw a chart download it, and only once the page's
// own content is on screen (the chart's space is kept meanwhile, so nothing jumps when it arrives).
const EChartsBar = lazy(() => import('./BarChart').then((module) => ({ default: module.BarChart })));
const EChartsTrend = lazy(() => import('./TrendChart').then((module) => ({ default: module.TrendChart })));

function ChartSpace({ height }: { height: number }) {
  return <div style={{ height }} aria-busy="true" />;
}

/** A bar chart (components/BarChart.tsx), loaded when first drawn. */
export function BarChart(props: BarChartProps) {
  return (
    <Suspense fallback={<ChartSpace height={props.height ?? 240} />}>
      <EChartsBar {...props} />
    </Suspense>
  );
}

/** Lines over days (components/TrendChart.tsx), loaded when first drawn. */
export function TrendChart(props: TrendChartProps) {
  return (
    <Suspense fallback={<ChartSpace height={props.height ?? 260} />}>
      <EChartsTrend {...props} />
    </Suspense>
  );
}
