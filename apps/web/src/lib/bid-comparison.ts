import type { CreatorTier } from '../graphql/generated';
import { compareAmounts } from './money';

/** What bids are compared by (SPEC "Two-way postings": the merchant weighs price and track record). */
export type BidSort = 'price' | 'tier' | 'rating' | 'onTime';

export const BID_SORTS: readonly BidSort[] = ['price', 'tier', 'rating', 'onTime'];

const TIER_RANK: Record<CreatorTier, number> = { ORDINARY: 0, CREATOR: 1, EXPERT: 2, CELEBRITY: 3 };

export interface ComparableBid {
  id: string;
  price: { amount: string };
  creator: {
    tier: CreatorTier;
    stats: { averageRating?: number | null; onTimeRate?: number | null } | null;
  };
}

/**
 * The bids in the chosen order: price lowest first; tier, rating and on-time rate highest first.
 * A creator without a rating or on-time rate yet sorts after every one who has one; ties keep
 * the list's order (newest first) so the table does not jump.
 */
export function sortBids<T extends ComparableBid>(bids: readonly T[], by: BidSort): T[] {
  const highestFirst = (value: number | null | undefined) => (value == null ? Infinity : -value);
  const key: Record<Exclude<BidSort, 'price'>, (bid: T) => number> = {
    tier: (bid) => -TIER_RANK[bid.creator.tier],
    rating: (bid) => highestFirst(bid.creator.stats?.averageRating),
    onTime: (bid) => highestFirst(bid.creator.stats?.onTimeRate),
  };
  return bids
    .map((bid, index) => ({ bid, index }))
    .sort((a, b) => {
      const order =
        by === 'price'
          ? compareAmounts(a.bid.price.amount, b.bid.price.amount)
          : key[by](a.bid) - key[by](b.bid);
      return order || a.index - b.index;
    })
    .map(({ bid }) => bid);
}

/** Whether a bid asks more than the task's budget per slot. */
export function isOverBudget(bid: ComparableBid, budget: { amount: string }): boolean {
  return compareAmounts(bid.price.amount, budget.amount) > 0;
}
