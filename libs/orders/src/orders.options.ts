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
}
