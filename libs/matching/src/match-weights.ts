/**
 * Every weight and threshold of matching (千人千面), in one place. A match's score is
 *
 *   weighted = Σ MATCH_WEIGHTS[part] × part,   each part in [0, 1], the weights summing to 1
 *   score    = on topic (shares a tag)  ?  ON_TOPIC_FLOOR + (1 - ON_TOPIC_FLOOR) × weighted
 *                                       :  ON_TOPIC_FLOOR × weighted
 *
 * rounded to SCORE_DECIMALS. On-topic matches thus always rank above off-topic ones (which only fill
 * a list that has too few on-topic matches), and equal rounded scores are ordered by track record.
 * PostgreSQL computes it (match-score.sql.ts) from these numbers; nothing else holds a weight.
 */
export const MATCH_WEIGHTS = {
  /** Share of the task's tags the creator covers; a parent tag matches its children. */
  tags: 0.3,
  /** Track record: on-time rate, rating, completed orders, reliability, verified results (TRACK_WEIGHTS). */
  track: 0.25,
  /** The creator's usual price (offers and completed orders) against the task's budget. */
  price: 0.15,
  /** How closely the creator's tier fits the task's minTier. */
  tier: 0.1,
  /** Share of the task's channels the creator publishes on. */
  channels: 0.1,
  /** Followers, on a log scale. */
  audience: 0.1,
} as const;

export type MatchPart = keyof typeof MATCH_WEIGHTS;

/**
 * The parts of the track record part; they sum to 1. The on-time rate judges completed work; reliability
 * counts every commitment broken (cancelled or dropped orders, late first deliveries in any status,
 * content taken down before its retention window ended); evidence is the share of completed orders whose
 * figures the platform counted (tracking links, signed sales) rather than the creator typed in.
 * migration ReliableRanking writes the same formula as the square's track_score: change both together.
 */
export const TRACK_WEIGHTS = {
  onTime: 0.3,
  rating: 0.3,
  volume: 0.15,
  reliability: 0.15,
  evidence: 0.1,
} as const;

export const MATCH_TUNING = {
  /** On-topic scores lie in [ON_TOPIC_FLOOR, 1], off-topic ones below it. */
  onTopicFloor: 0.5,
  /** Decimals of the reported score; ties at this precision go to the better track record. */
  scoreDecimals: 3,
  /** Credit for a task tag whose parent the creator has (a `home` creator for a `home.furniture` task). */
  parentTagCredit: 0.5,
  /** Tier part lost per tier above the task's minTier (over-qualified usually means over budget). */
  tierStepPenalty: 0.2,
  /** Price part without any price history. */
  unknownPrice: 0.5,
  /** The price part falls linearly from 1 at the budget to 0 at this multiple of it. */
  priceZeroAtBudgetTimes: 2,
  /**
   * Smoothing of the on-time rate and the rating toward a neutral prior, worth this many orders or
   * reviews: a newcomer scores 0.5 rather than 0 or 1, and 1 of 1 counts less than 12 of 12.
   */
  priorWeight: 2,
  /** The neutral rating of the prior (1-5). */
  priorRating: 3,
  /** Completed orders that earn the full volume credit (log scale below it). */
  volumeFullAt: 50,
  /** Followers that earn the full audience part (log scale below it). */
  audienceFullAt: 10_000_000,
} as const;
