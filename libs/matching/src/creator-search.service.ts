import { Injectable } from '@nestjs/common';
import { CreatorsService, type CreatorEntity, type CreatorFilter } from '@vtask/accounts';
import { CursorParts, type CursorPart, type Page, type PageArgs } from '@vtask/core';
import { listPage, type Keyset } from '@vtask/database';
import { trackPartSql } from './match-score.sql';

/** A rank in a cursor: the decimal text PostgreSQL gave (numeric, so it compares exactly). */
const DECIMAL: CursorPart = (value) => typeof value === 'string' && /^\d{1,3}(\.\d{1,12})?$/.test(value);

/** How closely the text matches (accounts' filter computes it with pg_trgm), to 4 decimals. */
const TEXT_RANK = 'round(text_match.rank::numeric, 4)';
const TRACK_RANK = `round(${trackPartSql({
  completed: 'mp.completed_orders',
  onTime: 'mp.on_time_orders',
  ratingCount: 'mp.rating_count',
  ratingSum: 'mp.rating_sum',
})}::numeric, 6)`;

/** Best text match first, then the better track record, then newest: each a column of the cursor. */
const BEST_MATCH_FIRST: Keyset<CreatorEntity> = {
  direction: 'DESC',
  columns: [
    { sql: TEXT_RANK, cursor: DECIMAL, cast: 'numeric' },
    { sql: TRACK_RANK, cursor: DECIMAL, cast: 'numeric' },
    { sql: 'c.created_at', cursor: CursorParts.timestamp, cast: 'timestamptz' },
    { sql: 'c.id', cursor: CursorParts.uuid, cast: 'uuid' },
  ],
  needsRaw: true,
  key: (row, raw) => [raw.text_rank, raw.track_rank, row.createdAt.toISOString(), row.id],
};

/**
 * `creators(filter: { search })`: the same filter as the plain list (accounts), ranked by how well the
 * text matches and then by the same track record that matching uses; newest first among equals.
 */
@Injectable()
export class CreatorSearchService {
  constructor(private readonly creators: CreatorsService) {}

  async search(filter: CreatorFilter, page: PageArgs): Promise<Page<CreatorEntity>> {
    const text = filter.search?.trim();
    if (!text) return this.creators.search(filter, page);
    const query = await this.creators.filtered(filter);
    query
      .leftJoin('creator_match_profiles', 'mp', 'mp.creator_id = c.id')
      .addSelect(TEXT_RANK, 'text_rank')
      .addSelect(TRACK_RANK, 'track_rank');
    return listPage(query, page, BEST_MATCH_FIRST);
  }
}
