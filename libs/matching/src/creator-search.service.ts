import { Injectable } from '@nestjs/common';
import {
  CreatorsService,
  CreatorTier,
  TagsService,
  tiersFrom,
  type CreatorEntity,
  type CreatorFilter,
} from '@vtask/accounts';
import { anyFilterSet, listPage } from '@vtask/database';
import {
  CurrencyCode,
  InputErrors,
  Role,
  type ContentType,
  type Money,
  type Page,
  type PageArgs,
  type Viewer,
} from '@vtask/core';
import { DataSource, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { CreatorMatchProfileEntity } from './entities';
import { CreatorOrder, squareSort, TAG_RANK, typicalPriceColumn } from './creator-square.keysets';

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
    // With kept ranks, their rows are the tag and tier filters (a row per matching tag, the tier
    // copied): the same test again on the creator would only make the planner expect fewer of them.
    const query = await this.creators.filtered(
      tagRanksKept ? { ...directory, domainTags: null, minTier: null } : directory,
    );
    query.innerJoin('creator_match_profiles', 'mp', 'mp.creator_id = c.id');
    whereProfile(query, profile);
    if (tagRanksKept) joinTagRanks(query, asked, directory.minTier);
    const sort = squareSort(order, {
      search: Boolean(directory.search?.trim()),
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
    return listPage(query, page, sort.keyset, {
      exactCount: () =>
        onlyDirectoryFilters ? this.creators.directoryCount(directory) : Promise.resolve(null),
      countFrom,
    });
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
   * match profile too, so those are counted there alone; a text search is counted without ranking it.
   */
  private async countQuery(
    tags: readonly string[],
    directory: CreatorFilter,
    profile: ProfileFilter,
  ): Promise<SelectQueryBuilder<ObjectLiteral>> {
    if (directory.agencyId || directory.search?.trim()) {
      const creators = await this.creators.filtered(directory, { rankText: false });
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
    `(SELECT creator_id, sum(tag_rank) AS tag_rank, max(track_score) AS track_score
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
