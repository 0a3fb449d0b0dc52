import { CreatorTier } from '@vtask/accounts';
import { CurrencyCode } from '@vtask/core';
import {
  creatorMatchReasons,
  formatCount,
  formatMoney,
  type MatchFacts,
  type TagNames,
} from './match-reasons';
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
    const names: TagNames = (slug, locale) =>
      ({ home: { en: 'Home', zh: '家居' }, 'home.furniture': { en: 'Furniture', zh: '家具' } })[slug]?.[
        locale === 'en' ? 'en' : 'zh'
      ] ?? slug;
    const reasons = creatorMatchReasons(TREE, facts, names);
    expect(reasons.map((reason) => reason({ locale: 'en', timeZone: 'UTC' }))).toEqual([
      'shares tags Home, Furniture',
      'tier Expert meets Creator',
      'price fit: usually 900-1,100 CNY',
      'on time 12/12',
      '12 completed orders',
      'rated 4.8 from 10 reviews',
      'publishes on Live',
      '1.2M followers',
    ]);
    expect(reasons.map((reason) => reason({ locale: 'zh-CN', timeZone: 'Asia/Shanghai' }))).toEqual([
      '领域匹配：家居、家具',
      '等级「资深达人」满足「大V达人」要求',
      '价格合适：通常报价 ¥900-1,100',
      '按时交付 12/12',
      '已完成 12 单',
      '评分 4.8（10 条评价）',
      '发布渠道：淘宝直播',
      '粉丝 123.5万',
    ]);
    expect(formatMoney(90_050n, CurrencyCode.CNY)).toBe('900.50 CNY');
    expect(formatCount(950)).toBe('950');
    expect(formatCount(5_000_000)).toBe('5M');
  });
});
