import { defineTimer, type Timers, type TimerTable } from '@vtask/jobs';
import type { EntityManager } from 'typeorm';
import type { OrderEntity } from './entities/order.entity';

/**
 * The order's durable timers (see `defineTimer` in libs/jobs), written in the transaction of the change
 * that needs them; their handlers are registered in orders.module.ts and re-check the order under its
 * lock (a stale timer does nothing). Names and keys are those of the jobs written before this table, so
 * pending jobs keep firing.
 */
export const OrdersTimers = {
  /** At fundingDeadline: cancel the order if it is still unfunded. One per order. */
  expireFunding: defineTimer<{ orderId: string }>({
    name: 'orders.funding-expiry',
    key: ({ orderId }) => orderId,
  }),
  /**
   * At reviewDeadline: accept the delivery if it is still awaiting review. One per delivery: a new
   * version's deadline gets its own key, the old timer finds nothing to do.
   */
  autoAccept: defineTimer<{ orderId: string }>({
    name: 'orders.auto-accept',
    key: ({ orderId }, runAt) => `${orderId}:${runAt.toISOString()}`,
  }),
  /**
   * 24 h before reviewDeadline: remind the merchant of a delivery still awaiting review. Keyed by the
   * delivery's deadline, like auto-accept: a reminder for an earlier delivery finds nothing to do.
   */
  remindReview: defineTimer<{ orderId: string; reviewDeadline: string }>({
    name: 'orders.review-reminder',
    key: ({ orderId, reviewDeadline }) => `${orderId}:${reviewDeadline}`,
  }),
  /**
   * At a publication's retainUntil: release the holdback if the content is still LIVE. Keyed by the
   * moment: a restore after retainUntil arms a new one.
   */
  releaseHoldback: defineTimer<{ orderId: string }>({
    name: 'orders.release-holdback',
    key: ({ orderId }, runAt) => `${orderId}:${runAt.toISOString()}`,
  }),
  /** At restoreBy of a takedown report: BREACHED if still REPORTED_DOWN. One per report (its deadline). */
  breachUnrestored: defineTimer<{ orderId: string }>({
    name: 'orders.restore-window',
    key: ({ orderId }, runAt) => `${orderId}:${runAt.toISOString()}`,
  }),
  /** At publishBy: BREACHED if the accepted content was never marked published. One per order. */
  breachUnpublished: defineTimer<{ orderId: string }>({
    name: 'orders.publish-window',
    key: ({ orderId }) => orderId,
  }),
  /**
   * At revisionDueBy: an order still waiting for the requested revision goes to DISPUTED. Keyed by the
   * deadline: a later request gets its own timer, an earlier one finds the order moved on.
   */
  revisionOverdue: defineTimer<{ orderId: string }>({
    name: 'orders.revision-overdue',
    key: ({ orderId }, runAt) => `${orderId}:${runAt.toISOString()}`,
  }),
  /** At disputeDecideBy: admins hear of a dispute still undecided. Keyed by the deadline, like the revision timer. */
  disputeOverdue: defineTimer<{ orderId: string }>({
    name: 'orders.dispute-overdue',
    key: ({ orderId }, runAt) => `${orderId}:${runAt.toISOString()}`,
  }),
} satisfies TimerTable;

/** How long before the review deadline the merchant is reminded. */
export const REVIEW_REMINDER_LEAD_SECONDS = 24 * 3600;

/**
 * The timers of a delivered order: auto-accept at its review deadline, and the reminder 24 h before
 * (none when the review window is 24 h or shorter).
 */
export async function scheduleReviewTimers(
  timers: Timers,
  manager: EntityManager,
  order: OrderEntity,
  reviewWindowSeconds: number,
): Promise<void> {
  const deadline = order.reviewDeadline!;
  await timers.schedule(OrdersTimers.autoAccept, { orderId: order.id }, deadline, { manager });
  if (reviewWindowSeconds <= REVIEW_REMINDER_LEAD_SECONDS) return;
  const remindAt = new Date(deadline.getTime() - REVIEW_REMINDER_LEAD_SECONDS * 1000);
  await timers.schedule(
    OrdersTimers.remindReview,
    { orderId: order.id, reviewDeadline: deadline.toISOString() },
    remindAt,
    { manager },
  );
}
