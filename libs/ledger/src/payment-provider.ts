import type { Money } from '@vtask/core';

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');

export type ProviderOutcome =
  | { status: 'SUCCEEDED'; reference: string }
  | { status: 'REQUIRES_ACTION'; reference: string; clientSecret: string }
  | { status: 'FAILED'; reason: string; reference?: string };

export interface ChargeRequest {
  orderId: string;
  amount: Money;
  /** Derived from our ids, e.g. `order:<id>:charge:<key>`; the provider deduplicates on it. */
  idempotencyKey: string;
}

export interface RefundRequest {
  orderId: string;
  amount: Money;
  chargeReference: string;
  idempotencyKey: string;
}

export interface PayoutRequest {
  /** The wallet account, e.g. creator/<id>. */
  account: string;
  amount: Money;
  idempotencyKey: string;
}

/**
 * What V-Task needs from a payment provider. Results, not exceptions: a declined card is an
 * outcome; only an unreachable provider throws (and is retried with the same idempotency key).
 */
export interface PaymentProvider {
  /** Names the provider's ledger account, `external:<name>`. */
  readonly name: string;
  charge(request: ChargeRequest): Promise<ProviderOutcome>;
  refund(request: RefundRequest): Promise<ProviderOutcome>;
  payout(request: PayoutRequest): Promise<ProviderOutcome>;
}
