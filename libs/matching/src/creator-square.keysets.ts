import type { CreatorEntity } from '@vtask/accounts';
import { CurrencyCode, CursorParts, type CursorPart } from '@vtask/core';
import type { Keyset, KeysetColumn } from '@vtask/database';

/** The square's sorts (contract CreatorOrder); RELEVANCE is the default. */
export enum CreatorOrder {
  RELEVANCE = 'RELEVANCE',
  FOLLOWERS = 'FOLLOWERS',
  RATING = 'RATING',
  COMPLETED_ORDERS = 'COMPLETED_ORDERS',
  PRICE_LOW = 'PRICE_LOW',
  NEWEST = 'NEWEST',
}

/** A rank in a cursor: the decimal text PostgreSQL gave (numeric, so it compares exactly). */
const DECIMAL: CursorPart = (value) => typeof value === 'string' && /^\d{1,3}(\.\d{1,12})?$/.test(value);
/** A count or a price in minor units, as the digits PostgreSQL gave (bigint does not fit a JS number). */
const DIGITS: CursorPart = (value) => typeof value === 'string' && /^\d{1,19}$/.test(value);

/** How closely the text matches (accounts' creatorTextMatch rank, with pg_trgm), to 4 decimals. */
export const textRankKey = (rank: string) => `round((${rank})::numeric, 4)`;
/** The best text rank there is, as the key above writes it: a field that is the text, or has it as a word. */
export const PERFECT_TEXT_RANK = '1.0000';
/**
 * How many of the creator's tags the asked tags (parents expanded to children) cover, computed per
 * candidate: for asked tags whose expansions overlap, which creator_tag_ranks cannot add up.
 */
export const TAG_RANK =
  'cardinality(ARRAY(SELECT unnest(c.domain_tags) INTERSECT SELECT unnest(CAST(:relevanceTags AS varchar[]))))';
/**
 * The same rank and the track record as kept per (creator, tag) in creator_tag_ranks (migration
 * CreatorTagRanks), joined as `tr`: one index in this order serves the first page.
 */
export const KEPT_TAG_RANK = 'tr.tag_rank';
const KEPT_TRACK_RANK = 'tr.track_score';
/** No price sorts after every price: the largest bigint. */
const NO_PRICE = '9223372036854775807';

/** The typical-price column of a currency (stored generated columns, one per currency). */
export function typicalPriceColumn(currency: CurrencyCode): string {
  return currency === CurrencyCode.USD ? 'mp.typical_usd_minor' : 'mp.typical_cny_minor';
}

const ID: KeysetColumn = { sql: 'mp.creator_id', cursor: CursorParts.uuid, cast: 'uuid' };

function selected(
  alias: string,
  sql: string,
  cursor: CursorPart,
  cast: string,
): KeysetColumn & { alias: string } {
  return { sql, cursor, cast, alias };
}

export interface SquareSort {
  keyset: Keyset<CreatorEntity>;
  /** Expressions the keys come from, selected under these aliases so the cursor can be written. */
  selects: { sql: string; alias: string }[];
}

/**
 * Each sort as a keyset over the match profile's indexed columns with the id last, so equal keys
 * (many creators with no orders yet) still page without loss or repeat. RELEVANCE ranks the text
 * match (with a search), then the tag match (with tags), then the track record.
 */
export function squareSort(
  order: CreatorOrder,
  context: {
    /** The text search's rank (creatorTextMatch), or null without a search. */
    textRank: string | null;
    tags: boolean;
    /** The tag rank comes from creator_tag_ranks, joined as `tr`. */
    tagRanksKept: boolean;
    priceCurrency: CurrencyCode;
  },
): SquareSort {
  if (order === CreatorOrder.NEWEST) {
    return {
      selects: [],
      keyset: {
        direction: 'DESC',
        columns: [
          { sql: 'c.created_at', cursor: CursorParts.timestamp, cast: 'timestamptz' },
          { sql: 'c.id', cursor: CursorParts.uuid, cast: 'uuid' },
        ],
        key: (row) => [row.createdAt.toISOString(), row.id],
      },
    };
  }
  const keys: (KeysetColumn & { alias: string })[] = [];
  let direction: 'ASC' | 'DESC' = 'DESC';
  switch (order) {
    case CreatorOrder.FOLLOWERS:
      keys.push(selected('sort_followers', 'mp.follower_count::bigint', DIGITS, 'bigint'));
      break;
    case CreatorOrder.RATING:
      keys.push(selected('sort_rating', 'mp.rating_average', DECIMAL, 'numeric'));
      break;
    case CreatorOrder.COMPLETED_ORDERS:
      keys.push(selected('sort_completed', 'mp.completed_orders::bigint', DIGITS, 'bigint'));
      break;
    case CreatorOrder.PRICE_LOW:
      direction = 'ASC';
      keys.push(
        selected(
          'sort_price',
          `coalesce(${typicalPriceColumn(context.priceCurrency)}, ${NO_PRICE})`,
          DIGITS,
          'bigint',
        ),
      );
      break;
    default:
      if (context.textRank) {
        keys.push(selected('text_rank', textRankKey(context.textRank), DECIMAL, 'numeric'));
      }
      if (context.tags && context.tagRanksKept) {
        keys.push(selected('tag_rank', KEPT_TAG_RANK, DIGITS, 'bigint'));
        keys.push(selected('track_rank', KEPT_TRACK_RANK, DECIMAL, 'numeric'));
      } else {
        if (context.tags) keys.push(selected('tag_rank', `${TAG_RANK}::bigint`, DIGITS, 'bigint'));
        keys.push(selected('track_rank', 'mp.track_score', DECIMAL, 'numeric'));
      }
  }
  return {
    selects: keys.map(({ sql, alias }) => ({ sql, alias })),
    keyset: {
      direction,
      columns: [...keys.map(({ sql, cursor, cast }) => ({ sql, cursor, cast })), ID],
      needsRaw: true,
      key: (row, raw) => [...keys.map((key) => String(raw[key.alias])), row.id],
    },
  };
}
