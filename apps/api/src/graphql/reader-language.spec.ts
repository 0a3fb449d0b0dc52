import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ErrorCode,
  errorCatalogues,
  genericErrorMessage,
  INTERNAL_SERVER_ERROR,
  type TextContext,
} from '@vtask/core';
import { NOTIFICATION_TEXTS, notificationMessage, NotificationType } from '@vtask/notifications';
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
