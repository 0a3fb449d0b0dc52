import type { CancellationStage } from './cancellation-terms';

export const ORDERS_OPTIONS = Symbol('ORDERS_OPTIONS');

export interface OrdersOptions {
  /** Platform fee in basis points, fixed on each order when it is created. */
  platformFeeBps: number;
  /** Seconds the merchant has to fund a new order. */
  fundingWindowSeconds: number;
  /** Seconds after a delivery before it is accepted automatically. */
  reviewWindowSeconds: number;
  /**
   * MAX_ORDER_AMOUNT (a decimal, e.g. "999999.99"): no order is made above it, even from a bid, offer or
   * invitation priced before the ceiling was lowered. Unset: no ceiling here (the API checks every price).
   */
  maxOrderAmount?: string;
  /** DAY_S: seconds in a "day" of a duration written in days (retention, exclusivity); 86400 outside tests. */
  daySeconds: number;
  /** RETENTION_HOLDBACK_BPS: share of the price held in escrow through the retention window. */
  retentionHoldbackBps: number;
  /** RESTORE_WINDOW_S: seconds the creator has to restore content the merchant reported down. */
  restoreWindowSeconds: number;
  /** PUBLISH_WINDOW_S: seconds after acceptance to mark the content published. */
  publishWindowSeconds: number;
  /** CANCELLATION_TERMS, parsed: the kill-fee table fixed on each new order. */
  cancellationTerms: CancellationStage[];
  /** REVISION_WINDOW_S: seconds the creator has to deliver a requested revision. */
  revisionWindowSeconds: number;
  /** DISPUTE_WINDOW_S: seconds before an undecided dispute is overdue. */
  disputeWindowSeconds: number;
}
