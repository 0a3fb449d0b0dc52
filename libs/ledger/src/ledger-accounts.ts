/**
 * Ledger account names (SPEC "Ledger"). Money outside the platform sits in `external:<provider>`,
 * which goes negative as money comes in; every other account must stay at or above zero.
 */
export const LedgerAccount = {
  external: (provider: string) => `external:${provider}`,
  escrow: (orderId: string) => `escrow:order/${orderId}`,
  merchant: (merchantId: string) => `merchant/${merchantId}`,
  creator: (creatorId: string) => `creator/${creatorId}`,
  agency: (agencyId: string) => `agency/${agencyId}`,
  platformFees: 'platform:fees',
} as const;

/**
 * Whether the database keeps the account's running balance (table ledger_balances). `external:*` mirrors
 * money outside and `platform:*` only collects fees: neither is guarded, and each was one row that every
 * order updated. Their balance is the sum of their entries.
 */
export function keepsRunningBalance(account: string): boolean {
  return !account.startsWith('external:') && !account.startsWith('platform:');
}

/** What a journal transaction or entry records. */
export enum PostingKind {
  FUND = 'FUND',
  RELEASE = 'RELEASE',
  FEE = 'FEE',
  AGENCY_SHARE = 'AGENCY_SHARE',
  REFUND = 'REFUND',
  SPLIT = 'SPLIT',
  PAYOUT = 'PAYOUT',
  /** A payout the provider refused: the money goes back to the wallet. */
  PAYOUT_REVERSAL = 'PAYOUT_REVERSAL',
}

/** The kinds of transaction by which escrow leaves an order; each order has at most one of them. */
export const ESCROW_SETTLEMENTS: readonly PostingKind[] = [
  PostingKind.RELEASE,
  PostingKind.REFUND,
  PostingKind.SPLIT,
];

/**
 * The parts of an order's escrow (SPEC "Ledger"): the main part leaves at acceptance, cancellation or a
 * dispute's decision; the retention holdback, when the order has one, leaves when its window ends.
 */
export enum EscrowPart {
  MAIN = 'MAIN',
  HOLDBACK = 'HOLDBACK',
}
