import { Injectable } from '@nestjs/common';
import { CreatorsService, type CreatorEntity, type CreatorFilter } from '@vtask/accounts';
import {
  decodeCursor,
  pageSize,
  toPage,
  CursorParts,
  type CursorPart,
  type Page,
  type PageArgs,
} from '@vtask/core';
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
    const size = pageSize(page.first);
    const query = await this.creators.filtered(filter);
    const totalCount = await query.getCount();
    query
      .leftJoin('creator_match_profiles', 'mp', 'mp.creator_id = c.id')
      .addSelect(TEXT_RANK, 'text_rank')
      .addSelect(TRACK_RANK, 'track_rank');
    const after = decodeCursor(page.after, [DECIMAL, DECIMAL, CursorParts.timestamp, CursorParts.uuid]);
    if (after) {
      query.andWhere(
        `(${TEXT_RANK}, ${TRACK_RANK}, c.created_at, c.id)
           < (CAST(:afterText AS numeric), CAST(:afterTrack AS numeric), CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))`,
        { afterText: after[0], afterTrack: after[1], afterAt: after[2], afterId: after[3] },
      );
    }
    const { entities, raw } = await query
      .orderBy('text_rank', 'DESC')
      .addOrderBy('track_rank', 'DESC')
      .addOrderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(size + 1)
      .getRawAndEntities<{ c_id: string; text_rank: string; track_rank: string }>();
    const ranks = new Map(raw.map((row) => [row.c_id, row]));
    return toPage(entities, size, totalCount, (row) => [
      ranks.get(row.id)!.text_rank,
      ranks.get(row.id)!.track_rank,
      row.createdAt.toISOString(),
      row.id,
    ]);
  }
}
