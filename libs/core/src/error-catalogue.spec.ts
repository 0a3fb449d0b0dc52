import { defineErrors, errorCatalogues, inputErrors, InputErrors, localizedMessage } from './error-catalogue';
import { ErrorCode } from './error-code';
import { DomainError } from './domain-error';
import { formatInstant, localeFromAcceptLanguage, timeZoneFromHeader } from './locale';

const SampleErrors = defineErrors('sample', {
  closed: {
    code: ErrorCode.DEADLINE_PASSED,
    en: (at: Date) => (reader) => `Closed at ${formatInstant(at, reader)}.`,
    zh: (at: Date) => (reader) => `已于 ${formatInstant(at, reader)} 截止。`,
  },
  tooLong: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string, max: number) => `At most ${max} characters.`,
    zh: (_field: string, max: number) => `最多 ${max} 个字符。`,
  },
});

describe('error catalogues', () => {
  it('throw DomainErrors with the code, an English message and the wording for each reader', () => {
    const error = SampleErrors.closed(new Date('2026-12-08T05:26:28Z'));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.DEADLINE_PASSED);
    expect(error.message).toBe('Closed at Dec 8, 2026, 13:26.');
    expect(error.localized?.key).toBe('sample.closed');
    expect(localizedMessage(error, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' })).toBe(
      '已于 2026年12月8日 13:26 截止。',
    );
    expect(localizedMessage(error, { locale: 'en', timeZone: 'Europe/Berlin' })).toBe(
      'Closed at Dec 8, 2026, 06:26.',
    );
  });

  it('name the field at fault for bad input', () => {
    const error = SampleErrors.tooLong('title', 120);
    expect(error.fields).toEqual({ title: 'At most 120 characters.' });
    expect(error.message).toBe('title: At most 120 characters.');
    expect(localizedMessage(error, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' })).toBe('最多 120 个字符。');
  });

  it('gather several input problems into one error naming each field, in each language', () => {
    const error = inputErrors([InputErrors.blank('title'), SampleErrors.tooLong('brief', 2000)]);
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.fields).toEqual({ title: 'Cannot be blank.', brief: 'At most 2000 characters.' });
    expect(error.message).toBe('title: Cannot be blank.; brief: At most 2000 characters.');
    expect(localizedMessage(error, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' })).toBe(
      'title: 不能为空。；brief: 最多 2000 个字符。',
    );
    const single = InputErrors.outOfRange('slots', 1, 1000);
    expect(inputErrors([single])).toBe(single);
  });

  it('are registered once by name', () => {
    expect(errorCatalogues().get('sample')).toBeDefined();
    expect(() => defineErrors('sample', {})).toThrow(/defined twice/);
  });
});

describe('the reader', () => {
  it('reads Chinese unless the request prefers English', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('zh-CN');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('fr, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('de')).toBe('zh-CN');
  });

  it('keeps a known time zone and falls back to Shanghai', () => {
    expect(timeZoneFromHeader('Europe/Berlin')).toBe('Europe/Berlin');
    expect(timeZoneFromHeader('Mars/Olympus')).toBe('Asia/Shanghai');
    expect(timeZoneFromHeader(undefined)).toBe('Asia/Shanghai');
  });
});
