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

/** What content earned, summed over days and deliverables, with the rates of SPEC "Effect". */
export interface ContentPerformance extends ContentFigures {
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
};
