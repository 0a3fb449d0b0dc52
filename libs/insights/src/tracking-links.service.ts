import { Injectable } from '@nestjs/common';
import { isOnLinkDomain, ProfilesService } from '@vtask/accounts';
import { Money, type CurrencyCode, type Viewer } from '@vtask/core';
import { OrdersService } from '@vtask/orders';
import { isUUID } from 'class-validator';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InsightsErrors } from './insights.errors';

export const MAX_LINKS_PER_DELIVERABLE = 20;
const TARGET_MAX_LENGTH = 2000;
const CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;
/** Anything else is not a code we made: answered 404 without a lookup. */
const CODE_SHAPE = /^[A-Za-z0-9]{10}$/;
/** Codes kept in memory; past it the longest-held one makes room (a lookup on a miss is one indexed read). */
const CODE_CACHE_MAX = 50_000;

/** A tracking link with what it counted: clicks, and the sales reported for it. */
export interface TrackingLinkView {
  id: string;
  code: string;
  targetUrl: string;
  deliverableId: string;
  orderId: string;
  createdAt: Date;
  clicks: number;
  conversions: number;
  gmv: Money;
}

/** One UTC day of a link: its clicks (by click day) and the sales reported for it (by sale day). */
export interface TrackingLinkDay {
  linkId: string;
  /** YYYY-MM-DD. */
  day: string;
  clicks: number;
  uniqueVisitors: number;
  orders: number;
  gmv: Money;
}

/** What a redirect needs of a link. */
export interface LinkTarget {
  linkId: string;
  targetUrl: string;
}

/** Tracking links (SPEC "Effect you can trust"): made by the order's merchant, to its own hosts. */
@Injectable()
export class TrackingLinksService {
  private readonly targets = new Map<string, LinkTarget>();
  /** Lookups on their way from the database: a burst of clicks on a new code reads it once. */
  private readonly lookingUp = new Map<string, Promise<LinkTarget | null>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly profiles: ProfilesService,
  ) {}

  async create(viewer: Viewer, deliverableId: string, targetUrl: string): Promise<TrackingLinkView> {
    const deliverable = isUUID(deliverableId) ? await this.orders.deliverable(deliverableId) : null;
    if (!deliverable) throw InsightsErrors.deliverableNotFound();
    const [order] = await this.orders.byIds([deliverable.orderId]);
    if (order.merchantId !== viewer.merchantId) {
      throw this.orders.canSee(viewer, order)
        ? InsightsErrors.notTheMerchant()
        : InsightsErrors.deliverableNotFound();
    }
    const [merchant] = await this.profiles.merchantsByIds([order.merchantId]);
    const target = checkedTarget(targetUrl, merchant.linkDomains);
    const id = await this.dataSource.transaction(async (manager) => {
      // One link at a time per deliverable, so the count below cannot be raced past the limit.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tracking_links:${deliverable.id}`]);
      const [{ count }] = await manager.query(
        'SELECT count(*)::int AS count FROM tracking_links WHERE deliverable_id = $1',
        [deliverable.id],
      );
      if (count >= MAX_LINKS_PER_DELIVERABLE) throw InsightsErrors.tooManyLinks(MAX_LINKS_PER_DELIVERABLE);
      const [row] = await manager.query(
        `INSERT INTO tracking_links (code, deliverable_id, order_id, merchant_id, target_url, currency)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [newCode(), deliverable.id, order.id, order.merchantId, target, order.currency],
      );
      return row.id as string;
    });
    return (await this.byIds([id]))[0];
  }

  /** Links of these deliverables, oldest first, with their counts (the caller checked visibility). */
  async byDeliverables(deliverableIds: readonly string[]): Promise<TrackingLinkView[]> {
    if (!deliverableIds.length) return [];
    return this.views('l.deliverable_id = ANY($1::uuid[])', [deliverableIds]);
  }

  async byIds(ids: readonly string[]): Promise<TrackingLinkView[]> {
    return this.views('l.id = ANY($1::uuid[])', [ids]);
  }

  /** Each link's days with any click or sale, oldest first (the caller checked visibility). */
  async dailyOf(linkIds: readonly string[]): Promise<TrackingLinkDay[]> {
    if (!linkIds.length) return [];
    const rows: {
      link_id: string;
      day: string;
      currency: CurrencyCode;
      clicks: number;
      visitors: number;
      orders: number;
      gmv: string;
    }[] = await this.dataSource.query(
      `WITH clicked AS (
         SELECT link_id, day, count(*) AS clicks, count(DISTINCT visitor_key) AS visitors
           FROM link_clicks WHERE link_id = ANY($1::uuid[]) GROUP BY link_id, day
       ), sold AS (
         SELECT link_id, (occurred_at AT TIME ZONE 'UTC')::date AS day, count(*) AS orders, sum(amount_minor) AS gmv
           FROM link_conversions WHERE link_id = ANY($1::uuid[]) GROUP BY 1, 2
       )
       SELECT l.id::text AS link_id, to_char(coalesce(c.day, s.day), 'YYYY-MM-DD') AS day, l.currency,
              coalesce(c.clicks, 0)::int AS clicks, coalesce(c.visitors, 0)::int AS visitors,
              coalesce(s.orders, 0)::int AS orders, coalesce(s.gmv, 0)::text AS gmv
         FROM clicked c FULL JOIN sold s ON s.link_id = c.link_id AND s.day = c.day
         JOIN tracking_links l ON l.id = coalesce(c.link_id, s.link_id)
        ORDER BY 1, 2`,
      [linkIds],
    );
    return rows.map((row) => ({
      linkId: row.link_id,
      day: row.day,
      clicks: row.clicks,
      uniqueVisitors: row.visitors,
      orders: row.orders,
      gmv: Money.of(BigInt(row.gmv), row.currency),
    }));
  }

  /**
   * The link behind a public code when it is in memory, without waiting: the redirect's usual case, so
   * it costs no promise. `undefined` means "not known here yet": ask `target`.
   */
  cachedTarget(code: string): LinkTarget | undefined {
    return this.targets.get(code);
  }

  /** The link behind a public code, from memory when it was seen before; null for an unknown code. */
  async target(code: string): Promise<LinkTarget | null> {
    if (!CODE_SHAPE.test(code)) return null;
    const cached = this.targets.get(code);
    if (cached) return cached;
    const pending = this.lookingUp.get(code);
    if (pending) return pending;
    const lookup = this.lookUp(code).finally(() => this.lookingUp.delete(code));
    this.lookingUp.set(code, lookup);
    return lookup;
  }

  private async lookUp(code: string): Promise<LinkTarget | null> {
    const [row] = await this.dataSource.query(
      'SELECT id::text AS link_id, target_url FROM tracking_links WHERE code = $1',
      [code],
    );
    if (!row) return null;
    // Links never change once made, so a cached target never goes stale. Unknown codes are not kept:
    // a link made on another instance a moment ago must work here at once.
    if (this.targets.size >= CODE_CACHE_MAX) this.targets.delete(this.targets.keys().next().value!);
    const found = { linkId: row.link_id, targetUrl: row.target_url };
    this.targets.set(code, found);
    return found;
  }

  private async views(where: string, params: unknown[]): Promise<TrackingLinkView[]> {
    const rows: {
      id: string;
      code: string;
      target_url: string;
      deliverable_id: string;
      order_id: string;
      created_at: Date;
      currency: CurrencyCode;
      clicks: number;
      conversions: number;
      gmv: string;
    }[] = await this.dataSource.query(
      `SELECT l.id::text, l.code, l.target_url, l.deliverable_id::text, l.order_id::text, l.created_at, l.currency,
              (SELECT count(*)::int FROM link_clicks c WHERE c.link_id = l.id) AS clicks,
              coalesce(v.conversions, 0)::int AS conversions, coalesce(v.gmv, 0)::text AS gmv
         FROM tracking_links l
         LEFT JOIN LATERAL (
           SELECT count(*) AS conversions, sum(amount_minor) AS gmv FROM link_conversions WHERE link_id = l.id
         ) v ON true
        WHERE ${where}
        ORDER BY l.created_at, l.id`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      code: row.code,
      targetUrl: row.target_url,
      deliverableId: row.deliverable_id,
      orderId: row.order_id,
      createdAt: row.created_at,
      clicks: row.clicks,
      conversions: row.conversions,
      gmv: Money.of(BigInt(row.gmv), row.currency),
    }));
  }
}

/**
 * The target as stored: https, no user name or password (`https://shop.com@evil.com` tricks the eye),
 * on one of the merchant's hosts or a subdomain of one. Anything else could make /go/ an open redirect.
 */
function checkedTarget(targetUrl: string, linkDomains: readonly string[]): string {
  if (targetUrl.length > TARGET_MAX_LENGTH) throw InsightsErrors.targetTooLong(TARGET_MAX_LENGTH);
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    throw InsightsErrors.targetNotHttps();
  }
  if (url.protocol !== 'https:' || url.username || url.password) throw InsightsErrors.targetNotHttps();
  if (!linkDomains.length) throw InsightsErrors.noLinkDomains();
  if (!isOnLinkDomain(url.hostname, linkDomains)) throw InsightsErrors.targetNotOnLinkDomain(linkDomains);
  return url.toString();
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
