import { exactRatio } from './exact-ratio';

/**
 * What a creator's completed orders brought, for their track record (SPEC "Effect you can trust": track
 * records use verified figures when there are any). Order by order: the platform's own counts when the
 * order has any (a tracking-link click or a signed sale), the creator's reported figures otherwise. Public,
 * like the portfolio: counts only, never money.
 */
export interface CreatorResults {
  /** Completed orders whose figures the platform counted. */
  verifiedOrders: number;
  /** Completed orders with reported figures and none the platform counted. */
  reportedOrders: number;
  clicks: bigint;
  /** Shop orders the content brought. */
  sales: bigint;
  /** sales / clicks; null without clicks. */
  conversionRate: number | null;
}

export const NO_RESULTS: CreatorResults = {
  verifiedOrders: 0,
  reportedOrders: 0,
  clicks: 0n,
  sales: 0n,
  conversionRate: null,
};

/** Reads content_metrics, tracking_links, link_clicks and link_conversions, and orders (COMPLETED). */
export const CREATOR_RESULTS_SQL = `
  WITH done AS MATERIALIZED (
    SELECT o.id, o.creator_id FROM orders o WHERE o.creator_id = ANY($1::uuid[]) AND o.status = 'COMPLETED'
  ), counted_clicks AS (
    SELECT l.order_id, count(*) AS n
      FROM done d JOIN tracking_links l ON l.order_id = d.id JOIN link_clicks c ON c.link_id = l.id
     GROUP BY l.order_id
  ), counted_sales AS (
    SELECT l.order_id, count(*) AS n
      FROM done d JOIN tracking_links l ON l.order_id = d.id JOIN link_conversions v ON v.link_id = l.id
     GROUP BY l.order_id
  ), reported AS (
    SELECT m.order_id, sum(m.clicks) AS clicks, sum(m.order_count) AS sales
      FROM done d JOIN content_metrics m ON m.order_id = d.id
     GROUP BY m.order_id
  ), per_order AS (
    SELECT d.creator_id, (cc.n IS NOT NULL OR cs.n IS NOT NULL) AS verified, r.order_id IS NOT NULL AS reported,
           CASE WHEN cc.n IS NOT NULL OR cs.n IS NOT NULL THEN coalesce(cc.n, 0) ELSE coalesce(r.clicks, 0) END AS clicks,
           CASE WHEN cc.n IS NOT NULL OR cs.n IS NOT NULL THEN coalesce(cs.n, 0) ELSE coalesce(r.sales, 0) END AS sales
      FROM done d
      LEFT JOIN counted_clicks cc ON cc.order_id = d.id
      LEFT JOIN counted_sales cs ON cs.order_id = d.id
      LEFT JOIN reported r ON r.order_id = d.id
  )
  SELECT creator_id::text AS creator_id,
         count(*) FILTER (WHERE verified)::int AS verified_orders,
         count(*) FILTER (WHERE reported AND NOT verified)::int AS reported_orders,
         sum(clicks)::text AS clicks, sum(sales)::text AS sales
    FROM per_order GROUP BY creator_id`;

export interface CreatorResultsRow {
  creator_id: string;
  verified_orders: number;
  reported_orders: number;
  clicks: string;
  sales: string;
}

export function resultsOf(row: CreatorResultsRow): CreatorResults {
  const clicks = BigInt(row.clicks);
  const sales = BigInt(row.sales);
  return {
    verifiedOrders: row.verified_orders,
    reportedOrders: row.reported_orders,
    clicks,
    sales,
    conversionRate: exactRatio(sales, clicks),
  };
}
