import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { TimersService } from '@vtask/jobs';
import type { EntityManager } from 'typeorm';
import type { OrderEntity } from './entities/order.entity';
import { OrderLifecycleService } from './order-lifecycle.service';
import type { OrderTimers } from './order.timers';
import { ORDERS_OPTIONS, type OrdersOptions } from './orders.options';

const FUNDING_EXPIRY = 'orders.funding-expiry';
const AUTO_ACCEPT = 'orders.auto-accept';
const REVIEW_REMINDER = 'orders.review-reminder';
/** How long before the review deadline the merchant is reminded. */
export const REVIEW_REMINDER_LEAD_SECONDS = 24 * 3600;

/** The order timers as pg-boss jobs, each written in the transaction of the change that needs it. */
@Injectable()
export class OrderTimerScheduler implements OrderTimers {
  constructor(
    private readonly timers: TimersService,
    @Inject(ORDERS_OPTIONS) private readonly options: OrdersOptions,
  ) {}

  fundingExpiry(manager: EntityManager, order: OrderEntity): Promise<void> {
    return this.timers.schedule(FUNDING_EXPIRY, { orderId: order.id }, order.fundingDeadline!, order.id, {
      manager,
    });
  }

  /** One timer per delivery: a new version's deadline gets its own key, the old timer finds nothing to do. */
  autoAccept(manager: EntityManager, order: OrderEntity): Promise<void> {
    const at = order.reviewDeadline!;
    return this.timers.schedule(AUTO_ACCEPT, { orderId: order.id }, at, `${order.id}:${at.toISOString()}`, {
      manager,
    });
  }

  /** Keyed by the delivery's deadline, like auto-accept: a reminder for an earlier delivery finds nothing to do. */
  async reviewReminder(manager: EntityManager, order: OrderEntity): Promise<void> {
    if (this.options.reviewWindowSeconds <= REVIEW_REMINDER_LEAD_SECONDS) return;
    const deadline = order.reviewDeadline!;
    const at = new Date(deadline.getTime() - REVIEW_REMINDER_LEAD_SECONDS * 1000);
    await this.timers.schedule(
      REVIEW_REMINDER,
      { orderId: order.id, reviewDeadline: deadline.toISOString() },
      at,
      `${order.id}:${deadline.toISOString()}`,
      { manager },
    );
  }
}

/** What the order timers do; each handler re-checks the order under its lock (a stale timer does nothing). */
@Injectable()
export class OrderTimerHandlers implements OnModuleInit {
  constructor(
    private readonly timers: TimersService,
    private readonly lifecycle: OrderLifecycleService,
  ) {}

  onModuleInit(): void {
    this.timers.handle<{ orderId: string }>(FUNDING_EXPIRY, ({ orderId }) =>
      this.lifecycle.expireFunding(orderId),
    );
    this.timers.handle<{ orderId: string }>(AUTO_ACCEPT, ({ orderId }) => this.lifecycle.autoAccept(orderId));
    this.timers.handle<{ orderId: string; reviewDeadline: string }>(REVIEW_REMINDER, (payload) =>
      this.lifecycle.remindReview(payload.orderId, new Date(payload.reviewDeadline)),
    );
  }
}
