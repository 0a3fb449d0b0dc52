import type { EntityManager } from 'typeorm';
import type { OrderEntity } from './entities/order.entity';

export const ORDER_TIMERS = Symbol('ORDER_TIMERS');

/** The order's durable timers, written in the transaction of the change that needs them. */
export interface OrderTimers {
  /** At fundingDeadline: cancel the order if it is still unfunded. */
  fundingExpiry(manager: EntityManager, order: OrderEntity): Promise<void>;
  /** At reviewDeadline: accept the delivery if it is still awaiting review. */
  autoAccept(manager: EntityManager, order: OrderEntity): Promise<void>;
  /**
   * 24 h before reviewDeadline: remind the merchant of a delivery still awaiting review. One per
   * delivery; none when the review window is 24 h or shorter.
   */
  reviewReminder(manager: EntityManager, order: OrderEntity): Promise<void>;
}
