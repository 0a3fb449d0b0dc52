import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ErrorCode,
  errorCatalogues,
  genericErrorMessage,
  INTERNAL_SERVER_ERROR,
  type TextContext,
} from '@vtask/core';
import { PAYOUT_REASON_TEXTS, payoutNote, type PayoutReasonKey } from '@vtask/ledger';
import { NOTIFICATION_TEXTS, notificationMessage, NotificationType } from '@vtask/notifications';
import { ORDER_NOTE_TEXTS, orderEventNote, type OrderNoteKey } from '@vtask/orders';
import { fieldProblemFor } from './field-problems';

/** Every error catalogue file of the libraries and the API (`*.errors.ts`), loaded so each registers. */
function loadEveryCatalogue(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry === 'node_modules') continue;
    if (statSync(path).isDirectory()) found.push(...loadEveryCatalogue(path));
    else if (entry.endsWith('.errors.ts')) found.push(path);
  }
  return found;
}
const ROOT = join(__dirname, '../../../..');
const CATALOGUE_FILES = [
  ...loadEveryCatalogue(join(ROOT, 'libs')),
  ...loadEveryCatalogue(join(ROOT, 'apps/api/src')),
];
// eslint-disable-next-line @typescript-eslint/no-require-imports
for (const file of CATALOGUE_FILES) require(file);

const ZH: TextContext = { locale: 'zh-CN', timeZone: 'Asia/Shanghai' };
const EN: TextContext = { locale: 'en', timeZone: 'Europe/Berlin' };
const CJK = /[\u4e00-\u9fff]/;

/**
 * Calls an entry's wording with sample arguments: text and numbers first, then lists and dates for
 * entries that take those (a wording must not throw for some sample, or the test names it).
 */
function worded(words: (...args: unknown[]) => unknown, length: number, reader: TextContext): string {
  const samples: unknown[][] = [
    Array.from({ length }, (_, index) => (index === 0 ? 'title' : 3)),
    Array.from({ length }, () => 'MERCHANT'),
    Array.from({ length }, () => ['MERCHANT']),
    Array.from({ length }, () => new Date('2026-12-08T05:26:28Z')),
  ];
  for (const args of samples) {
    try {
      const wording = words(...args);
      return typeof wording === 'function'
        ? (wording as (r: TextContext) => string)(reader)
        : String(wording);
    } catch {
      // the next sample
    }
  }
  throw new Error(`no sample arguments word ${String(words)}`);
}

/** Walks every text the server writes, so a new one cannot ship untranslated. */
describe('every server text in both languages', () => {
  it('has a generic message per ErrorCode (and for internal errors), Chinese with CJK and English', () => {
    for (const code of [...Object.values(ErrorCode), INTERNAL_SERVER_ERROR]) {
      expect(genericErrorMessage(code, 'zh-CN')).toMatch(CJK);
      expect(genericErrorMessage(code, 'en')).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('words every catalogued error of every library and of the API in Chinese and in English', () => {
    const names = [...errorCatalogues().keys()];
    expect(CATALOGUE_FILES.length).toBeGreaterThanOrEqual(8);
    // Every file written with defineErrors registered its catalogue (the others are not converted yet).
    const defining = CATALOGUE_FILES.filter((file) => readFileSync(file, 'utf8').includes('defineErrors('));
    expect(names.length).toBeGreaterThanOrEqual(defining.length);
    for (const lib of ['api', 'orders']) expect(names).toContain(lib);
    let entries = 0;
    for (const [name, catalogue] of errorCatalogues()) {
      for (const [key, entry] of Object.entries(catalogue)) {
        entries++;
        const length = Math.max(entry.en.length, entry.zh.length, entry.field?.length ?? 0);
        const zh = worded(entry.zh, length, ZH);
        const en = worded(entry.en, length, EN);
        expect({ error: `${name}.${key}`, zh: CJK.test(zh) }).toEqual({ error: `${name}.${key}`, zh: true });
        expect(en).toMatch(/\S/);
        expect(CJK.test(en)).toBe(false);
      }
    }
    expect(entries).toBeGreaterThan(15);
  });

  it('words every notification type in Chinese and in English, times in the reader zone', () => {
    for (const type of Object.values(NotificationType)) {
      const text = NOTIFICATION_TEXTS[type];
      expect(text).toBeDefined();
      const row = { type, params: text.example, message: 'stored' };
      const zh = notificationMessage(row, ZH);
      const en = notificationMessage(row, EN);
      expect({ type, zh: CJK.test(zh) }).toEqual({ type, zh: true });
      expect(en).toMatch(/\S/);
      expect(en).not.toBe('stored');
      expect(zh + en).not.toMatch(/\d{4}-\d\d-\d\dT/);
    }
    const funded = { type: 'ORDER_FUNDED', params: NOTIFICATION_TEXTS.ORDER_FUNDED.example, message: '' };
    expect(notificationMessage(funded, ZH)).toContain('2026年12月8日 13:26');
    expect(notificationMessage(funded, EN)).toContain('Dec 8, 2026, 06:26');
    // Rows stored before notifications kept their facts read as they were stored.
    expect(notificationMessage({ type: 'ORDER_FUNDED', params: null, message: 'old text' }, ZH)).toBe(
      'old text',
    );
  });
});

describe('timeline entries and payout notes in both languages', () => {
  it('words every timeline note key in Chinese and in English, times in the reader zone', () => {
    const keys = Object.keys(ORDER_NOTE_TEXTS) as OrderNoteKey[];
    expect(keys.length).toBeGreaterThanOrEqual(8);
    for (const key of keys) {
      const event = { note: null, noteKey: key, noteParams: ORDER_NOTE_TEXTS[key].example };
      const zh = orderEventNote(event, ZH)!;
      const en = orderEventNote(event, EN)!;
      expect({ key, zh: CJK.test(zh) }).toEqual({ key, zh: true });
      // The example's typed reason (TASK_CANCELLED) is the merchant's own Chinese, kept as typed.
      expect({ key, en: /^[\x20-\x7e]+$/.test(en.replace(/活动取消了/, '')) }).toEqual({ key, en: true });
      expect(zh + en).not.toMatch(/\d{4}-\d\d-\d\dT/);
    }
    const charged = { note: null, noteKey: 'CHARGED', noteParams: { provider: 'stripe', reference: 'ch_1' } };
    expect(orderEventNote(charged, ZH)).toBe('已扣款（Stripe，ch_1）');
    expect(orderEventNote(charged, EN)).toBe('Charged (Stripe, ch_1)');
    const sandbox = { ...charged, noteParams: { provider: 'sandbox', reference: 'sandbox_ch_9' } };
    expect(orderEventNote(sandbox, ZH)).toBe('已扣款（沙盒，sandbox_ch_9）');
    const late = {
      note: null,
      noteKey: 'NOT_FUNDED_IN_TIME',
      noteParams: ORDER_NOTE_TEXTS.NOT_FUNDED_IN_TIME.example,
    };
    expect(orderEventNote(late, ZH)).toBe('商家未在 2026年12月8日 13:26 前付款托管');
    expect(orderEventNote(late, EN)).toBe('Not funded by Dec 8, 2026, 06:26');
    // A person's words, and rows stored before notes were keyed, read as stored.
    expect(orderEventNote({ note: '预算调整', noteKey: null, noteParams: null }, EN)).toBe('预算调整');
    expect(orderEventNote({ note: 'Bid accepted', noteKey: null, noteParams: null }, ZH)).toBe(
      'Bid accepted',
    );
  });

  it('words every payout reason and the payout note in Chinese and in English', () => {
    const keys = Object.keys(PAYOUT_REASON_TEXTS) as PayoutReasonKey[];
    for (const key of keys) {
      const payout = {
        status: key === 'REVERSED_PART' ? 'PAID' : key === 'REVERSED_WHOLE' ? 'FAILED' : 'PENDING',
        provider: 'stripe',
        providerReference: key === 'WAITING_FOR_PAYOUT_ACCOUNT' ? null : 'tr_1Q8abc',
        failureReason: 'stored English',
        failureKey: key,
        failureParams: PAYOUT_REASON_TEXTS[key].example,
      };
      const zh = payoutNote(payout, ZH);
      const en = payoutNote(payout, EN);
      expect({ key, zh: CJK.test(zh) }).toEqual({ key, zh: true });
      expect({ key, en: /^[\x20-\x7e]+$/.test(en) }).toEqual({ key, en: true });
      expect(zh + en).not.toContain('stored English');
    }
    const paid = {
      status: 'PAID',
      provider: 'sandbox',
      providerReference: 'sandbox_po_1',
      failureReason: null,
      failureKey: null,
      failureParams: null,
    };
    expect(payoutNote(paid, ZH)).toBe('已打款（沙盒，sandbox_po_1）');
    expect(payoutNote(paid, EN)).toBe('Paid out (sandbox, sandbox_po_1)');
    // A provider's own refusal is kept as it wrote it, labelled.
    const refused = { ...paid, status: 'FAILED', providerReference: null, failureReason: 'account_closed' };
    expect(payoutNote(refused, ZH)).toBe('打款失败：account_closed');
    expect(payoutNote(refused, EN)).toBe('Payout failed: account_closed');
  });
});

describe('field problems for the reader', () => {
  it('translate class-validator findings field by field', () => {
    expect(fieldProblemFor('title must be shorter than or equal to 120 characters', 'zh-CN')).toBe(
      '最多 120 个字符。',
    );
    expect(fieldProblemFor('slots must not be less than 1; slots must be an integer number', 'zh-CN')).toBe(
      '不能小于 1；须为整数。',
    );
    expect(fieldProblemFor('something new', 'zh-CN')).toBe('此项填写有误。');
    expect(fieldProblemFor('something new', 'en')).toBe('something new');
  });
});
