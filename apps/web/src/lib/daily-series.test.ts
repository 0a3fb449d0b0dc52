import { describe, expect, it } from 'vitest';
import { dailySeries, type DayFigures } from './daily-series';

const row = (day: string, views: number, gmv = '0.00'): DayFigures => ({
  day,
  views,
  clicks: Math.floor(views / 10),
  orders: Math.floor(views / 100),
  gmv: { amount: gmv },
});

describe('dailySeries', () => {
  it('is empty without recorded days', () => {
    expect(dailySeries([])).toEqual({ days: [], views: [], clicks: [], orders: [], gmv: [] });
  });

  it('orders the days and leaves a gap (null, not zero) for a day nobody recorded', () => {
    const series = dailySeries([row('2026-11-13', 700, '300.01'), row('2026-11-11', 300, '600.00')]);
    expect(series.days).toEqual(['2026-11-11', '2026-11-12', '2026-11-13']);
    expect(series.views).toEqual([300, null, 700]);
    expect(series.clicks).toEqual([30, null, 70]);
    expect(series.orders).toEqual([3, null, 7]);
    expect(series.gmv).toEqual([600, null, 300.01]);
  });

  it('crosses month and year ends', () => {
    const series = dailySeries([row('2026-12-31', 1), row('2027-01-01', 2)]);
    expect(series.days).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('shows only the recorded days when they are more than a year apart', () => {
    const series = dailySeries([row('2025-01-01', 1), row('2026-11-11', 2)]);
    expect(series.days).toEqual(['2025-01-01', '2026-11-11']);
    expect(series.views).toEqual([1, 2]);
  });
});
