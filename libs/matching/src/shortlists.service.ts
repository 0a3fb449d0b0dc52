import { Injectable } from '@nestjs/common';
import { CreatorsService } from '@vtask/accounts';
import { CursorParts, InputErrors, type Page, type PageArgs, type Viewer } from '@vtask/core';
import { listPage } from '@vtask/database';
import { isUUID } from 'class-validator';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ShortlistEntity, ShortlistMemberEntity } from './entities';
import { MatchingErrors } from './matching.errors';

/** SPEC "Finding creators": a merchant keeps at most this many lists ... */
export const MAX_SHORTLISTS = 50;
/** ... of at most this many creators each. */
export const MAX_SHORTLIST_SIZE = 500;
export const MAX_SHORTLIST_NAME_LENGTH = 60;

/** A shortlist holding a creator: the answer of `Creator.inMyShortlists`, batched. */
export interface ShortlistHolding {
  creatorId: string;
  shortlist: ShortlistEntity;
}

/**
 * Shortlists (找达人): a merchant's private, named lists of creators. Every read and change finds the
 * list among the viewer's own, so another merchant's list is NOT_FOUND, never FORBIDDEN: ids cannot
 * be probed. Changes to one list serialize on its row, which also carries its size.
 */
@Injectable()
export class ShortlistsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly creators: CreatorsService,
  ) {}

  mine(viewer: Viewer): Promise<ShortlistEntity[]> {
    const merchantId = requireMerchant(viewer);
    return this.dataSource
      .getRepository(ShortlistEntity)
      .find({ where: { merchantId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async find(viewer: Viewer, shortlistId: string): Promise<ShortlistEntity> {
    const merchantId = requireMerchant(viewer);
    const list = isUUID(shortlistId)
      ? await this.dataSource.getRepository(ShortlistEntity).findOneBy({ id: shortlistId, merchantId })
      : null;
    if (!list) throw MatchingErrors.shortlistNotFound();
    return list;
  }

  async create(viewer: Viewer, name: string): Promise<ShortlistEntity> {
    const merchantId = requireMerchant(viewer);
    const cleanName = checkedName(name);
    return this.dataSource.transaction(async (manager) => {
      // Two creations at once would both count 49: they queue on the merchant's lock.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('shortlists:' || $1))`, [merchantId]);
      const count = await manager.getRepository(ShortlistEntity).countBy({ merchantId });
      if (count >= MAX_SHORTLISTS) throw MatchingErrors.tooManyShortlists(MAX_SHORTLISTS);
      return manager.getRepository(ShortlistEntity).save({ merchantId, name: cleanName, size: 0 });
    });
  }

  async rename(viewer: Viewer, shortlistId: string, name: string): Promise<ShortlistEntity> {
    const cleanName = checkedName(name);
    const list = await this.find(viewer, shortlistId);
    await this.dataSource.getRepository(ShortlistEntity).update({ id: list.id }, { name: cleanName });
    return { ...list, name: cleanName };
  }

  async delete(viewer: Viewer, shortlistId: string): Promise<boolean> {
    const list = await this.find(viewer, shortlistId);
    await this.dataSource.getRepository(ShortlistEntity).delete({ id: list.id });
    return true;
  }

  /** Adds creators not yet on the list (those already on it stay where they are). */
  async add(viewer: Viewer, shortlistId: string, creatorIds: readonly string[]): Promise<ShortlistEntity> {
    const ids = [...new Set(creatorIds)];
    if (ids.length > MAX_SHORTLIST_SIZE) throw MatchingErrors.shortlistFull(MAX_SHORTLIST_SIZE);
    if (ids.some((id) => !isUUID(id))) throw MatchingErrors.creatorNotFound();
    if ((await this.creators.findByIds(ids)).length !== ids.length) throw MatchingErrors.creatorNotFound();
    return this.changeMembers(viewer, shortlistId, async (manager, list) => {
      const present = await manager
        .getRepository(ShortlistMemberEntity)
        .findBy({ shortlistId: list.id, creatorId: In(ids) });
      const known = new Set(present.map((member) => member.creatorId));
      const fresh = ids.filter((id) => !known.has(id));
      if (list.size + fresh.length > MAX_SHORTLIST_SIZE) {
        throw MatchingErrors.shortlistFull(MAX_SHORTLIST_SIZE);
      }
      if (fresh.length) {
        await manager
          .getRepository(ShortlistMemberEntity)
          .insert(fresh.map((creatorId) => ({ shortlistId: list.id, creatorId })));
      }
      return fresh.length;
    });
  }

  async remove(viewer: Viewer, shortlistId: string, creatorIds: readonly string[]): Promise<ShortlistEntity> {
    const ids = [...new Set(creatorIds)].filter((id) => isUUID(id));
    return this.changeMembers(viewer, shortlistId, async (manager, list) => {
      if (!ids.length) return 0;
      const result = await manager
        .getRepository(ShortlistMemberEntity)
        .delete({ shortlistId: list.id, creatorId: In(ids) });
      return -(result.affected ?? 0);
    });
  }

  /** The list's creators, last added first. */
  async members(shortlist: ShortlistEntity, page: PageArgs): Promise<Page<ShortlistMemberEntity>> {
    const query = this.dataSource
      .getRepository(ShortlistMemberEntity)
      .createQueryBuilder('m')
      .where('m.shortlist_id = :id', { id: shortlist.id });
    return listPage(query, page, {
      direction: 'DESC',
      columns: [
        { sql: 'm.added_at', cursor: CursorParts.timestamp, cast: 'timestamptz' },
        { sql: 'm.creator_id', cursor: CursorParts.uuid, cast: 'uuid' },
      ],
      key: (row) => [row.addedAt.toISOString(), row.creatorId],
    });
  }

  /** Every creator of the list, in the order they were added (the bulk invitation goes in this order). */
  allMembers(shortlist: ShortlistEntity): Promise<ShortlistMemberEntity[]> {
    return this.dataSource
      .getRepository(ShortlistMemberEntity)
      .find({ where: { shortlistId: shortlist.id }, order: { addedAt: 'ASC', creatorId: 'ASC' } });
  }

  /** For each creator, the viewer's lists that hold them: one query for a whole page of creators. */
  async holding(viewer: Viewer | null, creatorIds: readonly string[]): Promise<ShortlistHolding[]> {
    if (!viewer?.merchantId || !creatorIds.length) return [];
    const rows = await this.dataSource
      .getRepository(ShortlistMemberEntity)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.shortlist', 's')
      .where('s.merchant_id = :merchantId', { merchantId: viewer.merchantId })
      .andWhere('m.creator_id IN (:...creatorIds)', { creatorIds })
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
    return rows.map((row) => ({ creatorId: row.creatorId, shortlist: row.shortlist! }));
  }

  private async changeMembers(
    viewer: Viewer,
    shortlistId: string,
    change: (manager: EntityManager, list: ShortlistEntity) => Promise<number>,
  ): Promise<ShortlistEntity> {
    const merchantId = requireMerchant(viewer);
    if (!isUUID(shortlistId)) throw MatchingErrors.shortlistNotFound();
    return this.dataSource.transaction(async (manager) => {
      const list = await manager
        .getRepository(ShortlistEntity)
        .findOne({ where: { id: shortlistId, merchantId }, lock: { mode: 'pessimistic_write' } });
      if (!list) throw MatchingErrors.shortlistNotFound();
      const delta = await change(manager, list);
      if (delta)
        await manager.getRepository(ShortlistEntity).update({ id: list.id }, { size: list.size + delta });
      return { ...list, size: list.size + delta };
    });
  }
}

function requireMerchant(viewer: Viewer): string {
  if (!viewer.merchantId) throw MatchingErrors.onlyMerchantsShortlist();
  return viewer.merchantId;
}

function checkedName(name: string): string {
  const clean = name.trim();
  if (!clean) throw InputErrors.blank('name');
  if (clean.length > MAX_SHORTLIST_NAME_LENGTH) throw InputErrors.tooLong('name', MAX_SHORTLIST_NAME_LENGTH);
  return clean;
}
