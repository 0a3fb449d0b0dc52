/** Latency figures as the benches print them. */

/** The nearest-rank percentile `p` (0-100) of ascending `sorted` values; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** The heading of `latencyRow`'s table. */
export function latencyHeader(label: string): string {
  return `${label.padEnd(18)} ${'n'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`;
}

/** One table row: name, count, p50, p95, p99 and max in ms. */
export function latencyRow(name: string, values: readonly number[]): string {
  const sorted = ascending(values);
  const cells = [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1).padStart(8));
  return `${name.padEnd(18)} ${String(values.length).padStart(6)} ${cells.join(' ')} ${sorted.at(-1)!.toFixed(1).padStart(8)}`;
}

/** One line: `p50 … p99 … max …` in ms, or `-` when there are no values. */
export function latencySummary(values: readonly number[]): string {
  if (!values.length) return '-';
  const sorted = ascending(values);
  const ms = (value: number) => `${value.toFixed(1)}`.padStart(6);
  return `p50 ${ms(percentile(sorted, 50))}  p99 ${ms(percentile(sorted, 99))}  max ${ms(sorted[sorted.length - 1])}`;
}
