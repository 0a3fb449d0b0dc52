import { Injectable } from '@nestjs/common';
import { Money, Role, type CurrencyCode, type Viewer } from '@vtask/core';
import { TasksService } from '@vtask/marketplace';
import { FUNDED_OPEN_ORDER_STATUSES, OrderStatus } from '@vtask/orders';
import { DataSource } from 'typeorm';
import {
  NO_SUMS,
  performanceOf,
  type ContentFigures,
  type ContentPerformance,
  type PerformanceSums,
} from './content-performance';
import {
  CREATOR_RESULTS_SQL,
  NO_RESULTS,
  resultsOf,
  type CreatorResults,
  type CreatorResultsRow,
} from './creator-results';
import { InsightsErrors } from './insights.errors';

/** Orders whose price was paid: funded, and not refunded by a cancellation. */
const PAID_STATUSES: readonly OrderStatus[] = [
  ...FUNDED_OPEN_ORDER_STATUSES,
  OrderStatus.COMPLETED,
  OrderStatus.RESOLVED,
];

/** Summed figures as SQL returns them: bigint sums as text, gmv in minor units. */
interface FiguresRow {
  views: string;
  clicks: string;
  favorites: string;
  add_to_carts: string;
  orders: string;
  gmv: string;
}

interface SumsRow extends FiguresRow {
  key: string;
  spend: string;
  verified_clicks: string;
  verified_visitors: string;
  verified_orders: string;
  verified_gmv: string;
}

/** One day of an order's content figures, summed over its deliverables. */
export interface DailyFigures extends ContentFigures {
  /** YYYY-MM-DD, the day the figures were recorded for. */
  day: string;
}

interface DailyRow extends FiguresRow {
  order_id: string;
  day: string;
  currency: CurrencyCode;
}

export interface MerchantPerformanceKey {
  merchantId: string;
  currency: CurrencyCode;
}

export interface CreatorPerformanceKey {
  creatorId: string;
  currency: CurrencyCode;
}

/**
 * Performance of orders, tasks and merchants: integer sums in PostgreSQL (one query per batch of
 * keys), the rates divided once from those exact sums (content-performance.ts).
 */
@Injectable()
export class PerformanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
  ) {}

  /** By order id (the caller has checked that the viewer may see the orders). */
  async ofOrders(orderIds: readonly string[]): Promise<Map<string, ContentPerformance>> {
    if (!orderIds.length) return new Map();
    const rows = await this.sums('o.id::text', 'o.id = ANY($1::uuid[])', [orderIds]);
    const currencies: { id: string; currency: CurrencyCode }[] = await this.dataSource.query(
      'SELECT id::text, currency FROM orders WHERE id = ANY($1::uuid[])',
      [orderIds],
    );
    return new Map(
      currencies.map(({ id, currency }) => [id, performanceOf(rows.get(id) ?? NO_SUMS, currency)]),
    );
  }

  /**
   * By order id: each order's figures day by day, oldest first (the caller has checked that the
   * viewer may see the orders). An order without figures has an empty list.
   */
  async dailyOfOrders(orderIds: readonly string[]): Promise<Map<string, DailyFigures[]>> {
    const byOrder = new Map<string, DailyFigures[]>(orderIds.map((id) => [id, []]));
    if (!orderIds.length) return byOrder;
    const rows: DailyRow[] = await this.dataSource.query(
      `SELECT m.order_id::text AS order_id, to_char(m.day, 'YYYY-MM-DD') AS day, o.currency,
              sum(m.views)::text AS views, sum(m.clicks)::text AS clicks, sum(m.favorites)::text AS favorites,
              sum(m.add_to_carts)::text AS add_to_carts, sum(m.order_count)::text AS orders,
              sum(m.gmv_minor)::text AS gmv
         FROM content_metrics m JOIN orders o ON o.id = m.order_id
        WHERE m.order_id = ANY($1::uuid[])
        GROUP BY m.order_id, m.day, o.currency
        ORDER BY m.order_id, m.day`,
      [orderIds],
    );
    for (const row of rows) {
      const { gmvMinor, ...counts } = countsOf(row);
      byOrder.get(row.order_id)?.push({ day: row.day, ...counts, gmv: Money.of(gmvMinor, row.currency) });
    }
    return byOrder;
  }

  /** For the task's merchant and admins; others get FORBIDDEN (or NOT_FOUND for a task they cannot see). */
  async ofTask(viewer: Viewer, taskId: string): Promise<ContentPerformance> {
    const task = await this.tasks.findVisible(viewer, taskId);
    if (!task) throw InsightsErrors.taskNotFound();
    if (viewer.role !== Role.ADMIN && task.merchantId !== viewer.merchantId)
      throw InsightsErrors.notYourTask();
    const rows = await this.sums('o.task_id::text', 'o.task_id = $1::uuid', [task.id]);
    return performanceOf(rows.get(task.id) ?? NO_SUMS, task.currency);
  }

  /** For the merchant themself and admins: every order of theirs in one currency. */
  assertMayReadMerchant(viewer: Viewer, merchantId: string): void {
    if (viewer.role !== Role.ADMIN && viewer.merchantId !== merchantId)
      throw InsightsErrors.notYourMerchant();
  }

  /** By `merchantId:currency` (see merchantKey). */
  async ofMerchants(keys: readonly MerchantPerformanceKey[]): Promise<Map<string, ContentPerformance>> {
    if (!keys.length) return new Map();
    const rows = await this.sums(
      `o.merchant_id::text || ':' || o.currency`,
      '(o.merchant_id, o.currency) IN (SELECT * FROM unnest($1::uuid[], $2::currency_code[]))',
      [keys.map((key) => key.merchantId), keys.map((key) => key.currency)],
    );
    return new Map(
      keys.map((key) => [
        merchantKey(key),
        performanceOf(rows.get(merchantKey(key)) ?? NO_SUMS, key.currency),
      ]),
    );
  }

  /** For the creator themself and admins: every order the creator made content for, in one currency. */
  assertMayReadCreator(viewer: Viewer, creatorId: string): void {
    if (viewer.role !== Role.ADMIN && viewer.creatorId !== creatorId) throw InsightsErrors.notYourCreator();
  }

  /** By `creatorId:currency` (see creatorKey). */
  async ofCreators(keys: readonly CreatorPerformanceKey[]): Promise<Map<string, ContentPerformance>> {
    if (!keys.length) return new Map();
    const rows = await this.sums(
      `o.creator_id::text || ':' || o.currency`,
      '(o.creator_id, o.currency) IN (SELECT * FROM unnest($1::uuid[], $2::currency_code[]))',
      [keys.map((key) => key.creatorId), keys.map((key) => key.currency)],
    );
    return new Map(
      keys.map((key) => [creatorKey(key), performanceOf(rows.get(creatorKey(key)) ?? NO_SUMS, key.currency)]),
    );
  }

  /** Admins only: every order on the platform in one currency, what was counted beside what was typed in. */
  async ofPlatform(viewer: Viewer, currency: CurrencyCode): Promise<ContentPerformance> {
    if (viewer.role !== Role.ADMIN) throw InsightsErrors.adminsOnly();
    const rows = await this.sums(`o.currency::text`, 'o.currency = $1::currency_code', [currency]);
    return performanceOf(rows.get(currency) ?? NO_SUMS, currency);
  }

  /** By creator id: their completed orders' results, verified figures first (creator-results.ts). */
  async creatorResults(creatorIds: readonly string[]): Promise<Map<string, CreatorResults>> {
    const results = new Map<string, CreatorResults>(creatorIds.map((id) => [id, NO_RESULTS]));
    if (!creatorIds.length) return results;
    const rows: CreatorResultsRow[] = await this.dataSource.query(CREATOR_RESULTS_SQL, [creatorIds]);
    for (const row of rows) results.set(row.creator_id, resultsOf(row));
    return results;
  }

  /** Integer sums of metrics and of paid prices over the orders matching `where`, grouped by `key`. */
  private async sums(key: string, where: string, params: unknown[]): Promise<Map<string, PerformanceSums>> {
    const paid = `$${params.length + 1}::order_status[]`;
    const rows: SumsRow[] = await this.dataSource.query(
      `WITH scope AS MATERIALIZED (
         SELECT o.id, ${key} AS key, o.price_minor, o.status = ANY(${paid}) AS paid FROM orders o WHERE ${where}
       ), metrics AS (
         SELECT s.key, sum(m.views) AS views, sum(m.clicks) AS clicks, sum(m.favorites) AS favorites,
                sum(m.add_to_carts) AS add_to_carts, sum(m.order_count) AS orders, sum(m.gmv_minor) AS gmv
           FROM scope s JOIN content_metrics m ON m.order_id = s.id
          GROUP BY s.key
       ), spend AS (
         SELECT key, coalesce(sum(price_minor) FILTER (WHERE paid), 0) AS spend FROM scope GROUP BY key
       ), links AS MATERIALIZED (
         SELECT s.key, l.id FROM scope s JOIN tracking_links l ON l.order_id = s.id
       ), clicks AS (
         SELECT k.key, count(*) AS clicks, count(DISTINCT (c.day, c.visitor_key)) AS visitors
           FROM links k JOIN link_clicks c ON c.link_id = k.id GROUP BY k.key
       ), sales AS (
         SELECT k.key, count(*) AS orders, sum(v.amount_minor) AS gmv
           FROM links k JOIN link_conversions v ON v.link_id = k.id GROUP BY k.key
       )
       SELECT sp.key, sp.spend::text AS spend,
              coalesce(c.clicks, 0)::text AS verified_clicks, coalesce(c.visitors, 0)::text AS verified_visitors,
              coalesce(v.orders, 0)::text AS verified_orders, coalesce(v.gmv, 0)::text AS verified_gmv,
              coalesce(m.views, 0)::text AS views, coalesce(m.clicks, 0)::text AS clicks,
              coalesce(m.favorites, 0)::text AS favorites, coalesce(m.add_to_carts, 0)::text AS add_to_carts,
              coalesce(m.orders, 0)::text AS orders, coalesce(m.gmv, 0)::text AS gmv
         FROM spend sp LEFT JOIN metrics m ON m.key = sp.key
         LEFT JOIN clicks c ON c.key = sp.key LEFT JOIN sales v ON v.key = sp.key`,
      [...params, PAID_STATUSES],
    );
    return new Map(
      rows.map((row) => [
        row.key,
        {
          ...countsOf(row),
          spendMinor: BigInt(row.spend),
          verifiedClicks: BigInt(row.verified_clicks),
          verifiedVisitors: BigInt(row.verified_visitors),
          verifiedOrders: BigInt(row.verified_orders),
          verifiedGmvMinor: BigInt(row.verified_gmv),
        },
      ]),
    );
  }
}

type ReportedSums = Pick<
  PerformanceSums,
  'views' | 'clicks' | 'favorites' | 'addToCarts' | 'orders' | 'gmvMinor'
>;

function countsOf(row: FiguresRow): ReportedSums {
  return {
    views: BigInt(row.views),
    clicks: BigInt(row.clicks),
    favorites: BigInt(row.favorites),
    addToCarts: BigInt(row.add_to_carts),
    orders: BigInt(row.orders),
    gmvMinor: BigInt(row.gmv),
  };
}

export function merchantKey(key: MerchantPerformanceKey): string {
  return `${key.merchantId}:${key.currency}`;
}

export function creatorKey(key: CreatorPerformanceKey): string {
  return `${key.creatorId}:${key.currency}`;
}
