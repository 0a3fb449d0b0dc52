import { Injectable } from '@nestjs/common';
import { Money, type Viewer } from '@vtask/core';
import { IdempotencyService, PaymentsService } from '@vtask/ledger';
import { DataSource } from 'typeorm';
import { killFee } from './cancellation-terms';
import { OrderEntity } from './entities/order.entity';
import { checkedNote } from './order-inputs';
import { databaseNow, escrowParties, OrderTransitions, splitEscrow } from './order-transitions.service';
import { OrdersErrors } from './orders.errors';
import { OrderStatus } from './orders.states';
import { OrdersService } from './orders.service';

/** After a delivery there is no unilateral cancel (SPEC "Cancellation"): accept, revise, dispute or propose. */
const DELIVERED_STATUSES: readonly OrderStatus[] = [
  OrderStatus.DELIVERED,
  OrderStatus.REVISION_REQUESTED,
  OrderStatus.DISPUTED,
];

/**
 * One party ends an order before any delivery (SPEC "Cancellation"). Before funding: either party, nothing
 * moves. While IN_PROGRESS: the creator, with a full refund that counts in their reliability; the
 * merchant, leaving the creator side the kill fee of the order's terms (fees apply, the rest refunded),
 * or with a full refund counted against the creator once deliverBy passed with nothing delivered.
 * Either way the slot goes back to its task or offer, in the same transaction.
 */
@Injectable()
export class OrderCancellationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly idempotency: IdempotencyService,
    private readonly transitions: OrderTransitions,
  ) {}

  async cancel(
    viewer: Viewer,
    orderId: string,
    reason: string,
    idempotencyKey: string,
  ): Promise<OrderEntity> {
    const note = checkedNote(reason, 'reason', OrdersErrors.noCancelReason);
    let refundId: string | null = null;
    const cancelled = await this.dataSource.transaction(async (manager) => {
      const replayed = await this.transitions.replayOf(manager, viewer, idempotencyKey, 'cancelOrder', {
        orderId,
        reason,
      });
      if (replayed) return replayed;
      const order = await this.transitions.lockVisible(manager, viewer, orderId);
      const isMerchant = order.merchantId === viewer.merchantId;
      const isCreator = order.creatorId === viewer.creatorId;
      if (!isMerchant && !isCreator) throw OrdersErrors.onlyPartiesCancel();
      let result: OrderEntity;
      if (order.status === OrderStatus.AWAITING_FUNDING) {
        result = await this.transitions.apply(
          manager,
          order,
          'CANCEL_UNFUNDED',
          {},
          'CANCELLED',
          viewer.userId,
          note,
        );
      } else {
        if (DELIVERED_STATUSES.includes(order.status)) throw OrdersErrors.deliveredCannotCancel();
        if (order.status !== OrderStatus.IN_PROGRESS) throw OrdersErrors.alreadyClosed(order.status);
        // IN_PROGRESS means nothing was delivered yet: a delivery moves the order on.
        const now = await databaseNow(manager);
        const price = Money.of(order.priceMinor, order.currency);
        const fee = isCreator ? Money.zero(order.currency) : killFee(order, true, now);
        if (fee.isPositive()) {
          result = await this.transitions.apply(
            manager,
            order,
            'CANCEL_FUNDED',
            {},
            'CANCELLED_WITH_FEE',
            viewer.userId,
            note,
            { fee, refund: price.subtract(fee) },
          );
          refundId = await splitEscrow(manager, this.payments, order, fee, result);
        } else {
          // The creator's own cancel, or the merchant's once deliverBy passed undelivered: both on the creator.
          const missedDeadline = now.getTime() >= order.deliverBy.getTime();
          result = await this.transitions.apply(
            manager,
            order,
            'CANCEL_FUNDED',
            { cancelledByCreator: isCreator || missedDeadline },
            'CANCELLED',
            viewer.userId,
            note,
            { refund: price },
          );
          refundId = await this.payments.refund(manager, escrowParties(order));
        }
      }
      await this.orders.notifyFinal(manager, result, { freesSlot: true });
      await this.idempotency.complete(manager, viewer.userId, idempotencyKey, { orderId: order.id });
      return result;
    });
    if (refundId) await this.payments.settleRefund(refundId);
    return cancelled;
  }
}
