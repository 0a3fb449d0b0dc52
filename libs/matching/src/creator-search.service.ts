import { Injectable } from '@nestjs/common';
import {
  CreatorsService,
  CreatorTier,
  TagsService,
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
import { DataSource, In } from 'typeorm';
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
    if (!directory.minTier && viewer?.role === Role.MERCHANT) directory.minTier = CreatorTier.CREATOR;
    const query = await this.creators.filtered(directory);
    query.innerJoin('creator_match_profiles', 'mp', 'mp.creator_id = c.id');
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
    if (hasActiveOffer === true) query.andWhere('mp.active_offers > 0');
    if (hasActiveOffer === false) query.andWhere('mp.active_offers = 0');

    const tags = directory.domainTags?.length ? await this.tags.expand(directory.domainTags) : [];
    const sort = squareSort(order, {
      search: Boolean(directory.search?.trim()),
      tags: tags.length > 0,
      priceCurrency: maxTypicalPrice?.currency ?? CurrencyCode.CNY,
    });
    if (sort.selects.some((select) => select.sql.includes(TAG_RANK))) {
      query.setParameter('relevanceTags', tags);
    }
    for (const select of sort.selects) query.addSelect(select.sql, select.alias);
    const onlyDirectoryFilters = !anyFilterSet({
      contentType,
      minFollowers,
      maxFollowers,
      maxTypicalPrice,
      minCompletedOrders,
      minRating,
      hasActiveOffer,
    });
    return listPage(query, page, sort.keyset, {
      exactCount: () =>
        onlyDirectoryFilters ? this.creators.directoryCount(directory) : Promise.resolve(null),
    });
  }
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
