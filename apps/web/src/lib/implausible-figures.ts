import { parseMoney } from './money';

/** The counts a creator reports for a day of their content. */
export type FigureKey = 'views' | 'clicks' | 'favorites' | 'addToCarts' | 'orders';

export interface DayFigures extends Record<FigureKey, number | null | undefined> {
  /** As typed in the money field; empty when not given. */
  gmv?: string | null;
}

/** A relation between the figures that real traffic does not produce, to ask about before saving. */
export type Implausibility =
  { kind: 'exceeds'; more: FigureKey; than: FigureKey } | { kind: 'gmvWithoutOrders'; gmv: string };

/**
 * Each step of the shopping funnel comes from the one before it: a click from a view, a favourite
 * from a view, an add-to-cart or an order from a click (an order may skip the cart: 立即购买). A
 * step larger than its source is almost always a typo or figures copied from another day.
 */
const FUNNEL: readonly (readonly [FigureKey, FigureKey])[] = [
  ['clicks', 'views'],
  ['favorites', 'views'],
  ['addToCarts', 'clicks'],
  ['orders', 'clicks'],
];

/**
 * What looks wrong in a day's self-reported figures (e.g. 900 orders from 500 clicks). These are
 * warnings, not refusals: odd days happen, so the person confirms rather than being stopped.
 */
export function implausibleFigures(figures: DayFigures): Implausibility[] {
  const problems: Implausibility[] = [];
  for (const [more, than] of FUNNEL) {
    if ((figures[more] ?? 0) > (figures[than] ?? 0)) problems.push({ kind: 'exceeds', more, than });
  }
  const gmv = parseMoney(figures.gmv);
  if (gmv.ok && !(figures.orders ?? 0)) problems.push({ kind: 'gmvWithoutOrders', gmv: gmv.amount });
  return problems;
}
