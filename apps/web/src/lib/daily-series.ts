/** A day of figures as the API answers `Order.dailyPerformance`. */
export interface DayFigures {
  day: string;
  views: number;
  clicks: number;
  orders: number;
  gmv: { amount: string };
}

export interface DailySeries {
  days: string[];
  views: (number | null)[];
  clicks: (number | null)[];
  orders: (number | null)[];
  /** Yuan (or dollars) as numbers, for the chart's axis only; amounts shown as text use Money. */
  gmv: (number | null)[];
}

/** Charts stop filling gaps after this many days: a series that long is shown as recorded. */
const MAX_FILLED_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * The chart's series from the recorded days, oldest first, every calendar day between the first
 * and the last present: a day nobody recorded is a gap (null), not a zero, so the line does not
 * claim the content had no views that day.
 */
export function dailySeries(rows: readonly DayFigures[]): DailySeries {
  const sorted = [...rows].sort((a, b) => a.day.localeCompare(b.day));
  const byDay = new Map(sorted.map((row) => [row.day, row]));
  const days: string[] = [];
  if (sorted.length) {
    // Calendar days in UTC arithmetic: no time zone or daylight-saving shift can skip or repeat one.
    const first = Date.parse(`${sorted[0].day}T00:00:00Z`);
    const span = Math.round((Date.parse(`${sorted[sorted.length - 1].day}T00:00:00Z`) - first) / DAY_MS);
    if (span <= MAX_FILLED_DAYS) {
      for (let offset = 0; offset <= span; offset += 1) {
        days.push(new Date(first + offset * DAY_MS).toISOString().slice(0, 10));
      }
    } else {
      days.push(...sorted.map((row) => row.day));
    }
  }
  const pick = (value: (row: DayFigures) => number) =>
    days.map((day) => {
      const row = byDay.get(day);
      return row ? value(row) : null;
    });
  return {
    days,
    views: pick((row) => row.views),
    clicks: pick((row) => row.clicks),
    orders: pick((row) => row.orders),
    gmv: pick((row) => Number(row.gmv.amount)),
  };
}
