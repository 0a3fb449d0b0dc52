import type { ServiceTestContext } from '../../../test/support/service-harness';

/**
 * Track records at which the specs compare a stored score with the ranking's live formula: empty, one
 * order, a mixed record, cancellations only, and a long clean one. Each is completed, on time, rating
 * count, rating sum, cancelled, late, breached retentions, verified.
 */
export const TRACK_RECORD_POINTS = [
  [0, 0, 0, 0, 0, 0, 0, 0],
  [1, 1, 1, 5, 0, 0, 0, 1],
  [12, 10, 9, 41, 2, 3, 1, 7],
  [3, 0, 0, 0, 9, 4, 2, 0],
  [80, 79, 60, 290, 0, 0, 0, 80],
];

/** Writes one of those points onto a creator's match profile, so its triggers recompute what they keep. */
export async function setTrackRecord(
  context: ServiceTestContext,
  creatorId: string,
  point: readonly number[],
): Promise<void> {
  // The profile is a read model: written directly here only to probe the formula at these points.
  await context.sql(
    `UPDATE creator_match_profiles
        SET completed_orders = $2, on_time_orders = $3, rating_count = $4, rating_sum = $5,
            cancelled_orders = $6, late_deliveries = $7, breached_retentions = $8, verified_orders = $9
      WHERE creator_id = $1`,
    [creatorId, ...point],
  );
}
