import { Money, type CurrencyCode } from '@vtask/core';
import { exactRatio } from './exact-ratio';

/** The figures a creator records for a day of content (SPEC "Effect"), or sums of them. */
export interface ContentFigures {
  views: bigint;
  clicks: bigint;
  favorites: bigint;
  addToCarts: bigint;
  orders: bigint;
  gmv: Money;
}

/** What the platform counted itself (SPEC "Effect you can trust"): tracking-link clicks and signed sales. */
export interface VerifiedFigures {
  clicks: bigint;
  /** Distinct visitors per day, summed over the days. */
  uniqueVisitors: bigint;
  orders: bigint;
  gmv: Money;
  /** orders / clicks; null without clicks. */
  conversionRate: number | null;
  /** gmv / spend; null without spend. */
  returnOnSpend: number | null;
}

/** What content earned, summed over days and deliverables, with the rates of SPEC "Effect". */
export interface ContentPerformance extends ContentFigures {
  /** The part the platform counted itself; the other figures are as reported. */
  verified: VerifiedFigures;
  /** The price paid: the orders' prices, for orders funded and not cancelled. */
  spend: Money;
  /** clicks / views; null without views. */
  clickThroughRate: number | null;
  /** orders / clicks; null without clicks. */
  conversionRate: number | null;
  /** gmv / spend; null without spend. */
  returnOnSpend: number | null;
}

export interface PerformanceSums {
  views: bigint;
  clicks: bigint;
  favorites: bigint;
  addToCarts: bigint;
  orders: bigint;
  gmvMinor: bigint;
  spendMinor: bigint;
  verifiedClicks: bigint;
  verifiedVisitors: bigint;
  verifiedOrders: bigint;
  verifiedGmvMinor: bigint;
}

export function performanceOf(sums: PerformanceSums, currency: CurrencyCode): ContentPerformance {
  return {
    views: sums.views,
    clicks: sums.clicks,
    favorites: sums.favorites,
    addToCarts: sums.addToCarts,
    orders: sums.orders,
    gmv: Money.of(sums.gmvMinor, currency),
    spend: Money.of(sums.spendMinor, currency),
    clickThroughRate: exactRatio(sums.clicks, sums.views),
    conversionRate: exactRatio(sums.orders, sums.clicks),
    returnOnSpend: exactRatio(sums.gmvMinor, sums.spendMinor),
    verified: {
      clicks: sums.verifiedClicks,
      uniqueVisitors: sums.verifiedVisitors,
      orders: sums.verifiedOrders,
      gmv: Money.of(sums.verifiedGmvMinor, currency),
      conversionRate: exactRatio(sums.verifiedOrders, sums.verifiedClicks),
      returnOnSpend: exactRatio(sums.verifiedGmvMinor, sums.spendMinor),
    },
  };
}

export const NO_SUMS: PerformanceSums = {
  views: 0n,
  clicks: 0n,
  favorites: 0n,
  addToCarts: 0n,
  orders: 0n,
  gmvMinor: 0n,
  spendMinor: 0n,
  verifiedClicks: 0n,
  verifiedVisitors: 0n,
  verifiedOrders: 0n,
  verifiedGmvMinor: 0n,
};

/** The reach a public page (a creator's portfolio) shows of an order: never money. */
export interface PublicReach {
  /** As reported: the platform counts clicks, not impressions. */
  views: bigint;
  /** The platform's count when it has one, else the reported figure. */
  clicks: bigint;
  /** True when `clicks` is the platform's count (tracking links). */
  clicksVerified: boolean;
}

/**
 * The platform's count replaces the creator's once it has counted anything (SPEC "Effect you can
 * trust"): a link nobody clicked yet proves nothing, and showing its 0 would hide reach the creator
 * reported.
 */
export function publicReachOf(performance: ContentPerformance): PublicReach {
  const clicksVerified = performance.verified.clicks > 0n;
  return {
    views: performance.views,
    clicks: clicksVerified ? performance.verified.clicks : performance.clicks,
    clicksVerified,
  };
}
