import { In, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { CreatorTier } from './creator-tier';
import { Role } from '@vtask/core';
import { AgencyEntity, CreatorEntity, MerchantEntity, UserEntity } from './entities';

/**
 * What other libraries read of accounts inside their own transactions. They see accounts' rows through
 * these functions, never through its entities or its tables, so accounts can change its schema alone.
 */

/** The creator, or EntityNotFoundError (the caller checked the id already, or a missing one is a bug). */
export function creatorById(manager: EntityManager, creatorId: string): Promise<CreatorEntity> {
  return manager.getRepository(CreatorEntity).findOneByOrFail({ id: creatorId });
}

export function creatorExists(manager: EntityManager, creatorId: string): Promise<boolean> {
  return manager.getRepository(CreatorEntity).existsBy({ id: creatorId });
}

export function agencyById(manager: EntityManager, agencyId: string): Promise<AgencyEntity | null> {
  return manager.getRepository(AgencyEntity).findOneBy({ id: agencyId });
}

/**
 * A subquery, for `column IN (...)` in another library's query, of the ids of creators at these tiers.
 * Its parameter is set on the outer query (TypeORM hands a subquery's parameters to its parent).
 */
export function creatorIdsAtTiers(
  query: SelectQueryBuilder<ObjectLiteral>,
  tiers: readonly CreatorTier[],
): string {
  return query
    .subQuery()
    .select('tiered.id')
    .from(CreatorEntity, 'tiered')
    .where('tiered.tier IN (:...creatorTiers)', { creatorTiers: [...tiers] })
    .getQuery();
}

/** Who is on each side of a deal, as notifications name them. */
export interface DealParties {
  merchantUserId: string;
  shopName: string;
  creatorUserId: string;
  handle: string;
}

export async function dealParties(
  manager: EntityManager,
  merchantId: string,
  creatorId: string,
): Promise<DealParties> {
  const [parties] = await dealPartiesOf(manager, [{ merchantId, creatorId }]);
  return parties;
}

/** The parties of several deals, in their order, in one query (a change that touches many orders). */
export async function dealPartiesOf(
  manager: EntityManager,
  deals: readonly { merchantId: string; creatorId: string }[],
): Promise<DealParties[]> {
  if (!deals.length) return [];
  const rows = await manager.query<
    { merchant_user_id: string; shop_name: string; creator_user_id: string; handle: string }[]
  >(
    `SELECT m.user_id AS merchant_user_id, m.shop_name, c.user_id AS creator_user_id, c.handle
       FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS deal(merchant_id, creator_id, position)
       JOIN merchants m ON m.id = deal.merchant_id
       JOIN creators c ON c.id = deal.creator_id
      ORDER BY deal.position`,
    [deals.map((deal) => deal.merchantId), deals.map((deal) => deal.creatorId)],
  );
  if (rows.length !== deals.length)
    throw new Error('A deal names a merchant or creator that does not exist.');
  return rows.map((row) => ({
    merchantUserId: row.merchant_user_id,
    shopName: row.shop_name,
    creatorUserId: row.creator_user_id,
    handle: row.handle,
  }));
}

/** Each creator's user (for notifying creators in bulk); unknown ids are left out. */
export async function creatorUserIds(
  manager: EntityManager,
  creatorIds: readonly string[],
): Promise<Map<string, string>> {
  if (!creatorIds.length) return new Map();
  const creators = await manager
    .getRepository(CreatorEntity)
    .find({ select: { id: true, userId: true }, where: { id: In([...creatorIds]) } });
  return new Map(creators.map((creator) => [creator.id, creator.userId]));
}

/** The merchant's shop name, as notifications name the merchant. */
export async function shopNameOf(manager: EntityManager, merchantId: string): Promise<string> {
  const merchant = await manager
    .getRepository(MerchantEntity)
    .findOneOrFail({ select: { id: true, shopName: true }, where: { id: merchantId } });
  return merchant.shopName;
}

/**
 * Each merchant's industry group: the parent tag of its industry, or the industry itself when that is
 * a top-level tag; merchants without an industry are left out (exclusivity does not touch them).
 */
export async function industryGroupsOf(
  manager: EntityManager,
  merchantIds: readonly string[],
): Promise<Map<string, string>> {
  if (!merchantIds.length) return new Map();
  const rows = await manager.query<{ id: string; industry_group: string }[]>(
    `SELECT m.id, coalesce(t.parent_slug, t.slug) AS industry_group
       FROM merchants m JOIN domain_tags t ON t.slug = m.industry_slug
      WHERE m.id = ANY($1::uuid[])`,
    [merchantIds],
  );
  return new Map(rows.map((row) => [row.id, row.industry_group]));
}

/** Every admin's user id (an overdue dispute is news to each of them). */
export async function adminUserIds(manager: EntityManager): Promise<string[]> {
  const admins = await manager
    .getRepository(UserEntity)
    .find({ select: { id: true }, where: { role: Role.ADMIN }, order: { createdAt: 'ASC' } });
  return admins.map((admin) => admin.id);
}
