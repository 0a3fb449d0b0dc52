import { InputErrors } from '@vtask/core';

/**
 * The most followers a creator may state: far above any real account (the largest have under a
 * billion), and well under PostgreSQL's integer limit, which the matching scores would otherwise reach
 * (they add one to the count, `ln(1 + follower_count)`, in integer arithmetic).
 */
export const MAX_FOLLOWER_COUNT = 1_000_000_000;

/** A stated follower count: from zero to MAX_FOLLOWER_COUNT; `field` names it in the error. */
export function checkFollowerCount(value: number, field: string): void {
  if (value < 0) throw InputErrors.negative(field);
  if (value > MAX_FOLLOWER_COUNT) throw InputErrors.outOfRange(field, 0, MAX_FOLLOWER_COUNT);
}
