import { describe, expect, it } from 'vitest';
import { isOverBudget, sortBids, type ComparableBid } from './bid-comparison';

const bid = (
  id: string,
  amount: string,
  tier: ComparableBid['creator']['tier'],
  averageRating: number | null,
  onTimeRate: number | null,
): ComparableBid => ({ id, price: { amount }, creator: { tier, stats: { averageRating, onTimeRate } } });

const bids = [
  bid('a', '800.00', 'CREATOR', 4.2, 0.9),
  bid('b', '450.00', 'CELEBRITY', null, null),
  bid('c', '1200.00', 'EXPERT', 4.9, 0.5),
];
const ids = (list: ComparableBid[]) => list.map((entry) => entry.id);

describe('sortBids', () => {
  it('sorts by price (lowest first), comparing amounts as decimals', () => {
    expect(ids(sortBids(bids, 'price'))).toEqual(['b', 'a', 'c']);
  });
  it('sorts by tier, rating and on-time rate, highest first, creators without figures last', () => {
    expect(ids(sortBids(bids, 'tier'))).toEqual(['b', 'c', 'a']);
    expect(ids(sortBids(bids, 'rating'))).toEqual(['c', 'a', 'b']);
    expect(ids(sortBids(bids, 'onTime'))).toEqual(['a', 'c', 'b']);
  });
});

describe('isOverBudget', () => {
  it('flags a price above the budget only', () => {
    expect(isOverBudget(bids[2], { amount: '1000.00' })).toBe(true);
    expect(isOverBudget(bids[0], { amount: '800.00' })).toBe(false);
  });
});
