import type { TextContext } from '@vtask/core';

/** An amount in a payout note's parameters (JSON: no bigint). */
interface MoneyParam {
  /** The API's decimal string, "800.00". */
  amount: string;
  currency: string;
}

/**
 * Why a payout has not simply gone, as the server writes it: a code and its facts, worded at read
 * time in the reader's language (SPEC "Language and conversation"). A provider's own refusal is kept
 * in `failureReason` as the provider wrote it.
 */
export interface PayoutReasonParamsByKey {
  WAITING_FOR_PAYOUT_ACCOUNT: Record<string, never>;
  REVERSED_WHOLE: { reference: string; returned: MoneyParam };
  REVERSED_PART: { reference: string; returned: MoneyParam };
}

export type PayoutReasonKey = keyof PayoutReasonParamsByKey;

export type PayoutReason = {
  [K in PayoutReasonKey]: { key: K; params: PayoutReasonParamsByKey[K] };
}[PayoutReasonKey];

type Words<P> = (params: P, reader: TextContext) => string;

interface PayoutText<P> {
  en: Words<P>;
  zh: Words<P>;
  /** Parameters a test words the reason with, in both languages (a key cannot ship untranslated). */
  example: P;
}

function money(value: MoneyParam, reader: TextContext): string {
  if (reader.locale === 'en' || value.currency !== 'CNY') return `${value.amount} ${value.currency}`;
  return `¥${value.amount}`;
}

/** A payment provider as a reader knows it; an unknown one by its own name. */
export function payoutProviderLabel(provider: string, reader: TextContext): string {
  if (provider === 'stripe') return 'Stripe';
  if (provider === 'sandbox') return reader.locale === 'en' ? 'sandbox' : '沙盒';
  return provider;
}

/** Every payout reason's words, in both languages. */
export const PAYOUT_REASON_TEXTS: { [K in PayoutReasonKey]: PayoutText<PayoutReasonParamsByKey[K]> } = {
  WAITING_FOR_PAYOUT_ACCOUNT: {
    en: () =>
      'Waiting for a connected payout account: use connectPayoutAccount and finish the onboarding; the payout is sent as soon as the account can receive transfers.',
    zh: () => '等待绑定收款账户：请完成收款账户开通，账户可以收款后会立即打款。',
    example: {},
  },
  REVERSED_WHOLE: {
    en: (p, r) => `The transfer ${p.reference} was reversed; ${money(p.returned, r)} is back in the wallet.`,
    zh: (p, r) => `转账 ${p.reference} 已被撤回，${money(p.returned, r)} 已退回钱包。`,
    example: { reference: 'tr_1Q8abc', returned: { amount: '50.00', currency: 'CNY' } },
  },
  REVERSED_PART: {
    en: (p, r) =>
      `Part of the transfer ${p.reference} was reversed; ${money(p.returned, r)} is back in the wallet.`,
    zh: (p, r) => `转账 ${p.reference} 被部分撤回，${money(p.returned, r)} 已退回钱包。`,
    example: { reference: 'tr_1Q8abc', returned: { amount: '20.00', currency: 'CNY' } },
  },
};

/** A payout as stored, as far as its notes go. */
export interface StoredPayoutNote {
  status: string;
  provider: string | null;
  providerReference: string | null;
  failureReason: string | null;
  failureKey: string | null;
  failureParams: object | null;
}

/** Why the payout waits or failed, for its reader: a keyed reason worded; a provider's own, as written. */
export function payoutFailureReason(payout: StoredPayoutNote, reader: TextContext): string | null {
  const text = payout.failureKey
    ? (PAYOUT_REASON_TEXTS[payout.failureKey as PayoutReasonKey] as PayoutText<unknown> | undefined)
    : undefined;
  if (!text) return payout.failureReason;
  return (reader.locale === 'en' ? text.en : text.zh)(payout.failureParams ?? {}, reader);
}

/**
 * The payout record's note: what happened, with the provider's reference kept verbatim and labelled
 * ("已打款（沙盒，sandbox_po_…）" / "Paid out (sandbox, sandbox_po_…)"); why it waits or failed otherwise.
 */
export function payoutNote(payout: StoredPayoutNote, reader: TextContext): string {
  const en = reader.locale === 'en';
  const why = payoutFailureReason(payout, reader);
  if (payout.status === 'PAID') {
    const ref = payout.providerReference
      ? payout.provider
        ? `${payoutProviderLabel(payout.provider, reader)}${en ? ', ' : '，'}${payout.providerReference}`
        : payout.providerReference
      : null;
    const paid = en ? `Paid out${ref ? ` (${ref})` : ''}` : `已打款${ref ? `（${ref}）` : ''}`;
    // A partly reversed transfer stays paid, with what came back.
    return why ? `${paid}${en ? '. ' : '。'}${why}` : paid;
  }
  if (payout.status === 'FAILED') {
    if (payout.failureKey) return why!;
    return why ? (en ? `Payout failed: ${why}` : `打款失败：${why}`) : en ? 'Payout failed' : '打款失败';
  }
  return why ?? (en ? 'Being paid out' : '打款处理中');
}
