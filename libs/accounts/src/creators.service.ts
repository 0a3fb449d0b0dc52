import { Injectable } from '@nestjs/common';
import { InputErrors, type Page, type PageArgs, type Viewer } from '@vtask/core';
import { anyFilterSet, listPage, newestFirst } from '@vtask/database';
import { isUUID } from 'class-validator';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { AccountsErrors } from './accounts.errors';
import { Channel } from './channel';
import { CreatorTier, tiersFrom } from './creator-tier';
import { creatorTextMatch } from './creator-text-match';
import { checkFollowerCount } from './follower-count';
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
   * relevance ranking of a text search, share it. A text search's rank (0-1, how closely the creator's
   * best field matches the text) is `creatorTextMatch(text, 'c').rank`, over the same parameters.
   *
   * `counting`: the query counts a text search's matches rather than ordering them. The tier is then
   * tested on the rows the text's indexes name: as an indexable condition, the planner reads the big-V
   * half of the directory through the tier index and tests the text on each (157 ms for a word in an
   * eighth of the bios, against 37 ms; PostgreSQL 15, 100k creators). Not for a list, whose planner
   * needs the tier's selectivity to see that walking the track-record index finds a page early.
   */
  async filtered(
    filter: CreatorFilter,
    { counting = false }: { counting?: boolean } = {},
  ): Promise<SelectQueryBuilder<CreatorEntity>> {
    const query = this.dataSource.getRepository(CreatorEntity).createQueryBuilder('c');
    if (filter.domainTags?.length) {
      query.andWhere('c.domain_tags && :tags', { tags: await this.tags.expand(filter.domainTags) });
    }
    const text = filter.search?.trim();
    if (filter.minTier) {
      const tier = text && counting ? 'CAST(c.tier AS text)' : 'c.tier';
      query.andWhere(`${tier} IN (:...tiers)`, { tiers: tiersFrom(filter.minTier) });
    }
    if (filter.channel) query.andWhere(':channel = ANY(c.channels)', { channel: filter.channel });
    if (filter.agencyId) {
      // A malformed id would reach PostgreSQL as an invalid uuid and fail as an internal error.
      if (!isUUID(filter.agencyId)) throw AccountsErrors.notAnAgencyId();
      query.andWhere('c.agency_id = :agencyId', { agencyId: filter.agencyId });
    }
    if (text) {
      const match = creatorTextMatch(text, 'c');
      query.andWhere(match.where, match.params);
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
      checkFollowerCount(command.followerCount, 'followerCount');
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
