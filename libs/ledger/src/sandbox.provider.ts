import { createHash } from 'node:crypto';
import type {
  ChargeRequest,
  PaymentProvider,
  PayoutRequest,
  ProviderOutcome,
  RefundRequest,
  WebhookParse,
} from './payment-provider';

/**
 * The default provider: in-process, no network, every call succeeds at once. References are derived
 * from the idempotency key, so a retried call returns the same reference, as a real provider would.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox';

  async charge(request: ChargeRequest): Promise<ProviderOutcome> {
    return { status: 'SUCCEEDED', reference: reference('ch', request.idempotencyKey) };
  }

  async refund(request: RefundRequest): Promise<ProviderOutcome> {
    return { status: 'SUCCEEDED', reference: reference('re', request.idempotencyKey) };
  }

  async payout(request: PayoutRequest): Promise<ProviderOutcome> {
    return { status: 'SUCCEEDED', reference: reference('po', request.idempotencyKey) };
  }

  /** Everything completes in-process, so nothing calls back. */
  parseWebhook(): WebhookParse {
    return { ok: false, reason: 'The sandbox payment provider sends no webhooks.' };
  }
}

function reference(prefix: string, key: string): string {
  return `sandbox_${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}
