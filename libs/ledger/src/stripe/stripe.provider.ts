import { Logger } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type Stripe from 'stripe';
import type { Money } from '@vtask/core';
import type {
  ChargeRequest,
  PaymentProvider,
  PayoutAccountProvider,
  PayoutRequest,
  ProviderEvent,
  ProviderOutcome,
  RefundRequest,
  WebhookParse,
} from '../payment-provider';
import { stripeEventProblem } from './stripe-event-shape';

/** Stripe's own default: a signed webhook older than this is refused (replay protection). */
export const STRIPE_WEBHOOK_TOLERANCE_S = 300;

export interface StripeApiBase {
  protocol: 'http' | 'https';
  host: string;
  port: number;
}

export interface StripeSettings {
  secretKey: string;
  /**
   * Endpoint signing secrets (whsec_...). Usually one; a Connect endpoint (account.updated of
   * connected accounts) has its own secret when it is a separate endpoint.
   */
  webhookSecrets: string[];
  /** Another API host instead of api.stripe.com (stripe-mock, the tests' fake). */
  apiBase?: StripeApiBase | null;
  /** Retries of a dropped connection or a 5xx/409 answer, with the same Idempotency-Key. */
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

/** The SDK client, shared by the provider and the reconciliation command. */
export function createStripeClient(
  settings: Pick<StripeSettings, 'secretKey' | 'apiBase' | 'maxNetworkRetries' | 'timeoutMs'>,
): Stripe {
  // Required here rather than imported at the top: the SDK is over 200 files, and a server on the
  // sandbox provider (the demo, every test server) never needs it, so it starts without loading them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const StripeSdk = require('stripe') as typeof Stripe;
  return new StripeSdk(settings.secretKey, {
    maxNetworkRetries: settings.maxNetworkRetries ?? 2,
    timeout: settings.timeoutMs ?? 20_000,
    telemetry: false,
    appInfo: { name: 'V-Task' },
    ...(settings.apiBase
      ? { protocol: settings.apiBase.protocol, host: settings.apiBase.host, port: settings.apiBase.port }
      : {}),
  });
}

/** The transfer group of an order's charge: Stripe lists its charges (and refunds) by it. */
export const stripeOrderGroup = (orderId: string) => `order:${orderId}`;
/** The transfer group of a payout's transfer. */
export const stripePayoutGroup = (payoutId: string) => `payout:${payoutId}`;

/**
 * Stripe with "separate charges and transfers": a PaymentIntent per order (its transfer_group names the
 * order), refunds of that PaymentIntent, and Transfers from the platform balance to the owner's Express
 * connected account for payouts. Every POST carries our idempotency key, so a retry (the SDK's after a
 * dropped connection, or recovery's after a crash) can never charge, refund or pay twice.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe';
  readonly payoutAccounts: PayoutAccountProvider;
  private readonly stripe: Stripe;
  private readonly logger = new Logger('Stripe');

  constructor(private readonly settings: StripeSettings) {
    if (!settings.secretKey) throw new Error('Stripe needs a secret key.');
    if (!settings.webhookSecrets.length) throw new Error('Stripe needs a webhook signing secret.');
    this.stripe = createStripeClient(settings);
    this.payoutAccounts = {
      createAccount: async ({ walletAccount, email, idempotencyKey }) => {
        const account = await this.stripe.accounts.create(
          {
            type: 'express',
            ...(email ? { email } : {}),
            capabilities: { transfers: { requested: true } },
            metadata: { walletAccount },
          },
          { idempotencyKey },
        );
        return { reference: account.id, ready: accountReady(account) };
      },
      onboardingLink: async ({ reference, returnUrl, refreshUrl, idempotencyKey }) => {
        const link = await this.stripe.accountLinks.create(
          { account: reference, return_url: returnUrl, refresh_url: refreshUrl, type: 'account_onboarding' },
          { idempotencyKey },
        );
        return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
      },
    };
  }

  /** A PaymentIntent the payer confirms in the browser with its client secret; the webhook says how it ended. */
  charge(request: ChargeRequest): Promise<ProviderOutcome> {
    return this.outcome(
      () =>
        this.stripe.paymentIntents.create(
          {
            amount: minorUnits(request.amount),
            currency: request.amount.currency.toLowerCase(),
            transfer_group: stripeOrderGroup(request.orderId),
            description: `V-Task order ${request.orderId}`,
            metadata: { orderId: request.orderId, operationId: request.operationId },
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      (intent): ProviderOutcome => {
        if (intent.status === 'succeeded') return { status: 'SUCCEEDED', reference: intent.id };
        if (intent.status === 'canceled') {
          return { status: 'FAILED', reason: 'Stripe cancelled the payment.', reference: intent.id };
        }
        if (!intent.client_secret)
          throw new Error(`Stripe returned the PaymentIntent ${intent.id} without a client secret.`);
        return { status: 'REQUIRES_ACTION', reference: intent.id, clientSecret: intent.client_secret };
      },
    );
  }

  refund(request: RefundRequest): Promise<ProviderOutcome> {
    if (!request.chargeReference) {
      return Promise.resolve({ status: 'FAILED', reason: 'There is no Stripe payment to refund.' });
    }
    return this.outcome(
      () =>
        this.stripe.refunds.create(
          {
            payment_intent: request.chargeReference,
            amount: minorUnits(request.amount),
            metadata: { orderId: request.orderId, operationId: request.operationId },
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      (refund): ProviderOutcome =>
        refund.status === 'failed' || refund.status === 'canceled'
          ? {
              status: 'FAILED',
              reason: `Stripe could not refund: ${refund.failure_reason ?? refund.status}.`,
              reference: refund.id,
            }
          : // pending and requires_action refunds are under way; charge.refunded confirms them.
            { status: 'SUCCEEDED', reference: refund.id },
    );
  }

  payout(request: PayoutRequest): Promise<ProviderOutcome> {
    if (!request.destination) {
      // PayoutsService never calls without one; a refusal here would move money back for no reason.
      return Promise.reject(new Error(`payout ${request.payoutId} has no connected account to transfer to`));
    }
    const destination = request.destination;
    return this.outcome(
      () =>
        this.stripe.transfers.create(
          {
            amount: minorUnits(request.amount),
            currency: request.amount.currency.toLowerCase(),
            destination,
            transfer_group: stripePayoutGroup(request.payoutId),
            metadata: {
              payoutId: request.payoutId,
              operationId: request.operationId,
              walletAccount: request.account,
            },
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      (transfer): ProviderOutcome => ({ status: 'SUCCEEDED', reference: transfer.id }),
    );
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): WebhookParse {
    const header = headers['stripe-signature'];
    const signature = Array.isArray(header) ? header[0] : header;
    if (!signature) return { ok: false, reason: 'The Stripe-Signature header is missing.' };
    const verifier = this.stripe.webhooks.signature;
    let verified = false;
    let lastError = verifier ? 'no signing secret' : 'the SDK has no signature helper';
    for (const secret of verifier ? this.settings.webhookSecrets : []) {
      try {
        // On the exact bytes received: a re-serialized body would not verify.
        verified = verifier!.verifyHeader(rawBody, signature, secret, STRIPE_WEBHOOK_TOLERANCE_S);
        if (verified) break;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
    }
    if (!verified) {
      return { ok: false, reason: `The Stripe signature does not verify: ${lastError.split('\n')[0]}` };
    }
    // Signed by Stripe, so authentic; whether V-Task can act on it is a separate question with its
    // own answer (a signed event that does not parse or lacks a field is not a bad signature).
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return { ok: false, reason: 'Malformed event: the body is not JSON.' };
    }
    const problem = stripeEventProblem(parsed);
    if (problem) return { ok: false, reason: `Malformed event: ${problem}.` };
    const event = parsed as Stripe.Event;
    return {
      ok: true,
      webhook: {
        id: event.id,
        type: event.type,
        createdAt: new Date(event.created * 1000),
        event: normalize(event),
      },
    };
  }

  /**
   * Stripe's refusals (a declined card, an invalid request such as a closed destination account or an
   * amount over its ceiling, amount_too_large) are final outcomes, as is an amount it cannot take at all; anything else (network, 5xx, rate limit, authentication, idempotency conflicts) throws,
   * leaving the operation PENDING for a retry with the same key.
   */
  private async outcome<T>(
    call: () => Promise<T>,
    map: (value: T) => ProviderOutcome,
  ): Promise<ProviderOutcome> {
    let value: T;
    try {
      value = await call();
    } catch (error) {
      if (error instanceof StripeAmountOutOfRange) return { status: 'FAILED', reason: error.message };
      if (
        error instanceof this.stripe.errors.StripeCardError ||
        error instanceof this.stripe.errors.StripeInvalidRequestError
      ) {
        this.logger.warn(
          `Stripe refused a request: ${error.message} (${error.code ?? error.type}, ${error.requestId ?? 'no request id'})`,
        );
        return { status: 'FAILED', reason: `Stripe refused: ${error.message}`.slice(0, 500) };
      }
      throw error;
    }
    return map(value);
  }
}

/** An amount Stripe's API cannot take at all: a refusal of this request, not a reason to call again. */
class StripeAmountOutOfRange extends Error {}

/** Stripe's integer `amount`; one past what a JSON number holds exactly is refused before any call. */
function minorUnits(amount: Money): number {
  if (amount.minor <= 0n || amount.minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new StripeAmountOutOfRange(
      `Stripe cannot take ${amount.toDecimal()} ${amount.currency}: amounts are whole minor units from 1 to ${Number.MAX_SAFE_INTEGER}.`,
    );
  }
  return Number(amount.minor);
}

function accountReady(account: Stripe.Account): boolean {
  return account.capabilities?.transfers === 'active';
}

/**
 * The V-Task id (orderId, operationId, payoutId) that our own calls put in the metadata; anything
 * that is not a UUID was not put there by V-Task and names nothing of ours.
 */
function metadataOf(object: { metadata?: Stripe.Metadata | null }, key: string): string | null {
  const value = object.metadata?.[key];
  return typeof value === 'string' && isUUID(value) ? value : null;
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

/** The order named by a transfer group `order:<id>`, when metadata does not say. */
function orderOfGroup(group: string | null | undefined): string | null {
  const orderId = group?.startsWith('order:') ? group.slice('order:'.length) : null;
  return orderId && isUUID(orderId) ? orderId : null;
}

/** Stripe's event reduced to what V-Task acts on; the rest is acknowledged and ignored. */
function normalize(event: Stripe.Event): ProviderEvent {
  const object = event.data.object as unknown;
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = object as Stripe.PaymentIntent;
      return {
        kind: 'CHARGE_SUCCEEDED',
        reference: intent.id,
        amountMinor: BigInt(intent.amount_received || intent.amount),
        currency: intent.currency.toUpperCase(),
        orderId: metadataOf(intent, 'orderId') ?? orderOfGroup(intent.transfer_group),
        operationId: metadataOf(intent, 'operationId'),
      };
    }
    case 'payment_intent.payment_failed': {
      const intent = object as Stripe.PaymentIntent;
      return {
        kind: 'CHARGE_FAILED',
        reference: intent.id,
        orderId: metadataOf(intent, 'orderId') ?? orderOfGroup(intent.transfer_group),
        operationId: metadataOf(intent, 'operationId'),
        reason: intent.last_payment_error?.message ?? 'The payment failed.',
      };
    }
    case 'charge.refunded': {
      const charge = object as Stripe.Charge;
      return {
        kind: 'CHARGE_REFUNDED',
        chargeReference: idOf(charge.payment_intent),
        orderId: metadataOf(charge, 'orderId') ?? orderOfGroup(charge.transfer_group),
        refundedMinor: BigInt(charge.amount_refunded),
        currency: charge.currency.toUpperCase(),
        // Only listed when the API version or an expand includes them; the total above is always there.
        refunds: (charge.refunds?.data ?? []).map((refund) => ({
          reference: refund.id,
          operationId: metadataOf(refund, 'operationId'),
          status: refund.status ?? 'unknown',
        })),
      };
    }
    case 'transfer.reversed': {
      const transfer = object as Stripe.Transfer;
      return {
        kind: 'TRANSFER_REVERSED',
        reference: transfer.id,
        payoutId: metadataOf(transfer, 'payoutId'),
        operationId: metadataOf(transfer, 'operationId'),
        reversedMinor: BigInt(transfer.amount_reversed),
        currency: transfer.currency.toUpperCase(),
      };
    }
    case 'account.updated': {
      const account = object as Stripe.Account;
      return { kind: 'PAYOUT_ACCOUNT_UPDATED', reference: account.id, ready: accountReady(account) };
    }
    default:
      return { kind: 'IGNORED' };
  }
}
