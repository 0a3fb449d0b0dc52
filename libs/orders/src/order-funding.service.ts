import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Money, type Viewer } from '@vtask/core';
import { DB_CLOCK, hasPassed, havePassed, uniqueViolation } from '@vtask/database';
import {
  IdempotencyService,
  PaymentsService,
  type ChargePayee,
  type ChargeResult,
  type EscrowParties,
  type FundingRequest,
  type PayeeStanding,
  type PaymentListener,
} from '@vtask/ledger';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrderEntity } from './entities/order.entity';
import { FundingStatus, type FundingOutcome } from './order-commands';
import { orderNote } from './order-event-notes';
import { escrowParties, OrderTransitions } from './order-transitions.service';
import { ORDER_TRANSITIONS, OrderStatus } from './orders.states';
import { OrdersErrors } from './orders.errors';
import { OrdersService } from './orders.service';

/** Where an order stands for the ledger's charges; every status not named here has moved on. */
const PAYEE_STANDING: Partial<Record<OrderStatus, PayeeStanding>> = {
  [OrderStatus.AWAITING_FUNDING]: 'AWAITING_PAYMENT',
  [OrderStatus.IN_PROGRESS]: 'FUNDED',
};

/** The order a charge pays for, locked by `lockPayee` in the transaction recording the charge's outcome. */
interface OrderPayee extends ChargePayee {
  order: OrderEntity;
}

/**
 * Funding an order: the merchant asks, the ledger charges (recording the intent, calling the provider
 * after commit, recording the outcome), and this service, registered as the ledger's PaymentListener,
 * moves the order when the charge succeeds. The funding window's timer cancels an order left unfunded.
 */
@Injectable()
export class OrderFundingService implements PaymentListener<OrderPayee>, OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly idempotency: IdempotencyService,
    private readonly transitions: OrderTransitions,
  ) {}

  onModuleInit(): void {
    this.payments.listen(this);
  }

  /**
   * Charges the merchant and holds the price in escrow. A replay of the key returns the first outcome;
   * a replay after a crash resumes the recorded charge with the same provider key.
   */
  async fund(viewer: Viewer, orderId: string, idempotencyKey: string): Promise<FundingOutcome> {
    const input = { orderId };
    const request = { userId: viewer.userId, key: idempotencyKey };
    const existing = await this.idempotency.find(this.dataSource.manager, viewer.userId, idempotencyKey);
    let chargeId: string | null;
    if (existing) {
      this.idempotency.checkSameRequest(existing, 'fundOrder', input);
      if (existing.response) return existing.response as FundingOutcome;
      chargeId = await this.payments.findCharge(orderId, request);
      if (!chargeId) throw OrdersErrors.notFound();
    } else {
      chargeId = await this.recordCharge(viewer, orderId, request, input);
    }
    return fundingOutcome(await this.payments.charge(chargeId, request));
  }

  private async recordCharge(
    viewer: Viewer,
    orderId: string,
    request: FundingRequest,
    input: unknown,
  ): Promise<string> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const order = await this.transitions.lockVisible(manager, viewer, orderId);
        if (order.merchantId !== viewer.merchantId) throw OrdersErrors.onlyMerchantFunds();
        ORDER_TRANSITIONS.assert('FUND', order.status);
        const [fundingClosed, deliverByPassed] = await havePassed(manager, [
          order.fundingDeadline,
          order.deliverBy,
        ]);
        if (fundingClosed) throw OrdersErrors.fundingClosed();
        // Work could not be delivered in time any more: no one pays for a deadline already missed.
        if (deliverByPassed) throw OrdersErrors.deliverByPassed();
        await this.idempotency.insert(manager, request.userId, request.key, 'fundOrder', input);
        return this.payments.recordCharge(manager, {
          orderId: order.id,
          amount: Money.of(order.priceMinor, order.currency),
          request,
        });
      });
    } catch (error) {
      if (uniqueViolation(error)) throw OrdersErrors.requestInProgress();
      throw error;
    }
  }

  /** The funding timer: an order still unfunded at its deadline is cancelled (actor: none). */
  async expireFunding(orderId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lock(manager, orderId);
      if (order.status !== OrderStatus.AWAITING_FUNDING || !(await hasPassed(manager, order.fundingDeadline)))
        return;
      await this.transitions.apply(
        manager,
        order,
        'EXPIRE_FUNDING',
        { fundingDeadline: order.fundingDeadline },
        'FUNDING_EXPIRED',
        null,
        orderNote('NOT_FUNDED_IN_TIME', { deadline: order.fundingDeadline?.toISOString() ?? null }),
      );
      await this.orders.notifyFinal(manager, order, { freesSlot: true });
    });
  }

  // ------------------------------------------------------------------ PaymentListener

  async lockPayee(manager: EntityManager, orderId: string): Promise<OrderPayee> {
    const order = await this.transitions.lock(manager, orderId);
    return { standing: PAYEE_STANDING[order.status] ?? 'MOVED_ON', status: order.status, order };
  }

  /** The charge succeeded: the order is funded (the ledger posts the escrow for the parties returned). */
  async charged(
    manager: EntityManager,
    { order }: OrderPayee,
    charge: { provider: string; reference: string | null; payerUserId: string | null },
  ): Promise<EscrowParties> {
    await this.transitions.apply(
      manager,
      order,
      'FUND',
      { fundedAt: DB_CLOCK },
      'FUNDED',
      // The merchant who paid acted, even when recovery or a webhook records it: SPEC leaves the
      // actor null for timers only.
      charge.payerUserId,
      orderNote('CHARGED', { provider: charge.provider, reference: charge.reference }),
    );
    return escrowParties(order);
  }

  async chargeFailed(manager: EntityManager, orderId: string, reason: string | null): Promise<void> {
    await this.orders.recordEvent(
      manager,
      orderId,
      'FUNDING_FAILED',
      null,
      orderNote('CHARGE_FAILED', { reason }),
    );
  }
}

function fundingOutcome(result: ChargeResult): FundingOutcome {
  return { ...result, status: FundingStatus[result.status] };
}
