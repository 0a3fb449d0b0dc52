import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { In } from 'typeorm';
import { DeliverableEntity, OrderEntity } from './entities';
import { DeliverableStatus, type OrderStatus } from './orders.states';

/**
 * What other libraries read of orders inside their own transactions (venues checks a submission against
 * its order). They see orders' rows through these functions, never through its entities or its tables.
 */

export function orderById(manager: EntityManager, orderId: string): Promise<OrderEntity | null> {
  return manager.getRepository(OrderEntity).findOneBy({ id: orderId });
}

export function deliverableById(
  manager: EntityManager,
  deliverableId: string,
): Promise<DeliverableEntity | null> {
  return manager.getRepository(DeliverableEntity).findOneBy({ id: deliverableId });
}

export function deliverablesByIds(
  manager: EntityManager,
  ids: readonly string[],
): Promise<DeliverableEntity[]> {
  if (!ids.length) return Promise.resolve([]);
  return manager.getRepository(DeliverableEntity).findBy({ id: In([...ids]) });
}

/** The first `limit` orders in `status`, oldest first (the demo seed picks completed orders this way). */
export function ordersInStatus(
  manager: EntityManager,
  status: OrderStatus,
  limit: number,
): Promise<OrderEntity[]> {
  return manager.getRepository(OrderEntity).find({
    where: { status },
    order: { createdAt: 'ASC' },
    take: limit,
  });
}

/** The order's latest approved deliverable (its latest version), or null. */
export function latestApprovedDeliverable(
  manager: EntityManager,
  orderId: string,
): Promise<DeliverableEntity | null> {
  return manager.getRepository(DeliverableEntity).findOne({
    where: { orderId, status: DeliverableStatus.APPROVED },
    order: { version: 'DESC' },
  });
}

/**
 * A subquery, for `column IN (...)` in another library's query, of the ids of the orders this merchant or
 * this creator is a party to. Its parameters are set on the outer query.
 */
export function orderIdsOfParty(
  query: SelectQueryBuilder<ObjectLiteral>,
  party: { merchantId: string; creatorId: string },
): string {
  return query
    .subQuery()
    .select('party_order.id')
    .from(OrderEntity, 'party_order')
    .where('(party_order.merchant_id = :partyMerchantId OR party_order.creator_id = :partyCreatorId)', {
      partyMerchantId: party.merchantId,
      partyCreatorId: party.creatorId,
    })
    .getQuery();
}
