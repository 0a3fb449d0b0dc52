import { Inject, Injectable } from '@nestjs/common';
import { Money, Role, type Viewer } from '@vtask/core';
import { fromNow, hasPassed } from '@vtask/database';
import { TimersService } from '@vtask/jobs';
import { IdempotencyService, PaymentsService } from '@vtask/ledger';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrderEntity } from './entities/order.entity';
import type { ResolveDisputeCommand } from './order-commands';
import { orderNote, type OrderEventNote } from './order-event-notes';
import { checkedNote } from './order-inputs';
import { OrderNotifier } from './order-notifications';
import { OrderTransitions, splitEscrow } from './order-transitions.service';
import { OrdersErrors } from './orders.errors';
import { ORDERS_OPTIONS, type OrdersOptions } from './orders.options';
import { OrderStatus } from './orders.states';
import { OrdersService } from './orders.service';
import { OrdersTimers } from './orders.timers';

/**
 * Disputes: opened by a party or by the revision timer, due for a decision by disputeDecideBy (admins
 * hear of an overdue one), resolved by an admin who splits the escrow (the refund decided with the
 * order's change and settled with the provider after commit).
 */
@Injectable()
export class OrderDisputesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly idempotency: IdempotencyService,
    private readonly transitions: OrderTransitions,
    private readonly notifier: OrderNotifier,
    private readonly timers: TimersService,
    @Inject(ORDERS_OPTIONS) private readonly options: OrdersOptions,
  ) {}

  async openDispute(viewer: Viewer, orderId: string, reason: string): Promise<OrderEntity> {
    const note = checkedNote(reason, 'reason', OrdersErrors.noDisputeReason);
    return this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lockVisible(manager, viewer, orderId);
      if (order.merchantId !== viewer.merchantId && order.creatorId !== viewer.creatorId) {
        throw OrdersErrors.onlyPartiesDispute();
      }
      return this.toDispute(manager, order, 'OPEN_DISPUTE', 'DISPUTED', viewer.userId, note);
    });
  }

  /** The revision timer: a requested revision not delivered by revisionDueBy sends the order to DISPUTED. */
  async revisionOverdue(orderId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lock(manager, orderId);
      if (order.status !== OrderStatus.REVISION_REQUESTED || !(await hasPassed(manager, order.revisionDueBy)))
        return;
      await this.toDispute(
        manager,
        order,
        'REVISION_OVERDUE',
        'REVISION_OVERDUE',
        null,
        orderNote('REVISION_NOT_DELIVERED', { deadline: order.revisionDueBy?.toISOString() ?? null }),
        { dueBy: order.revisionDueBy },
      );
    });
  }

  /** The dispute timer: a dispute still undecided at disputeDecideBy is overdue; admins hear of it once. */
  async disputeOverdue(orderId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lock(manager, orderId);
      if (order.status !== OrderStatus.DISPUTED || !(await hasPassed(manager, order.disputeDecideBy))) return;
      await this.notifier.disputeOverdue(manager, order);
    });
  }

  /** Into DISPUTED: timers stop (the auto-accept and revision handlers act only on their states), the decision is due. */
  private async toDispute(
    manager: EntityManager,
    order: OrderEntity,
    action: 'OPEN_DISPUTE' | 'REVISION_OVERDUE',
    event: string,
    actorUserId: string | null,
    note: OrderEventNote,
    details: { dueBy?: Date | null } = {},
  ): Promise<OrderEntity> {
    const disputeDecideBy = await fromNow(manager, this.options.disputeWindowSeconds);
    const disputed = await this.transitions.apply(
      manager,
      order,
      action,
      { reviewDeadline: null, revisionDueBy: null, disputeDecideBy },
      event,
      actorUserId,
      note,
      details,
    );
    await this.timers.schedule(OrdersTimers.disputeOverdue, { orderId: order.id }, disputeDecideBy, {
      manager,
    });
    return disputed;
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
      refundId = await splitEscrow(manager, this.payments, order, command.creatorAmount, result);
      await this.orders.notifyFinal(manager, result);
      await this.idempotency.complete(manager, viewer.userId, idempotencyKey, { orderId: order.id });
      return result;
    });
    if (refundId) await this.payments.settleRefund(refundId);
    return resolved;
  }
}
