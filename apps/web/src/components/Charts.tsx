import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import type { BarChartProps } from './BarChart';
import type { TrendChartProps } from './TrendChart';

export type { TrendSeries } from './TrendChart';

// ECharts is the console's largest download (about 140 KB compressed): a page fetches it only when one
// of its charts comes near the screen, so a chart below the fold costs the first load nothing. The
// chart's space is kept meanwhile, so nothing jumps when it arrives.
const EChartsBar = lazy(() => import('./BarChart').then((module) => ({ default: module.BarChart })));
const EChartsTrend = lazy(() => import('./TrendChart').then((module) => ({ default: module.TrendChart })));

/** How far below the screen a chart starts loading, so scrolling to it rarely shows the empty space. */
const NEAR_VIEW_MARGIN = '200px';

function ChartSpace({ height }: { height: number }) {
  return <div style={{ height }} aria-busy="true" />;
}

/** Its children once the space comes near the viewport (at once where IntersectionObserver is missing). */
function WhenNearView({ height, children }: { height: number; children: ReactNode }) {
  const space = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = space.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: NEAR_VIEW_MARGIN },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  if (!near) {
    return (
      <div ref={space}>
        <ChartSpace height={height} />
      </div>
    );
  }
  return <Suspense fallback={<ChartSpace height={height} />}>{children}</Suspense>;
}

/** A bar chart (components/BarChart.tsx), loaded when it first comes near the screen. */
export function BarChart(props: BarChartProps) {
  return (
    <WhenNearView height={props.height ?? 240}>
      <EChartsBar {...props} />
    </WhenNearView>
  );
}

/** Lines over days (components/TrendChart.tsx), loaded when it first comes near the screen. */
export function TrendChart(props: TrendChartProps) {
  return (
    <WhenNearView height={props.height ?? 260}>
      <EChartsTrend {...props} />
    </WhenNearView>
  );
}
