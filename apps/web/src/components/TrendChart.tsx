import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface TrendSeries {
  name: string;
  values: (number | null)[];
  /** Counts on the left axis; money on the right one, so GMV does not flatten the counts. */
  axis?: 'left' | 'right';
}

const COLORS = ['#ff5000', '#1677ff', '#52c41a', '#722ed1'];

/** Lines over days, with a gap where a day has no figures. */
export interface TrendChartProps {
  days: string[];
  series: TrendSeries[];
  height?: number;
}

export function TrendChart({ days, series, height = 260 }: TrendChartProps) {
  const option = {
    animation: false,
    color: COLORS,
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days.map((day) => day.slice(5)) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', splitLine: { show: false } },
    ],
    series: series.map((entry) => ({
      name: entry.name,
      type: 'line',
      data: entry.values,
      yAxisIndex: entry.axis === 'right' ? 1 : 0,
      connectNulls: false,
      showSymbol: days.length <= 31,
    })),
  };
  return (
    <div data-testid="trend-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge />
    </div>
  );
}
