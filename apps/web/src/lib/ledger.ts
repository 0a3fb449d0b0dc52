import type { MessageKey } from '../i18n/zh';
import { compareAmounts, type MoneyValue } from './money';

/** The kinds of ledger account (SPEC "Ledger"), as people know them. */
export type LedgerAccountKind =
  'escrow' | 'merchant' | 'creator' | 'agency' | 'platformFees' | 'external' | 'other';

export interface LedgerAccountName {
  kind: LedgerAccountKind;
  /** The message that names the account for users. */
  label: MessageKey;
  /** What follows the prefix: the order, wallet owner or provider (`sandbox`, `stripe`); null for platform:fees. */
  ref: string | null;
  /** The account exactly as the ledger stores it, for a tooltip. */
  raw: string;
}

const PREFIXES: { prefix: string; kind: LedgerAccountKind; label: MessageKey }[] = [
  { prefix: 'escrow:order/', kind: 'escrow', label: 'ledger.account.escrow' },
  { prefix: 'merchant/', kind: 'merchant', label: 'ledger.account.merchant' },
  { prefix: 'creator/', kind: 'creator', label: 'ledger.account.creator' },
  { prefix: 'agency/', kind: 'agency', label: 'ledger.account.agency' },
  { prefix: 'external:', kind: 'external', label: 'ledger.account.external' },
];

/** The payment providers the API can run with (PAYMENT_PROVIDER), by the names users know. */
const PROVIDERS: Record<string, MessageKey> = {
  sandbox: 'ledger.provider.sandbox',
  stripe: 'ledger.provider.stripe',
};

/** A provider's name for users (`external:<provider>`); one the console does not know keeps its id. */
export function providerLabel(provider: string): MessageKey | null {
  return PROVIDERS[provider] ?? null;
}

/**
 * A ledger account name (`escrow:order/<id>`, `creator/<id>`, `platform:fees`, `external:sandbox`)
 * in words for users; anything unknown keeps its raw name (label `ledger.account.other`).
 */
export function describeLedgerAccount(account: string): LedgerAccountName {
  if (account === 'platform:fees') {
    return { kind: 'platformFees', label: 'ledger.account.platformFees', ref: null, raw: account };
  }
  for (const { prefix, kind, label } of PREFIXES) {
    if (account.startsWith(prefix) && account.length > prefix.length) {
      return { kind, label, ref: account.slice(prefix.length), raw: account };
    }
  }
  return { kind: 'other', label: 'ledger.account.other', ref: null, raw: account };
}

const KINDS = [
  'FUND',
  'RELEASE',
  'FEE',
  'AGENCY_SHARE',
  'REFUND',
  'SPLIT',
  'PAYOUT',
  'PAYOUT_REVERSAL',
] as const;
type KnownKind = (typeof KINDS)[number];

/** The message for a posting kind (FUND, RELEASE, FEE ...); null for a kind this console does not know. */
export function ledgerKindLabel(kind: string): MessageKey | null {
  return (KINDS as readonly string[]).includes(kind) ? (`ledger.kind.${kind as KnownKind}` as const) : null;
}

export interface LedgerEntryLike {
  id: string;
  kind: string;
  account: string;
  at: string;
  transactionId: string;
  amount: MoneyValue;
}

export interface LedgerTransaction<T extends LedgerEntryLike> {
  transactionId: string;
  /** When the first of its entries was posted. */
  at: string;
  /** What the transaction did: the kind of its largest debit (e.g. RELEASE for a release with its FEE line). */
  kind: string;
  /** Debits first, then credits, largest first within each. */
  entries: T[];
}

/**
 * An order's ledger lines as journal transactions, oldest first: each transaction's entries
 * together (they sum to zero), whatever order the lines came in.
 */
export function groupLedgerEntries<T extends LedgerEntryLike>(entries: readonly T[]): LedgerTransaction<T>[] {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const group = groups.get(entry.transactionId);
    if (group) group.push(entry);
    else groups.set(entry.transactionId, [entry]);
  }
  const transactions = [...groups.entries()].map(([transactionId, lines]) => {
    const sorted = [...lines].sort(byDebitsThenSize);
    const at = lines.map((line) => line.at).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
    return { transactionId, at, kind: sorted[0].kind, entries: sorted };
  });
  return transactions.sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || a.transactionId.localeCompare(b.transactionId),
  );
}

function byDebitsThenSize(a: LedgerEntryLike, b: LedgerEntryLike): number {
  const aDebit = a.amount.amount.startsWith('-');
  const bDebit = b.amount.amount.startsWith('-');
  if (aDebit !== bDebit) return aDebit ? -1 : 1;
  // Debits: most negative first; credits: largest first.
  return aDebit
    ? compareAmounts(a.amount.amount, b.amount.amount)
    : compareAmounts(b.amount.amount, a.amount.amount);
}

/** What an order's settlement paid out, summed from its ledger lines, as "360.00" amounts. */
export interface SettledAmounts {
  /** Credited to the creator's wallet. */
  creator: string;
  platformFee: string;
  agencyShare: string;
}

/** The posting kinds that carry escrow to the creator side (a release, or a split's released part). */
const PAID_OUT = new Set(['RELEASE', 'FEE', 'AGENCY_SHARE']);

/**
 * What actually moved to the creator, the platform and the agency when the order settled: the
 * agreed split (price less fee and share) is what a full release would pay, while a dispute's split
 * or a cancellation pays less, or nothing. Read from the ledger, the only record of what moved.
 */
export function settledAmounts(entries: readonly LedgerEntryLike[]): SettledAmounts {
  const cents = { creator: 0n, platformFees: 0n, agency: 0n };
  for (const entry of entries) {
    if (!PAID_OUT.has(entry.kind) || entry.amount.amount.startsWith('-')) continue;
    const { kind } = describeLedgerAccount(entry.account);
    if (kind === 'creator' || kind === 'platformFees' || kind === 'agency')
      cents[kind] += toCents(entry.amount.amount);
  }
  return {
    creator: fromCents(cents.creator),
    platformFee: fromCents(cents.platformFees),
    agencyShare: fromCents(cents.agency),
  };
}

function toCents(amount: string): bigint {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
}

function fromCents(cents: bigint): string {
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}
