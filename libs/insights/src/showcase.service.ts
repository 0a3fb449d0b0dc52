import { Injectable } from '@nestjs/common';
import { TagsService } from '@vtask/accounts';
import type { ContentType, Locale, ReaderText } from '@vtask/core';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { exactRatio } from './exact-ratio';

export const SHOWCASE_DEFAULT_FIRST = 20;
export const SHOWCASE_MAX_FIRST = 100;
const MAX_INTERESTS = 20;
/**
 * How long one read of a venue's lineup serves every shopper's ordering: each shopper (interests, new or
 * not) is a different public-cache answer, and without it each of them ran the same lineup query.
 */
const LINEUP_REUSE_MS = 1000;
/** Venues whose lineup is held (any id can be asked for): past it the longest-held one makes room. */
const LINEUPS_MAX = 500;

/** Who looks at the showcase: nothing about them is stored, it only orders the entries. */
export interface ShopperContext {
  /** Domain tag slugs the shopper picked. */
  interests?: readonly string[] | null;
  /** A shopper who never bought from the venue's shops. */
  newCustomer?: boolean | null;
}

/** One entry as a shopper sees it: public content and names only. */
export interface ShowcaseEntry {
  position: number;
  title: string;
  contentType: ContentType;
  mediaUrls: string[];
  creatorId: string;
  shopName: string;
  /** The code of the deliverable's first tracking link (the caller makes it a URL). */
  linkCode: string | null;
  reasons: ReaderText[];
}

interface EntryRow {
  lineup_position: number;
  title: string;
  content_type: ContentType;
  media_urls: string[];
  creator_id: string;
  shop_name: string;
  tags: string[];
  link_code: string | null;
  clicks: string;
  orders: string;
}

/**
 * The shopper side of 千人千面 (SPEC "Effect you can trust"): a LIVE venue's published lineup, ordered for
 * one shopper. A read model over venues, their lineups, the content and its parties (see
 * tools/lint/read-models.mjs), and over this library's own tracking links and their verified figures.
 */
@Injectable()
export class ShowcaseService {
  /** By venue id: its lineup rows, read at most LINEUP_REUSE_MS ago (or being read now). */
  private readonly lineups = new Map<string, { readAt: number; rows: Promise<EntryRow[]> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly tags: TagsService,
  ) {}

  /** Empty for a venue that is not LIVE with a published lineup (or does not exist): nothing to show yet. */
  async showcase(venueId: string, shopper: ShopperContext, first: number | null): Promise<ShowcaseEntry[]> {
    if (!isUUID(venueId)) return [];
    const limit = Math.min(Math.max(first ?? SHOWCASE_DEFAULT_FIRST, 0), SHOWCASE_MAX_FIRST);
    const rows = await this.lineup(venueId);
    if (!rows.length) return [];
    const interests = [...new Set((shopper.interests ?? []).slice(0, MAX_INTERESTS))];
    const tree = await this.tagTree(
      rows.flatMap((row) => row.tags),
      interests,
    );
    const ranked = rows.map((row) => {
      const matched = interests.filter((interest) => row.tags.some((tag) => tree.covers(interest, tag)));
      const conversion = exactRatio(BigInt(row.orders), BigInt(row.clicks));
      return { row, matched, conversion };
    });
    const newCustomer = shopper.newCustomer === true;
    ranked.sort(
      (a, b) =>
        b.matched.length - a.matched.length ||
        (newCustomer ? (b.conversion ?? -1) - (a.conversion ?? -1) : 0) ||
        a.row.lineup_position - b.row.lineup_position,
    );
    return ranked.slice(0, limit).map(({ row, matched, conversion }, index) => ({
      position: index + 1,
      title: row.title,
      contentType: row.content_type,
      mediaUrls: row.media_urls,
      creatorId: row.creator_id,
      shopName: row.shop_name,
      linkCode: row.link_code,
      reasons: reasonsFor(matched, newCustomer ? conversion : null, row.lineup_position, tree.name),
    }));
  }

  /**
   * A LIVE venue's published lineup with each entry's tags, link and verified figures; empty otherwise.
   * Shared by the shoppers who ask within LINEUP_REUSE_MS, and by those who ask while it is being read.
   */
  private lineup(venueId: string): Promise<EntryRow[]> {
    const now = Date.now();
    const held = this.lineups.get(venueId);
    if (held && now - held.readAt < LINEUP_REUSE_MS) return held.rows;
    if (held) this.lineups.delete(venueId);
    else if (this.lineups.size >= LINEUPS_MAX) this.lineups.delete(this.lineups.keys().next().value!);
    const rows = this.readLineup(venueId);
    this.lineups.set(venueId, { readAt: now, rows });
    // A failed read is not kept: the next shopper tries again.
    rows.catch(() => {
      if (this.lineups.get(venueId)?.rows === rows) this.lineups.delete(venueId);
    });
    return rows;
  }

  private readLineup(venueId: string): Promise<EntryRow[]> {
    return this.dataSource.query(
      `SELECT s.lineup_position, d.title, o.content_type, d.media_urls, o.creator_id::text, m.shop_name,
              coalesce(t.domain_tags, f.domain_tags, c.domain_tags, '{}') AS tags,
              (SELECT l.code FROM tracking_links l WHERE l.deliverable_id = d.id ORDER BY l.created_at, l.id LIMIT 1)
                AS link_code,
              (SELECT count(*) FROM tracking_links l JOIN link_clicks k ON k.link_id = l.id
                WHERE l.deliverable_id = d.id)::text AS clicks,
              (SELECT count(*) FROM tracking_links l JOIN link_conversions v ON v.link_id = l.id
                WHERE l.deliverable_id = d.id)::text AS orders
         FROM venues vn
         JOIN venue_submissions s ON s.venue_id = vn.id AND s.lineup_position IS NOT NULL
         JOIN deliverables d ON d.id = s.deliverable_id
         JOIN orders o ON o.id = s.order_id
         JOIN merchants m ON m.id = o.merchant_id
         JOIN creators c ON c.id = o.creator_id
         LEFT JOIN tasks t ON t.id = o.task_id
         LEFT JOIN offers f ON f.id = o.offer_id
        WHERE vn.id = $1 AND vn.lineup_published_at IS NOT NULL
          AND statement_timestamp() >= vn.go_live_at AND statement_timestamp() < vn.ends_at
        ORDER BY s.lineup_position`,
      [venueId],
    );
  }

  /** Parents count: an interest in "beauty" covers content tagged "skincare" under it. */
  private async tagTree(contentTags: string[], interests: string[]) {
    const slugs = [...new Set([...contentTags, ...interests])];
    const tags = slugs.length ? await this.tags.bySlugs(slugs) : [];
    const parents = new Map(tags.map((tag) => [tag.slug, tag.parentSlug]));
    const names = new Map(tags.map((tag) => [tag.slug, { en: tag.nameEn, 'zh-CN': tag.nameZh }]));
    return {
      covers: (interest: string, tag: string) => tag === interest || parents.get(tag) === interest,
      name: (slug: string, locale: Locale) => names.get(slug)?.[locale] ?? slug,
    };
  }
}

function reasonsFor(
  matched: string[],
  conversion: number | null,
  lineupPosition: number,
  name: (slug: string, locale: Locale) => string,
): ReaderText[] {
  const reasons: ReaderText[] = [];
  if (matched.length) {
    reasons.push((reader) =>
      reader.locale === 'en'
        ? `Matches your interests: ${matched.map((slug) => name(slug, 'en')).join(', ')}`
        : `符合你的兴趣：${matched.map((slug) => name(slug, 'zh-CN')).join('、')}`,
    );
  }
  if (conversion !== null) {
    const percent = (conversion * 100).toFixed(1);
    reasons.push((reader) =>
      reader.locale === 'en'
        ? `New customers buy here: ${percent}% of counted clicks became orders`
        : `新客优选：平台实测 ${percent}% 的点击带来了订单`,
    );
  }
  reasons.push((reader) =>
    reader.locale === 'en'
      ? `Place ${lineupPosition} in the venue's lineup`
      : `会场排期第 ${lineupPosition} 位`,
  );
  return reasons;
}
