import { Money } from '@vtask/core';

/** One row of a kill-fee table: until this share of the time from funding to deliverBy, the creator keeps this share of the price. */
export interface CancellationStage {
  /** Basis points of the time from funding to deliverBy (10000 = deliverBy). */
  untilElapsedBps: number;
  /** Basis points of the price. */
  creatorShareBps: number;
}

/** The default `CANCELLATION_TERMS`: 10% until half the time has passed, then 30%. */
export const DEFAULT_CANCELLATION_TERMS = '5000:1000,10000:3000';

/**
 * Parses `CANCELLATION_TERMS` (`untilElapsedBps:creatorShareBps` rows, comma-separated), checked at boot:
 * whole basis points from 0 to 10000, `untilElapsedBps` strictly rising. Throws a sentence naming the fault.
 */
export function parseCancellationTerms(raw: string): CancellationStage[] {
  const rows = raw
    .split(',')
    .map((row) => row.trim())
    .filter(Boolean);
  if (!rows.length) throw new Error('needs at least one untilElapsedBps:creatorShareBps row');
  const stages = rows.map((row) => {
    const match = /^(\d{1,5}):(\d{1,5})$/.exec(row);
    const stage = match ? { untilElapsedBps: Number(match[1]), creatorShareBps: Number(match[2]) } : null;
    if (!stage || stage.untilElapsedBps > 10000 || stage.creatorShareBps > 10000) {
      throw new Error(`"${row}" is not untilElapsedBps:creatorShareBps with both from 0 to 10000`);
    }
    return stage;
  });
  stages.reduce((previous, stage) => {
    if (stage.untilElapsedBps <= previous) {
      throw new Error('untilElapsedBps must rise from row to row');
    }
    return stage.untilElapsedBps;
  }, -1);
  return stages;
}

/**
 * SPEC "Cancellation": `elapsedBps = floor((now - fundedAt) * 10000 / (deliverBy - fundedAt))`; the first
 * row with `elapsedBps <= untilElapsedBps` applies. Past every row (deliverBy passed) the share is 0:
 * the merchant then cancels with a full refund.
 */
export function killFeeShareBps(
  terms: readonly CancellationStage[],
  fundedAt: Date,
  deliverBy: Date,
  now: Date,
): number {
  const window = deliverBy.getTime() - fundedAt.getTime();
  if (window <= 0 || now.getTime() >= deliverBy.getTime()) return 0;
  const elapsedBps = Math.floor((Math.max(0, now.getTime() - fundedAt.getTime()) * 10000) / window);
  return terms.find((stage) => elapsedBps <= stage.untilElapsedBps)?.creatorShareBps ?? 0;
}

/** What the creator side keeps if the merchant cancels at `now`: zero unless IN_PROGRESS with a funding time. */
export function killFee(
  order: {
    priceMinor: bigint;
    currency: Money['currency'];
    cancellationTerms: readonly CancellationStage[];
    fundedAt: Date | null;
    deliverBy: Date;
  },
  inProgress: boolean,
  now: Date,
): Money {
  const price = Money.of(order.priceMinor, order.currency);
  if (!inProgress || !order.fundedAt) return Money.of(0n, order.currency);
  return price.shareBps(killFeeShareBps(order.cancellationTerms, order.fundedAt, order.deliverBy, now));
}
