import { Injectable } from '@nestjs/common';
import { Money, Role, type Viewer } from '@vtask/core';
import { IdempotencyService, PaymentsService, releasedParts } from '@vtask/ledger';
import { DataSource } from 'typeorm';
import { OrderEntity } from './entities/order.entity';
import type { ResolveDisputeCommand } from './order-commands';
import { checkedNote } from './order-inputs';
import { escrowParties, OrderTransitions } from './order-transitions.service';
import { OrdersErrors } from './orders.errors';
import { OrderStatus } from './orders.states';
import { OrdersService } from './orders.service';

/** After a delivery there is no unilateral cancel (SPEC "Cancellation"). */
const DELIVERED_STATUSES: readonly OrderStatus[] = [
  OrderStatus.DELIVERED,
  OrderStatus.REVISION_REQUESTED,
  OrderStatus.DISPUTED,
];

/**
 * Orders that end without an acceptance: cancelled (a funded one is refunded) or disputed and resolved
 * by an admin (the escrow split between the creator and a refund). Refunds are decided with the order's
 * change and settled with the provider after commit.
 */
@Injectable()
export class OrderDisputesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly idempotency: IdempotencyService,
    private readonly transitions: OrderTransitions,
  ) {}

  /**
   * SPEC "Cancellation": before funding either party; while IN_PROGRESS the creator, or the merchant
   * when nothing was delivered yet or deliverBy passed without a delivery; after a delivery, no one.
   */
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
        if (DELIVERED_STATUSES.includes(order.status)) {
          throw OrdersErrors.deliveredCannotCancel();
        }
        if (order.status !== OrderStatus.IN_PROGRESS) throw OrdersErrors.alreadyClosed(order.status);
        // IN_PROGRESS means nothing was delivered yet (a delivery moves the order on), which is
        // exactly when the merchant may cancel too; the creator may always cancel here.
        result = await this.transitions.apply(
          manager,
          order,
          'CANCEL_FUNDED',
          {},
          'CANCELLED',
          viewer.userId,
          note,
        );
        refundId = await this.payments.refund(manager, escrowParties(order));
      }
      await this.orders.notifyFinal(manager, result);
      await this.idempotency.complete(manager, viewer.userId, idempotencyKey, { orderId: order.id });
      return result;
    });
    if (refundId) await this.payments.settleRefund(refundId);
    return cancelled;
  }

  async openDispute(viewer: Viewer, orderId: string, reason: string): Promise<OrderEntity> {
    const note = checkedNote(reason, 'reason', OrdersErrors.noDisputeReason);
    return this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lockVisible(manager, viewer, orderId);
      if (order.merchantId !== viewer.merchantId && order.creatorId !== viewer.creatorId) {
        throw OrdersErrors.onlyPartiesDispute();
      }
      // Timers stop by themselves: the auto-accept handler only acts on DELIVERED orders.
      return this.transitions.apply(
        manager,
        order,
        'OPEN_DISPUTE',
        { reviewDeadline: null },
        'DISPUTED',
        viewer.userId,
        note,
      );
    });
  }

  /** Admin: `creatorAmount` is released (fee and agency share apply), the rest refunded. */
  async resolveDispute(
    viewer: Viewer,
    command: ResolveDisputeCommand,
    idempotencyKey: string,
  ): Promise<OrderEntity> {
    if (viewer.role !== Role.ADMIN) throw OrdersErrors.onlyAdminsResolve();
    const note = checkedNote(command.note, 'note', OrdersErrors.noDecisionNote);
    let refundId: string | null = null;
    const input = {
      orderId: command.orderId,
      creatorAmount: command.creatorAmount.toString(),
      note: command.note,
    };
    const resolved = await this.dataSource.transaction(async (manager) => {
      const replayed = await this.transitions.replayOf(
        manager,
        viewer,
        idempotencyKey,
        'resolveDispute',
        input,
      );
      if (replayed) return replayed;
      const order = await this.transitions.lockVisible(manager, viewer, command.orderId);
      const price = Money.of(order.priceMinor, order.currency);
      if (command.creatorAmount.currency !== order.currency) {
        throw OrdersErrors.otherCurrency(order.currency);
      }
      if (command.creatorAmount.minor < 0n || command.creatorAmount.compare(price) > 0) {
        throw OrdersErrors.creatorAmountOutOfRange(price.toDecimal());
      }
      const result = await this.transitions.apply(
        manager,
        order,
        'RESOLVE_DISPUTE',
        {},
        'RESOLVED',
        viewer.userId,
        note,
        { creatorAmount: command.creatorAmount },
      );
      const parties = escrowParties(order);
      refundId = await this.payments.split(manager, parties, command.creatorAmount);
      // From now on the order shows what moved, as the ledger has it, not the full-price split agreed at creation.
      const moved = releasedParts(parties, command.creatorAmount);
      const amounts = {
        platformFeeMinor: moved.platformFee.minor,
        agencyShareMinor: moved.agencyShare.minor,
        creatorPayoutMinor: moved.creatorPayout.minor,
        refundedMinor: price.subtract(command.creatorAmount).minor,
      };
      await manager.getRepository(OrderEntity).update(order.id, amounts);
      Object.assign(result, amounts);
      await this.orders.notifyFinal(manager, result);
      await this.idempotency.complete(manager, viewer.userId, idempotencyKey, { orderId: order.id });
      return result;
    });
    if (refundId) await this.payments.settleRefund(refundId);
    return resolved;
  }
}
