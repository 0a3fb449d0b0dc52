import { TransitionTable } from '@vtask/core';

export enum ProviderOperationKind {
  CHARGE = 'CHARGE',
  REFUND = 'REFUND',
  TRANSFER = 'TRANSFER',
  PAYOUT = 'PAYOUT',
}

export enum ProviderOperationStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  /** Waiting for the payer (e.g. card confirmation); a webhook completes it. */
  REQUIRES_ACTION = 'REQUIRES_ACTION',
  FAILED = 'FAILED',
}

export enum PayoutStatus {
  PENDING = 'PENDING',
  PAID = 'PAID',
  FAILED = 'FAILED',
}

export type PaymentAction =
  'SUCCEED' | 'AWAIT_PAYER' | 'FAIL' | 'REVIVE' | 'CONFIRM_UNANSWERED' | 'REVERSE_PART' | 'REVERSE_WHOLE';

/** A call still open: its outcome may be recorded (a later duplicate report finds it closed). */
const OPEN = [ProviderOperationStatus.PENDING, ProviderOperationStatus.REQUIRES_ACTION];

/**
 * A payment (a charge, refund, transfer or payout: one call to the provider) as data. Recorded PENDING
 * before the call; the call's outcome, or the provider's webhook, closes it.
 */
export const PAYMENT_TRANSITIONS = new TransitionTable<ProviderOperationStatus, PaymentAction>(
  'payment',
  Object.values(ProviderOperationStatus),
  {
    SUCCEED: { from: OPEN, to: ProviderOperationStatus.SUCCEEDED },
    AWAIT_PAYER: { from: OPEN, to: ProviderOperationStatus.REQUIRES_ACTION },
    FAIL: { from: OPEN, to: ProviderOperationStatus.FAILED },
    // The provider reports that a charge we recorded FAILED went through after all (the payer retried):
    // it is live again until its success is recorded.
    REVIVE: { from: [ProviderOperationStatus.FAILED], to: ProviderOperationStatus.REQUIRES_ACTION },
    // The provider's report shows a refund done whose answer a crash lost.
    CONFIRM_UNANSWERED: { from: [ProviderOperationStatus.PENDING], to: ProviderOperationStatus.SUCCEEDED },
    // The provider took back part or all of a transfer it had made.
    REVERSE_PART: { from: Object.values(ProviderOperationStatus), to: ProviderOperationStatus.SUCCEEDED },
    REVERSE_WHOLE: { from: Object.values(ProviderOperationStatus), to: ProviderOperationStatus.FAILED },
  },
);

/** Which transition a provider's answer makes. */
export const OUTCOME_ACTION: Readonly<Record<'SUCCEEDED' | 'REQUIRES_ACTION' | 'FAILED', PaymentAction>> = {
  SUCCEEDED: 'SUCCEED',
  REQUIRES_ACTION: 'AWAIT_PAYER',
  FAILED: 'FAIL',
};

/** Charges that hold (or may still take) the order's money: at most one per order at a time. */
export const LIVE_CHARGE_STATUSES: readonly ProviderOperationStatus[] = [
  ProviderOperationStatus.PENDING,
  ProviderOperationStatus.REQUIRES_ACTION,
  ProviderOperationStatus.SUCCEEDED,
];

export type PayoutAction = 'PAY' | 'REFUSE' | 'REVERSE_PART' | 'REVERSE_WHOLE';

/**
 * A payout: PENDING until the provider pays it (a refusal returns the money to the wallet); the
 * provider may later reverse part of the transfer (still PAID) or all of it (FAILED, money returned).
 */
export const PAYOUT_TRANSITIONS = new TransitionTable<PayoutStatus, PayoutAction>(
  'payout',
  Object.values(PayoutStatus),
  {
    PAY: { from: [PayoutStatus.PENDING], to: PayoutStatus.PAID },
    REFUSE: { from: [PayoutStatus.PENDING], to: PayoutStatus.FAILED },
    REVERSE_PART: { from: Object.values(PayoutStatus), to: PayoutStatus.PAID },
    REVERSE_WHOLE: { from: Object.values(PayoutStatus), to: PayoutStatus.FAILED },
  },
);
