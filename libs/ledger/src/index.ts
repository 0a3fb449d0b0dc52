// The ledger's public face: what other libraries and the API may use. Its entities stay private
// (LEDGER_ENTITIES is for the API's TypeORM registration only).
export { LEDGER_ENTITIES } from './entities';
export { LedgerModule } from './ledger.module';
export { LEDGER_OPTIONS, type LedgerOptions } from './ledger.options';
export { LedgerErrors } from './ledger.errors';
export {
  PAYMENT_TRANSITIONS,
  PAYOUT_TRANSITIONS,
  PayoutStatus,
  ProviderOperationKind,
  ProviderOperationStatus,
  type PaymentAction,
  type PayoutAction,
} from './ledger.states';
export {
  EscrowPart,
  LedgerAccount,
  PostingKind,
  ESCROW_SETTLEMENTS,
  keepsRunningBalance,
} from './ledger-accounts';
export { ledgerViolations, type LedgerQuerySource } from './ledger-invariants';
export { LedgerService, type Posting, type PostingLine } from './ledger.service';
export { EscrowStatus, EscrowViewService, type EscrowView } from './escrow-view.service';
export { releasedParts, splitRelease, type EscrowParties } from './escrow.postings';
export { IdempotencyService, MAX_IDEMPOTENCY_KEY_LENGTH, type IdempotencyClaim } from './idempotency.service';
export type {
  ChargePayee,
  ChargeResult,
  FundingRequest,
  PayeeStanding,
  PaymentListener,
} from './payment-listener';
export { PaymentsService } from './payments.service';
export { PaymentWebhooksService, type WebhookReceipt } from './payment-webhooks.service';
export { PayoutsService, WAITING_FOR_PAYOUT_ACCOUNT } from './payouts.service';
export { PayoutAccountsService, type OnboardingLink } from './payout-accounts.service';
export { walletAccountOf } from './wallet-account';
export {
  PAYMENT_PROVIDER,
  type ChargeRequest,
  type PaymentProvider,
  type PayoutAccountProvider,
  type PayoutRequest,
  type ProviderEvent,
  type ProviderOutcome,
  type ProviderWebhook,
  type RefundRequest,
  type WebhookParse,
} from './payment-provider';
export { SandboxPaymentProvider } from './sandbox.provider';
export {
  createStripeClient,
  STRIPE_WEBHOOK_TOLERANCE_S,
  StripePaymentProvider,
  stripeOrderGroup,
  stripePayoutGroup,
  type StripeApiBase,
  type StripeSettings,
} from './stripe/stripe.provider';
export { StripeReconciliation, type ReconciledGroup } from './stripe/stripe-reconciliation';
export {
  PAYOUT_REASON_TEXTS,
  payoutFailureReason,
  payoutNote,
  payoutProviderLabel,
  type PayoutReasonKey,
  type StoredPayoutNote,
} from './payout-notes';
