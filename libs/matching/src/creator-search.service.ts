import { Injectable } from '@nestjs/common';
import {
  creatorTextMatch,
  CreatorsService,
  CreatorTier,
  TagsService,
  tiersFrom,
  type CreatorEntity,
  type CreatorFilter,
} from '@vtask/accounts';
import { anyFilterSet, listPage, type Keyset, type ListOptions } from '@vtask/database';
import {
  CurrencyCode,
  decodeCursor,
  InputErrors,
  pageSize,
  Role,
  type ContentType,
  type Money,
  type Page,
  type PageArgs,
  type Viewer,
} from '@vtask/core';
import { DataSource, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { CreatorMatchProfileEntity } from './entities';
import {
  CreatorOrder,
  PERFECT_TEXT_RANK,
  squareSort,
  TAG_RANK,
  textRankKey,
  typicalPriceColumn,
} from './creator-square.keysets';

/** The square's filters beyond the directory's own (SPEC "Finding creators"). */
export interface CreatorSquareFilter extends CreatorFilter {
  contentType?: ContentType | null;
  minFollowers?: number | null;
  maxFollowers?: number | null;
  maxTypicalPrice?: Money | null;
  minCompletedOrders?: number | null;
  minRating?: number | null;
  hasActiveOffer?: boolean | null;
}

/**
 * `creators` (找达人, the creator square): the directory's filter (accounts) joined to each creator's
 * match profile, which carries the track record, prices, content types and the indexed sort keys, so
 * every filter and sort reads one narrow row per candidate. Merchants see big-V creators unless they
 * ask for a lower tier.
 */
@Injectable()
export class CreatorSearchService {
  constructor(
    private readonly creators: CreatorsService,
    private readonly tags: TagsService,
    private readonly dataSource: DataSource,
  ) {}

  /** Profiles by creator id: the price range and the figures a card shows. */
  async profilesOf(creatorIds: readonly string[]): Promise<CreatorMatchProfileEntity[]> {
    if (!creatorIds.length) return [];
    return this.dataSource
      .getRepository(CreatorMatchProfileEntity)
      .findBy({ creatorId: In([...creatorIds]) });
  }

  async search(
    viewer: Viewer | null,
    filter: CreatorSquareFilter,
    page: PageArgs,
    order: CreatorOrder = CreatorOrder.RELEVANCE,
  ): Promise<Page<CreatorEntity>> {
    checkRanges(filter);
    const {
      contentType,
      minFollowers,
      maxFollowers,
      maxTypicalPrice,
      minCompletedOrders,
      minRating,
      hasActiveOffer,
      ...directory
    } = filter;
    const profile = {
      contentType,
      minFollowers,
      maxFollowers,
      maxTypicalPrice,
      minCompletedOrders,
      minRating,
      hasActiveOffer,
    };
    if (!directory.minTier && viewer?.role === Role.MERCHANT) directory.minTier = CreatorTier.CREATOR;
    const asked = [...new Set(directory.domainTags ?? [])];
    const tags = asked.length ? await this.tags.expand(asked) : [];
    const tagRanksKept =
      order === CreatorOrder.RELEVANCE && tags.length > 0 && (await this.addsUp(asked, tags));
    const text = directory.search?.trim() || null;
    // With kept ranks, their rows are the tag and tier filters (a row per matching tag, the tier
    // copied): the same test again on the creator would only make the planner expect fewer of them.
    // With a text search, the tier is tested on the match profile (the same tier, kept by the
    // profile's trigger): on the creator, the planner would rather read the big-V half of the directory
    // through the tier index and test the text on each than OR the text's indexes.
    const tierOnProfile = !tagRanksKept && Boolean(text) && Boolean(directory.minTier);
    const query = await this.creators.filtered(
      tagRanksKept
        ? { ...directory, domainTags: null, minTier: null }
        : tierOnProfile
          ? { ...directory, minTier: null }
          : directory,
    );
    query.innerJoin('creator_match_profiles', 'mp', 'mp.creator_id = c.id');
    if (tierOnProfile) {
      query.andWhere('mp.tier IN (:...profileTiers)', { profileTiers: tiersFrom(directory.minTier!) });
    }
    whereProfile(query, profile);
    if (tagRanksKept) joinTagRanks(query, asked, directory.minTier);
    // Several tags with kept ranks and no other filter: the ranks' rows are grouped per creator for the
    // order anyway, and their number is the total (a window count in the same statement), where a count
    // would read the match profiles again (46 of the directory bench's 93 pages: a scan of 40 ms each).
    const totalInRanks =
      tagRanksKept &&
      asked.length > 1 &&
      !anyFilterSet(profile) &&
      !anyFilterSet({ ...directory, domainTags: null, minTier: null });
    if (totalInRanks) query.addSelect('tr.total', TAG_RANKS_TOTAL);
    const sort = squareSort(order, {
      textRank: text ? creatorTextMatch(text, 'c').rank : null,
      tags: tags.length > 0,
      tagRanksKept,
      priceCurrency: maxTypicalPrice?.currency ?? CurrencyCode.CNY,
    });
    if (sort.selects.some((select) => select.sql.includes(TAG_RANK))) {
      query.setParameter('relevanceTags', tags);
    }
    for (const select of sort.selects) query.addSelect(select.sql, select.alias);
    const onlyDirectoryFilters = !anyFilterSet(profile);
    const countFrom = await this.countQuery(tags, directory, profile);
    const options: ListOptions = totalInRanks
      ? { totalInRow: TAG_RANKS_TOTAL, countFrom }
      : {
          exactCount: () =>
            onlyDirectoryFilters ? this.creators.directoryCount(directory) : Promise.resolve(null),
          countFrom,
        };
    if (text && order === CreatorOrder.RELEVANCE && !tags.length) {
      const perfect = await this.perfectMatchesPage(query, text, page, sort.keyset, options);
      if (perfect) return perfect;
    }
    return listPage(query, page, sort.keyset, options);
  }

  /**
   * A RELEVANCE page of a text search (without tags) when it lies among the perfect matches: those whose
   * rank rounds to 1.0000 (the text is their handle or display name, or a word of their bio). No creator
   * ranks above them and among themselves they follow the track record, so walking the matches in
   * track-record order and ranking each until a page and one more are perfect gives exactly the page the
   * full ranking would, without ranking the rest (a word in 7,000 bios: ~20 rows ranked instead of 7,000).
   * The walk looks at no more than PERFECT_WALK pages of matches: so bounded, the planner walks the
   * track-record index and stops, where an open walk had it collect, join and sort every match first.
   * Null when the walk finds fewer (the page reaches past the perfect matches, or they are sparse among
   * the first matches) or the cursor is past them: the page then needs every match ranked.
   */
  private async perfectMatchesPage(
    query: SelectQueryBuilder<CreatorEntity>,
    text: string,
    page: PageArgs,
    keyset: Keyset<CreatorEntity>,
    options: ListOptions,
  ): Promise<Page<CreatorEntity> | null> {
    const after = decodeCursor(
      page.after,
      keyset.columns.map((column) => column.cursor),
    );
    if (after && after[0] !== PERFECT_TEXT_RANK) return null;
    const walk = query
      .clone()
      .select('c.id', 'id')
      .addSelect('c.handle', 'handle')
      .addSelect('c.bio', 'bio')
      .addSelect('c.user_id', 'user_id')
      .orderBy('mp.track_score', 'DESC')
      .addOrderBy('mp.creator_id', 'DESC');
    if (after) {
      walk.andWhere(
        '(mp.track_score, mp.creator_id) < (CAST(:perfectAfterTrack AS numeric), CAST(:perfectAfterId AS uuid))',
        { perfectAfterTrack: after[1], perfectAfterId: after[2] },
      );
    }
    // The walk's own LIMIT also keeps the rank test above its order: pushed into it, it would rank
    // every match.
    const rank = textRankKey(creatorTextMatch(text, 'w').rank);
    const wanted = pageSize(page.first) + 1;
    const perfect = query.clone().andWhere(
      `c.id IN (SELECT w.id FROM (${walk.getQuery()} LIMIT ${wanted * PERFECT_WALK}) w
                   WHERE ${rank} = ${PERFECT_TEXT_RANK} LIMIT ${wanted})`,
      walk.getParameters(),
    );
    const result = await listPage(perfect, page, keyset, options);
    return result.hasNextPage ? result : null;
  }

  /**
   * Whether the asked tags' ranks in creator_tag_ranks add up to the rank of all of them: true unless
   * one asked tag is the parent of another (their expansions overlap, so a shared tag counts twice).
   */
  private async addsUp(asked: readonly string[], expanded: readonly string[]): Promise<boolean> {
    if (asked.length === 1) return true;
    const each = await Promise.all(asked.map((tag) => this.tags.expand([tag])));
    return each.reduce((sum, tags) => sum + tags.length, 0) === expanded.length;
  }

  /**
   * The same creators as the list, from less: every filter but an agency and a text search is on the
   * match profile too, so those are counted there alone; a text search is counted without ranking it
   * (its rank is an expression the count never selects).
   */
  private async countQuery(
    tags: readonly string[],
    directory: CreatorFilter,
    profile: ProfileFilter,
  ): Promise<SelectQueryBuilder<ObjectLiteral>> {
    if (directory.agencyId || directory.search?.trim()) {
      const creators = await this.creators.filtered(directory, { counting: true });
      if (anyFilterSet(profile)) {
        creators.innerJoin('creator_match_profiles', 'mp', 'mp.creator_id = c.id');
        whereProfile(creators, profile);
      }
      return creators;
    }
    const query = this.dataSource.getRepository(CreatorMatchProfileEntity).createQueryBuilder('mp');
    if (tags.length) query.andWhere('mp.domain_tags && :tags', { tags });
    if (directory.minTier) {
      query.andWhere('mp.tier IN (:...tiers)', { tiers: tiersFrom(directory.minTier) });
    }
    if (directory.channel) query.andWhere(':channel = ANY(mp.channels)', { channel: directory.channel });
    whereProfile(query, profile);
    return query;
  }
}

type ProfileFilter = Omit<CreatorSquareFilter, keyof CreatorFilter>;

/** How many pages of matches (in track-record order) the perfect-match walk looks at, at most. */
const PERFECT_WALK = 4;

/** The select alias of the several-tag total counted over the kept ranks (joinTagRanks). */
const TAG_RANKS_TOTAL = 'tag_ranks_total';

/** The square's own filters, on the match profile joined as `mp`. */
function whereProfile<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, filter: ProfileFilter): void {
  const { contentType, minFollowers, maxFollowers, maxTypicalPrice, minCompletedOrders, minRating } = filter;
  if (contentType) query.andWhere(':contentType = ANY(mp.content_types)', { contentType });
  if (minFollowers != null) query.andWhere('mp.follower_count >= :minFollowers', { minFollowers });
  if (maxFollowers != null) query.andWhere('mp.follower_count <= :maxFollowers', { maxFollowers });
  if (maxTypicalPrice) {
    query.andWhere(`${typicalPriceColumn(maxTypicalPrice.currency)} <= :maxTypical`, {
      maxTypical: maxTypicalPrice.minor.toString(),
    });
  }
  if (minCompletedOrders != null) {
    query.andWhere('mp.completed_orders >= :minCompleted', { minCompleted: minCompletedOrders });
  }
  if (minRating != null) {
    query.andWhere('mp.rating_count > 0 AND mp.rating_average >= :minRating', { minRating });
  }
  if (filter.hasActiveOffer === true) query.andWhere('mp.active_offers > 0');
  if (filter.hasActiveOffer === false) query.andWhere('mp.active_offers = 0');
}

/**
 * Joins each candidate's kept tag rank as `tr` (migration CreatorTagRanks). One asked tag: its rows,
 * read in the index's order, so the first page stops after first + 1 candidates. Several: the sum of
 * their ranks (their expansions do not overlap, see addsUp), computed over the rank rows alone and
 * sorted in the page's order there, so the planner joins creators to the first rows only, not to all.
 */
function joinTagRanks<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  asked: readonly string[],
  minTier: CreatorTier | null | undefined,
): void {
  const tiers = minTier ? tiersFrom(minTier) : null;
  if (asked.length === 1) {
    query.innerJoin('creator_tag_ranks', 'tr', 'tr.creator_id = c.id AND tr.tag = :rankTag', {
      rankTag: asked[0],
    });
    // The tier on the rank rows: the index holds it, so skipped tiers cost no table read.
    if (tiers) query.andWhere('tr.tier IN (:...rankTiers)', { rankTiers: tiers });
    return;
  }
  query.innerJoin(
    `(SELECT creator_id, sum(tag_rank) AS tag_rank, max(track_score) AS track_score,
             count(*) OVER () AS total
        FROM creator_tag_ranks
       WHERE tag IN (:...rankTags) ${tiers ? 'AND tier IN (:...rankTiers)' : ''}
       GROUP BY creator_id
       ORDER BY 2 DESC, 3 DESC, 1 DESC)`,
    'tr',
    'tr.creator_id = c.id',
    { rankTags: asked, ...(tiers ? { rankTiers: tiers } : {}) },
  );
}

function checkRanges(filter: CreatorSquareFilter): void {
  for (const field of ['minFollowers', 'maxFollowers', 'minCompletedOrders'] as const) {
    const value = filter[field];
    if (value != null && value < 0) throw InputErrors.negative(field);
  }
  if (filter.minRating != null && !(filter.minRating >= 0 && filter.minRating <= 5)) {
    throw InputErrors.outOfRange('minRating', 0, 5);
  }
  if (filter.maxTypicalPrice && !filter.maxTypicalPrice.isPositive()) {
    throw InputErrors.notPositive('maxTypicalPrice.amount');
  }
}
