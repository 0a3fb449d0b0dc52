import { ProviderOperationStatus } from './ledger.states';
import type { ChargeResult, PayeeStanding } from './payment-listener';

/**
 * What recording a charge's outcome does next, from the charge's status once recorded, where its order
 * stands, and whether this report is the one that closed the charge (a repeated report must not act twice):
 * - FUND: the order takes the money (escrow funded);
 * - REFUND_LATE: the money came after the order moved on, so it goes back;
 * - CHECK_ESCROW: a repeated report about an order that moved on: the answer depends on whether this
 *   charge funded it earlier or was refunded;
 * - RECORD_FAILURE: the first report of a failed charge, noted on the order;
 * - ANSWER: nothing to do but answer from the charge;
 * - STILL_PENDING: the provider has not answered yet.
 */
export type ChargeStep =
  'FUND' | 'REFUND_LATE' | 'CHECK_ESCROW' | 'RECORD_FAILURE' | 'ANSWER' | 'STILL_PENDING';

const AFTER_SUCCESS: Readonly<Record<PayeeStanding, (changed: boolean) => ChargeStep>> = {
  AWAITING_PAYMENT: () => 'FUND',
  FUNDED: () => 'ANSWER',
  MOVED_ON: (changed) => (changed ? 'REFUND_LATE' : 'CHECK_ESCROW'),
};

const NEXT_STEP: Readonly<
  Record<ProviderOperationStatus, (standing: PayeeStanding, changed: boolean) => ChargeStep>
> = {
  [ProviderOperationStatus.SUCCEEDED]: (standing, changed) => AFTER_SUCCESS[standing](changed),
  [ProviderOperationStatus.REQUIRES_ACTION]: () => 'ANSWER',
  [ProviderOperationStatus.FAILED]: (_, changed) => (changed ? 'RECORD_FAILURE' : 'ANSWER'),
  [ProviderOperationStatus.PENDING]: () => 'STILL_PENDING',
};

export function nextChargeStep(
  status: ProviderOperationStatus,
  standing: PayeeStanding,
  changed: boolean,
): ChargeStep {
  return NEXT_STEP[status](standing, changed);
}

/** The answer a charge gives as it stands (a PENDING one has none yet). */
export function answerOf(
  orderId: string,
  charge: { status: ProviderOperationStatus; clientSecret: string | null; failureReason: string | null },
): ChargeResult {
  switch (charge.status) {
    case ProviderOperationStatus.SUCCEEDED:
      return succeeded(orderId);
    case ProviderOperationStatus.REQUIRES_ACTION:
      return { orderId, status: 'REQUIRES_ACTION', clientSecret: charge.clientSecret, failureReason: null };
    default:
      return failed(orderId, charge.failureReason);
  }
}

export function succeeded(orderId: string): ChargeResult {
  return { orderId, status: 'SUCCEEDED', clientSecret: null, failureReason: null };
}

export function failed(orderId: string, reason: string | null): ChargeResult {
  return { orderId, status: 'FAILED', clientSecret: null, failureReason: reason };
}

/** The charge's provider key carries the funding request (user, idempotency key), so recovery can answer it. */
const CHARGE_KEY = /^order:[^:]+:charge:([0-9a-f-]{36}):(.*)$/s;

export function chargeKey(orderId: string, request: { userId: string; key: string }): string {
  return `order:${orderId}:charge:${request.userId}:${request.key}`;
}

/** The fundOrder request (user, idempotency key) a charge operation was made for, to update its answer. */
export function fundingRequestOf(charge: { idempotencyKey: string }): { userId: string; key: string } | null {
  const [, userId, key] = CHARGE_KEY.exec(charge.idempotencyKey) ?? [];
  return userId ? { userId, key } : null;
}
