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
      cancelled: 0,
      late: 0,
      endedRetentions: 3,
      breachedRetentions: 0,
      verifiedOrders: 0,
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
      'reliable: no cancellations, late deliveries or takedowns',
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
      '履约可靠：无取消、逾期或下架',
      '发布渠道：淘宝直播',
      '粉丝 123.5万',
    ]);
    expect(formatMoney(90_050n, CurrencyCode.CNY)).toBe('900.50 CNY');
    expect(formatCount(950)).toBe('950');
    expect(formatCount(5_000_000)).toBe('5M');

    // Broken commitments and verified results are said in numbers the creator's profile shows.
    const troubled: MatchFacts = {
      ...facts,
      completed: 8,
      onTime: 6,
      cancelled: 2,
      late: 2,
      endedRetentions: 4,
      breachedRetentions: 1,
      verifiedOrders: 3,
    };
    const track = (locale: 'en' | 'zh-CN') =>
      creatorMatchReasons(TREE, troubled, names)
        .map((reason) => reason({ locale, timeZone: 'UTC' }))
        .slice(3, -2);
    expect(track('en')).toEqual([
      'on time 6/8',
      '8 completed orders',
      'rated 4.8 from 10 reviews',
      'verified results (tracking-link clicks and sales) on 3 of 8 completed orders',
      'cancelled 2 of 10 orders',
      'delivered late on 2 orders',
      'content not kept up for the agreed time on 1 of 4 orders',
    ]);
    expect(track('zh-CN')).toEqual([
      '按时交付 6/8',
      '已完成 8 单',
      '评分 4.8（10 条评价）',
      '平台核实效果（追踪链接点击与成交）：3/8 单',
      '取消过 2/10 单',
      '逾期交付 2 单',
      '1/4 单内容未按约保留',
    ]);
    // A newcomer who dropped their only order: no history, and the cancellation.
    const dropped = { ...facts, completed: 0, onTime: 0, ratingCount: 0, ratingSum: 0, cancelled: 1 };
    expect(
      creatorMatchReasons(TREE, dropped, names)
        .map((reason) => reason({ locale: 'en', timeZone: 'UTC' }))
        .slice(3, -2),
    ).toEqual(['no completed orders yet', 'cancelled 1 of 1 order']);
  });
});
