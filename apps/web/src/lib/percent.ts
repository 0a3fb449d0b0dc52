/**
 * Basis points as a percentage for people: 2000 -> "20%", 1250 -> "12.5%", 5 -> "0.05%". Integer
 * arithmetic only, so no float rounding shows up ("12.5%", never "12.499999%").
 */
export function formatBasisPoints(bps: number): string {
  if (!Number.isFinite(bps)) return '—';
  const whole = Math.trunc(Math.round(bps));
  const sign = whole < 0 ? '-' : '';
  const magnitude = Math.abs(whole);
  const fraction = String(magnitude % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.trunc(magnitude / 100)}${fraction ? `.${fraction}` : ''}%`;
}

/**
 * A 0-1 rate as a percentage with `digits` decimals (whole by default: the on-time rate; one for
 * click-through and conversion), or a dash while there is none (nothing to divide by).
 */
export function formatRate(rate: number | null | undefined, digits = 0): string {
  return rate == null ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** A percentage as typed (12.5) in basis points (1250), rounded to a whole basis point. */
export function percentToBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}
