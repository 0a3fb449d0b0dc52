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
  /** The recorded operation: travels with the charge so the provider's webhook can find it. */
  operationId: string;
}

export interface RefundRequest {
  orderId: string;
  amount: Money;
  chargeReference: string;
  idempotencyKey: string;
  operationId: string;
}

export interface PayoutRequest {
  /** The wallet account, e.g. creator/<id>. */
  account: string;
  amount: Money;
  idempotencyKey: string;
  operationId: string;
  payoutId: string;
  /** The owner's connected account at the provider, for providers that have `payoutAccounts`. */
  destination: string | null;
}

/**
 * Providers that pay out to accounts their users open with them (Stripe Connect) expose this; the
 * sandbox pays out without one.
 */
export interface PayoutAccountProvider {
  /** Opens an account for a wallet; the same idempotency key returns the same account. */
  createAccount(request: { walletAccount: string; email: string | null; idempotencyKey: string }): Promise<{
    reference: string;
    ready: boolean;
  }>;
  /** A single-use link where the owner completes the provider's onboarding. */
  onboardingLink(request: {
    reference: string;
    returnUrl: string;
    refreshUrl: string;
    idempotencyKey: string;
  }): Promise<{ url: string; expiresAt: Date }>;
}

/** A provider's webhook reduced to what V-Task acts on. Amounts are minor units, currencies upper case. */
export type ProviderEvent =
  | {
      kind: 'CHARGE_SUCCEEDED';
      reference: string;
      amountMinor: bigint;
      currency: string;
      orderId: string | null;
      operationId: string | null;
    }
  | {
      kind: 'CHARGE_FAILED';
      reference: string;
      orderId: string | null;
      operationId: string | null;
      reason: string;
    }
  | {
      kind: 'CHARGE_REFUNDED';
      /** The refunded charge as our CHARGE operations know it (for Stripe, the PaymentIntent id). */
      chargeReference: string | null;
      orderId: string | null;
      /** Everything refunded on the charge so far, by anyone. */
      refundedMinor: bigint;
      currency: string;
      refunds: { reference: string; operationId: string | null; status: string }[];
    }
  | {
      kind: 'TRANSFER_REVERSED';
      reference: string;
      payoutId: string | null;
      operationId: string | null;
      /** Everything reversed on the transfer so far. */
      reversedMinor: bigint;
      currency: string;
    }
  | { kind: 'PAYOUT_ACCOUNT_UPDATED'; reference: string; ready: boolean }
  | { kind: 'IGNORED' };

export interface ProviderWebhook {
  /** The provider's event id: each is processed at most once. */
  id: string;
  /** The provider's own event type, e.g. payment_intent.succeeded. */
  type: string;
  /** When the provider created the event (orders updates of one object that arrive out of order). */
  createdAt: Date;
  event: ProviderEvent;
}

/** A refusal (missing or bad signature, or a signed event malformed) changes nothing and is answered 400. */
export type WebhookParse = { ok: true; webhook: ProviderWebhook } | { ok: false; reason: string };

/**
 * What V-Task needs from a payment provider. Results, not exceptions: a declined card is an
 * outcome; only an unreachable provider throws (and is retried with the same idempotency key).
 */
export interface PaymentProvider {
  /** Names the provider's ledger account, `external:<name>`. */
  readonly name: string;
  /** Present when payouts need a connected account at the provider. */
  readonly payoutAccounts?: PayoutAccountProvider;
  charge(request: ChargeRequest): Promise<ProviderOutcome>;
  refund(request: RefundRequest): Promise<ProviderOutcome>;
  payout(request: PayoutRequest): Promise<ProviderOutcome>;
  /** Checks the signature of a webhook delivery on its exact bytes and normalizes the event. */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): WebhookParse;
}
