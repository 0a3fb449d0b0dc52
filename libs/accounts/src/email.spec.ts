import { DomainError } from '@vtask/core';
import { checkedEmail, emailThrottleKey, isBlankPassword, normalizeEmail } from './email';

describe('e-mail addresses', () => {
  it('are normalized to NFKC and trimmed, keeping their case', () => {
    expect(normalizeEmail('  Ａnna@example.com ')).toBe('Anna@example.com');
    expect(normalizeEmail('cafe\u0301@example.com')).toBe('caf\u00e9@example.com');
  });

  it('are refused with characters nobody sees', () => {
    for (const email of [
      'a\u200b@x.com',
      'a\u200d@x.com',
      'a\ufeffb@x.com',
      'a\u00ad@x.com',
      'a\u0335@x.com',
    ]) {
      expect(() => checkedEmail(email)).toThrow(DomainError);
    }
    expect(checkedEmail('a@x.com')).toBe('a@x.com');
  });

  it('share one log-in throttle key however they are spelled', () => {
    const key = emailThrottleKey('a@x.com');
    for (const email of ['A@X.COM', 'ａ@x.com', 'a\u200b@x.com', ' a@x.com ']) {
      expect(emailThrottleKey(email)).toBe(key);
    }
  });
});

describe('blank passwords', () => {
  it('are spaces, tabs, ideographic spaces or invisible characters only', () => {
    for (const password of [' '.repeat(12), '\u3000'.repeat(12), '\t \n'.repeat(4), '\u200b'.repeat(12)]) {
      expect(isBlankPassword(password)).toBe(true);
    }
    expect(isBlankPassword(' a spaced pass ')).toBe(false);
  });
});
