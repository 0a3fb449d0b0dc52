import { Injectable } from '@nestjs/common';
import { Money, type Viewer } from '@vtask/core';
import { applyTransition } from '@vtask/database';
import { IdempotencyService, releasedParts, type EscrowParties, type PaymentsService } from '@vtask/ledger';
import type { EntityManager } from 'typeorm';
import { OrderEntity } from './entities/order.entity';
import { type OrderEventNote, typedWords } from './order-event-notes';
import { OrderNotifier, type OrderChange } from './order-notifications';
import { ORDER_TRANSITIONS, type OrderAction } from './orders.states';
import { OrdersErrors } from './orders.errors';
import { OrdersService } from './orders.service';

/**
 * How every change to one order is written, shared by the lifecycle's services: the order row is
 * locked, the move checked against ORDER_TRANSITIONS and written as one conditional update, with its
 * event and its notifications in the same transaction.
 */
@Injectable()
export class OrderTransitions {
  constructor(
    private readonly orders: OrdersService,
    private readonly notifier: OrderNotifier,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Claims an order command's idempotency key, in the command's transaction: the order as the first call
   * left it when this call repeats it (return that), or null when the command runs now (it then
   * completes the key with `{ orderId }`, unless `orderId` names the order up front: then the claim
   * stores that answer at once).
   */
  async replayOf(
    manager: EntityManager,
    viewer: Viewer,
    idempotencyKey: string,
    operation: string,
    input: unknown,
    orderId: string | null = null,
  ): Promise<OrderEntity | null> {
    const claim = await this.idempotency.claim<{ orderId: string }>(
      manager,
      viewer.userId,
      idempotencyKey,
      operation,
      input,
      orderId === null ? null : { orderId },
    );
    if (!claim.replay) return null;
    return manager.getRepository(OrderEntity).findOneByOrFail({ id: claim.response.orderId });
  }

  async apply(
    manager: EntityManager,
    order: OrderEntity,
    action: OrderAction,
    changes: Partial<OrderEntity>,
    event: string,
    actorUserId: string | null,
    note: OrderEventNote,
    details: Omit<OrderChange, 'action' | 'actorUserId' | 'note'> = {},
  ): Promise<OrderEntity> {
    const next = await applyTransition(manager, OrderEntity, ORDER_TRANSITIONS, action, order.id, changes);
    // SPEC "Cancellation": any other change of the order withdraws its pending proposal, in the same transaction.
    await this.orders.recordEvent(manager, order.id, event, actorUserId, note, {
      withdrawingProposal: action !== 'AGREE_CANCELLATION',
    });
    // In the same transaction: the parties hear of exactly the changes that commit.
    await this.notifier.changed(manager, [next], { action, actorUserId, note: typedWords(note), ...details });
    return next;
  }

  /** Locks the order row; every change to one order serializes here. */
  async lock(manager: EntityManager, orderId: string): Promise<OrderEntity> {
    const order = await manager
      .getRepository(OrderEntity)
      .findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order) throw OrdersErrors.notFound();
    return order;
  }

  /** Locks an order the viewer may see (another's order answers as missing). */
  async lockVisible(manager: EntityManager, viewer: Viewer, orderId: string): Promise<OrderEntity> {
    const order = await this.lock(manager, orderId);
    if (!this.orders.canSee(viewer, order)) throw OrdersErrors.notFound();
    return order;
  }

  requireMerchant(viewer: Viewer, order: OrderEntity): void {
    if (order.merchantId !== viewer.merchantId) throw OrdersErrors.notTheMerchant();
  }
}

/** The order's parties and fixed split, as the ledger's escrow needs them. */
export function escrowParties(order: OrderEntity): EscrowParties {
  return {
    orderId: order.id,
    merchantId: order.merchantId,
    creatorId: order.creatorId,
    agencyId: order.agencyId,
    price: Money.of(order.priceMinor, order.currency),
    platformFeeBps: order.platformFeeBps,
    agencyShareBps: order.agencyShareBps,
    holdback: Money.of(order.holdbackMinor, order.currency),
  };
}

/** The database clock now: deadlines and kill-fee stages are judged by it. */
export async function databaseNow(manager: EntityManager): Promise<Date> {
  const [row] = await manager.query<{ now: Date }[]>('SELECT clock_timestamp() AS now');
  return row.now;
}

/**
 * Splits the escrow: `creatorAmount` released with fees, the rest refunded (a dispute's resolution, a
 * kill fee, an agreed cancellation). From then on the order shows what moved, as the ledger has it, not
 * the full-price split agreed at creation. Returns the refund to settle after commit, if any.
 */
export async function splitEscrow(
  manager: EntityManager,
  payments: PaymentsService,
  order: OrderEntity,
  creatorAmount: Money,
  result: OrderEntity,
): Promise<string | null> {
  const parties = escrowParties(order);
  const refundId = await payments.split(manager, parties, creatorAmount);
  const moved = releasedParts(parties, creatorAmount);
  const amounts = {
    platformFeeMinor: moved.platformFee.minor,
    agencyShareMinor: moved.agencyShare.minor,
    creatorPayoutMinor: moved.creatorPayout.minor,
    refundedMinor: parties.price.subtract(creatorAmount).minor,
  };
  await manager.getRepository(OrderEntity).update(order.id, amounts);
  Object.assign(result, amounts);
  return refundId;
}
