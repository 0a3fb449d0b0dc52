/** A row of an order's kill-fee table, as the API gives it (Order.cancellationTerms). */
export interface KillFeeStage {
  untilElapsedBps: number;
  creatorShareBps: number;
}

/**
 * When the kill fee changes next, and to what share (SPEC "Cancellation"): a stage applies while
 * `floor(elapsed * 10000 / window) <= untilElapsedBps`, so it ends once `untilElapsedBps + 1` basis
 * points of the time from funding to deliverBy have passed. Past deliverBy the merchant cancels free
 * (share 0). Null when nothing changes any more.
 */
export function nextKillFeeStage(
  terms: readonly KillFeeStage[],
  fundedAt: string | Date,
  deliverBy: string | Date,
  now: Date,
): { at: Date; creatorShareBps: number } | null {
  const start = new Date(fundedAt).getTime();
  const end = new Date(deliverBy).getTime();
  const window = end - start;
  if (window <= 0 || now.getTime() >= end) return null;
  for (let index = 0; index < terms.length; index++) {
    const ends = start + Math.ceil(((terms[index].untilElapsedBps + 1) * window) / 10000);
    if (ends <= now.getTime()) continue;
    if (ends >= end) return { at: new Date(end), creatorShareBps: 0 };
    return { at: new Date(ends), creatorShareBps: terms[index + 1]?.creatorShareBps ?? 0 };
  }
  return { at: new Date(end), creatorShareBps: 0 };
}
