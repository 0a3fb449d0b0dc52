import { Injectable } from '@nestjs/common';
import { InputErrors, type Page, type PageArgs, type Viewer } from '@vtask/core';
import { anyFilterSet, listPage, newestFirst, textContains } from '@vtask/database';
import { isUUID } from 'class-validator';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { AccountsErrors } from './accounts.errors';
import { Channel } from './channel';
import { CreatorTier, tiersFrom } from './creator-tier';
import { CreatorTierChangeEntity } from './entities/creator-tier-change.entity';
import { CreatorEntity } from './entities/creator.entity';
import type { UpdateCreatorProfileCommand } from './sign-up.command';
import { TagsService } from './tags.service';

export interface CreatorFilter {
  domainTags?: string[] | null;
  minTier?: CreatorTier | null;
  channel?: Channel | null;
  agencyId?: string | null;
  search?: string | null;
}

export const MAX_TIER_REASON_LENGTH = 500;

/** Creator profiles, search and tiers. */
@Injectable()
export class CreatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tags: TagsService,
  ) {}

  async findById(id: string): Promise<CreatorEntity> {
    const creator = await this.dataSource.getRepository(CreatorEntity).findOneBy({ id });
    if (!creator) throw AccountsErrors.creatorNotFound();
    return creator;
  }

  async findByIds(ids: readonly string[]): Promise<CreatorEntity[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(CreatorEntity).findBy({ id: In([...ids]) });
  }

  /**
   * As findByIds, each with its user in the same statement: a list that shows creators shows their names
   * (the user's displayName), which would otherwise cost a second query.
   */
  async findByIdsWithUsers(ids: readonly string[]): Promise<CreatorEntity[]> {
    if (!ids.length) return [];
    return this.dataSource
      .getRepository(CreatorEntity)
      .find({ where: { id: In([...ids]) }, relations: { user: true } });
  }

  async findByAgency(agencyIds: readonly string[]): Promise<CreatorEntity[]> {
    if (!agencyIds.length) return [];
    return this.dataSource
      .getRepository(CreatorEntity)
      .find({ where: { agencyId: In([...agencyIds]) }, order: { createdAt: 'ASC' } });
  }

  /** Newest first, with cursor pagination; `domainTags` parents match their children. */
  async search(filter: CreatorFilter, page: PageArgs): Promise<Page<CreatorEntity>> {
    const query = await this.filtered(filter);
    return listPage(query, page, newestFirst<CreatorEntity>('c'), {
      exactCount: () => this.directoryCount(filter),
    });
  }

  /**
   * The directory's total from the counters the database keeps (migration CreatorDirectoryCounters):
   * exact and one indexed read for what merchants ask most, creators by at most one tag and a least
   * tier. Null for any other filter, which the list builder then counts (capped).
   */
  async directoryCount(filter: CreatorFilter): Promise<number | null> {
    const { domainTags, minTier, ...others } = filter;
    if (anyFilterSet(others) || (domainTags?.length ?? 0) > 1) return null;
    const tiers = minTier ? tiersFrom(minTier) : Object.values(CreatorTier);
    const [row] = (await this.dataSource.query(
      `SELECT coalesce(sum(n), 0)::int AS n FROM creator_directory_counters WHERE tag = $1 AND tier = ANY($2)`,
      [domainTags?.[0] ?? '', tiers],
    )) as { n: number }[];
    return row.n;
  }

  /**
   * Creators (alias `c`) matching the filter, unordered: the list above, and the matching lib's
   * relevance ranking of a text search, share it. With `search`, `text_match.rank` (0-1) says how
   * closely the creator's best field matches the text, unless `rankText` is false (a count, which needs
   * only which creators match: it is then 0, and no similarity is computed).
   */
  async filtered(
    filter: CreatorFilter,
    { rankText = true }: { rankText?: boolean } = {},
  ): Promise<SelectQueryBuilder<CreatorEntity>> {
    const query = this.dataSource.getRepository(CreatorEntity).createQueryBuilder('c');
    if (filter.domainTags?.length) {
      query.andWhere('c.domain_tags && :tags', { tags: await this.tags.expand(filter.domainTags) });
    }
    if (filter.minTier) query.andWhere('c.tier IN (:...tiers)', { tiers: tiersFrom(filter.minTier) });
    if (filter.channel) query.andWhere(':channel = ANY(c.channels)', { channel: filter.channel });
    if (filter.agencyId) {
      // A malformed id would reach PostgreSQL as an invalid uuid and fail as an internal error.
      if (!isUUID(filter.agencyId)) throw AccountsErrors.notAnAgencyId();
      query.andWhere('c.agency_id = :agencyId', { agencyId: filter.agencyId });
    }
    const text = filter.search?.trim();
    if (text) {
      // One branch per field, so each field's index serves its match: the trigram indexes (migration
      // Matching) for ILIKE '%...%', the CJK gram indexes (migration ChineseTagsAndSearch) for Chinese.
      // Each match carries how close that field is to the text, and a creator's rank is their closest
      // field. Trigram similarity sees nothing in Chinese, whose words are shorter than a trigram: there
      // the closeness is the share of the field the text covers, so an exact handle still comes first.
      const handle = textContains('s.handle', text);
      const bio = textContains('s.bio', text);
      const displayName = textContains('su.display_name', text);
      const closeness = (field: string, trigram: string) =>
        !rankText
          ? '0'
          : handle.chinese
            ? `char_length(:text)::real / greatest(char_length(${field}), 1)`
            : trigram;
      query.innerJoin(
        `(SELECT id, max(closeness) AS rank FROM (
            SELECT s.id, ${closeness('s.handle', 'similarity(s.handle, :text)')} AS closeness
              FROM creators s WHERE ${handle.sql}
            UNION ALL
            SELECT s.id, ${closeness('s.bio', 'word_similarity(:text, s.bio)')} FROM creators s WHERE ${bio.sql}
            UNION ALL
            SELECT s.id, ${closeness('su.display_name', 'similarity(su.display_name, :text)')}
              FROM creators s JOIN users su ON su.id = s.user_id WHERE ${displayName.sql}
          ) matches GROUP BY id)`,
        'text_match',
        'text_match.id = c.id',
        { text, ...handle.params, ...bio.params, ...displayName.params },
      );
    }
    return query;
  }

  async updateProfile(viewer: Viewer, command: UpdateCreatorProfileCommand): Promise<CreatorEntity> {
    if (!viewer.creatorId) throw AccountsErrors.notACreator();
    const changes: Partial<CreatorEntity> = {};
    if (command.bio !== undefined) changes.bio = command.bio?.trim() || null;
    if (command.domainTags) changes.domainTags = await this.tags.validate(command.domainTags, 'domainTags');
    if (command.channels) changes.channels = [...new Set(command.channels)];
    if (command.followerCount !== undefined && command.followerCount !== null) {
      if (command.followerCount < 0) throw InputErrors.negative('followerCount');
      changes.followerCount = command.followerCount;
    }
    const repository = this.dataSource.getRepository(CreatorEntity);
    if (Object.keys(changes).length) await repository.update({ id: viewer.creatorId }, changes);
    return this.findById(viewer.creatorId);
  }

  /** Admin decision; the change and its reason land in the audit table in the same transaction. */
  async setTier(actor: Viewer, creatorId: string, tier: CreatorTier, reason: string): Promise<CreatorEntity> {
    if (!reason.trim()) throw AccountsErrors.tierReasonMissing();
    // The audit column holds 500 characters; longer would fail in PostgreSQL as an internal error.
    if (reason.trim().length > MAX_TIER_REASON_LENGTH) {
      throw InputErrors.tooLong('reason', MAX_TIER_REASON_LENGTH);
    }
    return this.dataSource.transaction(async (manager) => {
      const creator = await manager
        .getRepository(CreatorEntity)
        .findOne({ where: { id: creatorId }, lock: { mode: 'pessimistic_write' } });
      if (!creator) throw AccountsErrors.creatorNotFound();
      await manager.getRepository(CreatorTierChangeEntity).insert({
        creatorId,
        fromTier: creator.tier,
        toTier: tier,
        reason: reason.trim(),
        actorUserId: actor.userId,
      });
      await manager.getRepository(CreatorEntity).update({ id: creatorId }, { tier });
      return { ...creator, tier };
    });
  }

  tierHistory(creatorId: string): Promise<CreatorTierChangeEntity[]> {
    return this.dataSource
      .getRepository(CreatorTierChangeEntity)
      .find({ where: { creatorId }, order: { createdAt: 'DESC' } });
  }
}
