import { TIER_ORDER } from '@vtask/accounts';
import { MATCH_TUNING, MATCH_WEIGHTS, TRACK_WEIGHTS } from './match-weights';

/**
 * The score of match-weights.ts as SQL, so PostgreSQL ranks every candidate in one query. The numbers
 * come from that table only (interpolated as literals: they are our constants, never input), except the
 * per-creator parts that migration MatchCandidates stores with today's numbers (audiencePartSql and
 * trackPartSql: change both together; libs/matching/test/match-candidates.spec.ts compares them).
 */

/** SQL expressions, per candidate row, that the parts are computed from. */
export interface ScoreTerms {
  /** boolean: shares at least one tag (fully or through a parent). */
  topical: string;
  /** float in [0, 1]. */
  tagPart: string;
  /** int >= 0: tiers above the task's minTier. */
  tierGap: string;
  /** float in [0, 1]. */
  channelPart: string;
  /** bigint or NULL: the creator's usual price in the task's currency. */
  typicalPrice: string;
  /** bigint: the task's budget per slot. */
  budget: string;
  /**
   * The per-creator parts, stored on the match profile (migration MatchCandidates) as
   * `audiencePartSql` and `trackPartSql` compute them: float8 in [0, 1].
   */
  audiencePart: string;
  trackPart: string;
}

export interface TrackColumns {
  completed: string;
  onTime: string;
  ratingCount: string;
  ratingSum: string;
  /** Orders the creator cancelled or dropped, late first deliveries, retentions BREACHED. */
  cancelled: string;
  late: string;
  breached: string;
  /** Completed orders with verified figures. */
  verified: string;
}

/** The track columns of a creator_match_profiles row under `alias`. */
export function profileTrackColumns(alias: string): TrackColumns {
  return {
    completed: `${alias}.completed_orders`,
    onTime: `${alias}.on_time_orders`,
    ratingCount: `${alias}.rating_count`,
    ratingSum: `${alias}.rating_sum`,
    cancelled: `${alias}.cancelled_orders`,
    late: `${alias}.late_deliveries`,
    breached: `${alias}.breached_retentions`,
    verified: `${alias}.verified_orders`,
  };
}

export const num = (value: number): string => `${value}::float8`;

/** `tier` (a creator_tier) as its rank, ORDINARY = 1. */
export function tierRankSql(tier: string): string {
  return `array_position('{${TIER_ORDER.join(',')}}'::creator_tier[], ${tier})`;
}

/** The audience part in [0, 1]: followers on a log scale. */
export function audiencePartSql(followers: string): string {
  return `LEAST(1, ln(1 + ${followers}) / ln(${num(1 + MATCH_TUNING.audienceFullAt)}))::float8`;
}

/**
 * The track record part in [0, 1]: smoothed on-time rate and rating, volume on a log scale, reliability
 * (1 less the broken commitments over the orders taken, smoothed so that one incident in a long record
 * weighs little; a newcomer starts reliable) and evidence (the share of completed orders with verified
 * figures, smoothed toward none).
 */
export function trackPartSql(columns: TrackColumns): string {
  const [completed, onTime, ratingCount, ratingSum, cancelled, late, breached, verified] = [
    columns.completed,
    columns.onTime,
    columns.ratingCount,
    columns.ratingSum,
    columns.cancelled,
    columns.late,
    columns.breached,
    columns.verified,
  ].map((column) => `coalesce(${column}, 0)`);
  const { priorWeight, priorRating, volumeFullAt } = MATCH_TUNING;
  const onTimeRate = `((${onTime} + ${num(priorWeight * 0.5)}) / (${completed} + ${num(priorWeight)}))`;
  const rating = `((${ratingSum} + ${num(priorWeight * priorRating)}) / (${ratingCount} + ${num(priorWeight)}))`;
  const volume = `LEAST(1, ln(1 + ${completed}) / ln(${num(1 + volumeFullAt)}))`;
  const reliability = `GREATEST(0, 1 - (${cancelled} + ${late} + ${breached})::float8 / (${completed} + ${cancelled} + ${num(priorWeight)}))`;
  const evidence = `(${verified}::float8 / (${completed} + ${num(priorWeight)}))`;
  return `(${num(TRACK_WEIGHTS.onTime)} * ${onTimeRate} + ${num(TRACK_WEIGHTS.rating)} * (${rating} - 1) / 4 + ${num(TRACK_WEIGHTS.volume)} * ${volume}
      + ${num(TRACK_WEIGHTS.reliability)} * ${reliability} + ${num(TRACK_WEIGHTS.evidence)} * ${evidence})`;
}

/** The columns `topical`, `tag_part`, ..., `track_part` of one candidate row. */
export function partColumnsSql(terms: ScoreTerms): string {
  const { tierStepPenalty, unknownPrice, priceZeroAtBudgetTimes } = MATCH_TUNING;
  const price = `CASE WHEN ${terms.typicalPrice} IS NULL THEN ${num(unknownPrice)}
      WHEN ${terms.typicalPrice} <= ${terms.budget} THEN 1::float8
      ELSE GREATEST(0, 1 - (${terms.typicalPrice}::float8 / ${terms.budget} - 1) / ${num(priceZeroAtBudgetTimes - 1)}) END`;
  return [
    `${terms.topical} AS topical`,
    `(${terms.tagPart})::float8 AS tag_part`,
    `GREATEST(0, 1 - ${num(tierStepPenalty)} * (${terms.tierGap}))::float8 AS tier_part`,
    `(${price}) AS price_part`,
    `(${terms.channelPart})::float8 AS channel_part`,
    `${terms.audiencePart} AS audience_part`,
    `${terms.trackPart} AS track_part`,
  ].join(',\n       ');
}

/**
 * The rounded score of a row that has the columns of `partColumnsSql`. Those columns must come from a
 * fenced subquery (OFFSET 0): flattened, each part would be computed again inside this expression.
 * All in float8: numeric arithmetic costs several times more per row.
 */
export function scoreSql(): string {
  const weighted = [
    `${num(MATCH_WEIGHTS.tags)} * tag_part`,
    `${num(MATCH_WEIGHTS.tier)} * tier_part`,
    `${num(MATCH_WEIGHTS.price)} * price_part`,
    `${num(MATCH_WEIGHTS.channels)} * channel_part`,
    `${num(MATCH_WEIGHTS.audience)} * audience_part`,
    `${num(MATCH_WEIGHTS.track)} * track_part`,
  ].join(' + ');
  const floor = MATCH_TUNING.onTopicFloor;
  const scale = num(10 ** MATCH_TUNING.scoreDecimals);
  return `round((CASE WHEN topical THEN ${num(floor)} + ${num(1 - floor)} * (${weighted})
      ELSE ${num(floor)} * (${weighted}) END) * ${scale}) / ${scale}`;
}
