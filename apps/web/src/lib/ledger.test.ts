import { describe, expect, it } from 'vitest';
import {
  describeLedgerAccount,
  groupLedgerEntries,
  ledgerKindLabel,
  providerLabel,
  settledAmounts,
  type LedgerEntryLike,
} from './ledger';

const ORDER = '7d1c1c4e-3a52-4f0e-9d9f-4b1f3a2c9e10';
const CREATOR = '0f6b8a2d-5c1e-4a7b-8e3f-1d2c3b4a5e6f';

describe('describeLedgerAccount', () => {
  it.each([
    [`escrow:order/${ORDER}`, 'escrow', 'ledger.account.escrow', ORDER],
    [`creator/${CREATOR}`, 'creator', 'ledger.account.creator', CREATOR],
    ['merchant/m-1', 'merchant', 'ledger.account.merchant', 'm-1'],
    ['agency/a-1', 'agency', 'ledger.account.agency', 'a-1'],
    ['platform:fees', 'platformFees', 'ledger.account.platformFees', null],
    ['external:sandbox', 'external', 'ledger.account.external', 'sandbox'],
    ['external:stripe', 'external', 'ledger.account.external', 'stripe'],
  ])('names %s', (account, kind, label, ref) => {
    expect(describeLedgerAccount(account)).toEqual({ kind, label, ref, raw: account });
  });

  it.each(['platform:other', 'escrow:order/', 'creator/', 'external:', 'wallet/x', ''])(
    'keeps %j as it is when it does not know it',
    (account) => {
      expect(describeLedgerAccount(account)).toEqual({
        kind: 'other',
        label: 'ledger.account.other',
        ref: null,
        raw: account,
      });
    },
  );

  it('names the payment providers the API runs with, and keeps an unknown one as its id', () => {
    expect(providerLabel('sandbox')).toBe('ledger.provider.sandbox');
    expect(providerLabel('stripe')).toBe('ledger.provider.stripe');
    expect(providerLabel('alipay')).toBeNull();
  });
});

describe('ledgerKindLabel', () => {
  it('names the posting kinds it knows and leaves others to be shown raw', () => {
    expect(ledgerKindLabel('FUND')).toBe('ledger.kind.FUND');
    expect(ledgerKindLabel('AGENCY_SHARE')).toBe('ledger.kind.AGENCY_SHARE');
    expect(ledgerKindLabel('PAYOUT_REVERSAL')).toBe('ledger.kind.PAYOUT_REVERSAL');
    expect(ledgerKindLabel('SOMETHING_NEW')).toBeNull();
  });
});

describe('groupLedgerEntries', () => {
  const entry = (
    id: string,
    transactionId: string,
    kind: string,
    account: string,
    amount: string,
    at: string,
  ): LedgerEntryLike => ({ id, transactionId, kind, account, at, amount: { amount, currencyCode: 'CNY' } });

  // A funded and accepted order with an agency: lines as they might arrive, interleaved.
  const entries = [
    entry('r2', 'tx-release', 'FEE', 'platform:fees', '100.00', '2026-11-02T10:00:00.000Z'),
    entry('f1', 'tx-fund', 'FUND', 'external:sandbox', '-1000.00', '2026-11-01T09:00:00.000Z'),
    entry('r1', 'tx-release', 'RELEASE', `creator/${CREATOR}`, '720.00', '2026-11-02T10:00:00.000Z'),
    entry('r3', 'tx-release', 'RELEASE', `escrow:order/${ORDER}`, '-1000.00', '2026-11-02T10:00:00.000Z'),
    entry('f2', 'tx-fund', 'FUND', `escrow:order/${ORDER}`, '1000.00', '2026-11-01T09:00:00.000Z'),
    entry('r4', 'tx-release', 'AGENCY_SHARE', 'agency/a-1', '180.00', '2026-11-02T10:00:00.000Z'),
  ];

  it('keeps each transaction together, oldest first', () => {
    const groups = groupLedgerEntries(entries);
    expect(groups.map((group) => group.transactionId)).toEqual(['tx-fund', 'tx-release']);
    expect(groups.map((group) => group.entries.map((line) => line.id))).toEqual([
      ['f1', 'f2'],
      ['r3', 'r1', 'r4', 'r2'],
    ]);
  });

  it('names a transaction by its largest debit and dates it by its first line', () => {
    const [fund, release] = groupLedgerEntries(entries);
    expect(fund).toMatchObject({ kind: 'FUND', at: '2026-11-01T09:00:00.000Z' });
    expect(release).toMatchObject({ kind: 'RELEASE', at: '2026-11-02T10:00:00.000Z' });
  });

  it('puts debits before credits, largest first, comparing amounts exactly', () => {
    const [split] = groupLedgerEntries([
      entry('a', 'tx', 'REFUND', 'external:sandbox', '200.00', '2026-11-03T00:00:00Z'),
      entry('b', 'tx', 'RELEASE', 'creator/c', '180.00', '2026-11-03T00:00:00Z'),
      entry('c', 'tx', 'SPLIT', 'escrow:order/o', '-400.00', '2026-11-03T00:00:00Z'),
      entry('d', 'tx', 'FEE', 'platform:fees', '20.00', '2026-11-03T00:00:00Z'),
    ]);
    expect(split.kind).toBe('SPLIT');
    expect(split.entries.map((line) => line.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('is empty for an order no money has moved on', () => {
    expect(groupLedgerEntries([])).toEqual([]);
  });
});

describe('settledAmounts', () => {
  const line = (kind: string, account: string, amount: string): LedgerEntryLike => ({
    id: `${kind}-${account}-${amount}`,
    transactionId: 'tx',
    kind,
    account,
    at: '2026-11-03T00:00:00Z',
    amount: { amount, currencyCode: 'CNY' },
  });
  const funded = [
    line('FUND', 'external:sandbox', '-800.00'),
    line('FUND', `escrow:order/${ORDER}`, '800.00'),
  ];

  it('a 50/50 split of 800.00 pays the creator 360.00 and the platform 40.00, not the agreed 720.00', () => {
    const split = [
      line('SPLIT', `escrow:order/${ORDER}`, '-800.00'),
      line('RELEASE', `creator/${CREATOR}`, '360.00'),
      line('FEE', 'platform:fees', '40.00'),
      line('REFUND', 'external:sandbox', '400.00'),
    ];
    expect(settledAmounts([...funded, ...split])).toEqual({
      creator: '360.00',
      platformFee: '40.00',
      agencyShare: '0.00',
    });
  });

  it('a full release with an agency: each party its part, cents exact', () => {
    const release = [
      line('RELEASE', `escrow:order/${ORDER}`, '-999.99'),
      line('RELEASE', `creator/${CREATOR}`, '719.99'),
      line('FEE', 'platform:fees', '99.99'),
      line('AGENCY_SHARE', 'agency/a-1', '180.01'),
    ];
    expect(settledAmounts(release)).toEqual({
      creator: '719.99',
      platformFee: '99.99',
      agencyShare: '180.01',
    });
  });

  it('a cancellation (refund) or no funding at all pays no one', () => {
    const refund = [
      line('REFUND', `escrow:order/${ORDER}`, '-800.00'),
      line('REFUND', 'external:sandbox', '800.00'),
    ];
    const none = { creator: '0.00', platformFee: '0.00', agencyShare: '0.00' };
    expect(settledAmounts([...funded, ...refund])).toEqual(none);
    expect(settledAmounts([])).toEqual(none);
  });
});
