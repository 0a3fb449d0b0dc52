import { CreatorTier } from '@vtask/accounts';
import { CurrencyCode } from '@vtask/core';
import { creatorMatchReasons, formatCount, formatMoney, type MatchFacts } from './match-reasons';
import { MATCH_WEIGHTS, TRACK_WEIGHTS } from './match-weights';
import { creatorTagPlan, taskTagPlan, tagCoverage, type TagTree } from './tag-match';

const TREE: TagTree = new Map([
  ['home', null],
  ['home.furniture', 'home'],
  ['home.decor', 'home'],
  ['beauty', null],
  ['beauty.skincare', 'beauty'],
]);

const sum = (weights: Record<string, number>) =>
  Object.values(weights).reduce((total, weight) => total + weight, 0);

describe('matching rules', () => {
  it('keeps each weight table summing to 1', () => {
    expect(sum(MATCH_WEIGHTS)).toBeCloseTo(1, 12);
    expect(sum(TRACK_WEIGHTS)).toBeCloseTo(1, 12);
  });

  it('lets a parent tag match its children, and a child task tag its parent partly', () => {
    expect(taskTagPlan(TREE, ['home'])).toEqual({
      perTag: [{ tag: 'home', full: ['home', 'home.furniture', 'home.decor'], partial: [] }],
      narrow: ['home', 'home.furniture', 'home.decor'],
    });
    expect(taskTagPlan(TREE, ['home.furniture']).perTag).toEqual([
      { tag: 'home.furniture', full: ['home.furniture'], partial: ['home'] },
    ]);
    expect(creatorTagPlan(TREE, ['home.furniture'])).toEqual({
      full: ['home.furniture', 'home'],
      partial: [],
      narrow: ['home.furniture', 'home'],
    });
    expect(creatorTagPlan(TREE, ['beauty']).partial).toEqual(['beauty.skincare']);
    expect(tagCoverage(TREE, ['home'], ['home.furniture', 'beauty'])).toEqual({
      shared: ['home', 'home.furniture'],
      viaParent: [],
    });
    expect(tagCoverage(TREE, ['home.decor'], ['home'])).toEqual({
      shared: [],
      viaParent: [{ tag: 'home.decor', parent: 'home' }],
    });
  });

  it('writes reasons in plain words', () => {
    const facts: MatchFacts = {
      taskTags: ['home'],
      taskChannels: ['HEADLINES', 'LIVE'],
      minTier: CreatorTier.CREATOR,
      budgetMinor: 100_000n,
      currency: CurrencyCode.CNY,
      creatorTags: ['home.furniture'],
      creatorChannels: ['LIVE'],
      tier: CreatorTier.EXPERT,
      followers: 1_234_567,
      completed: 12,
      onTime: 12,
      ratingCount: 10,
      ratingSum: 48,
      price: { low: 90_000n, typical: 100_000n, high: 110_000n },
    };
    expect(creatorMatchReasons(TREE, facts)).toEqual([
      'shares tags home, home.furniture',
      'tier EXPERT meets CREATOR',
      'price fit: usually 900-1,100 CNY',
      'on time 12/12',
      '12 completed orders',
      'rated 4.8 from 10 reviews',
      'publishes on LIVE',
      '1.2M followers',
    ]);
    expect(formatMoney(90_050n, CurrencyCode.CNY)).toBe('900.50 CNY');
    expect(formatCount(950)).toBe('950');
    expect(formatCount(5_000_000)).toBe('5M');
  });
});
