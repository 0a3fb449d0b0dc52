import { ErrorCode } from './error-code';
import type { Locale } from './locale';

/** `extensions.code` of a failure of ours: not an ErrorCode, never explained to the client. */
export const INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR';

/**
 * What each code means to a reader, for an error no catalogue words (a library error not yet in
 * `defineErrors`, graphql-js' own refusals): the Chinese console never shows an English sentence, even
 * for an error someone forgot to catalogue.
 */
const GENERIC: Record<ErrorCode | typeof INTERNAL_SERVER_ERROR, Record<Locale, string>> = {
  [ErrorCode.UNAUTHENTICATED]: { en: 'Sign in first.', 'zh-CN': '请先登录。' },
  [ErrorCode.FORBIDDEN]: { en: 'You may not do this.', 'zh-CN': '你没有权限执行此操作。' },
  [ErrorCode.NOT_FOUND]: { en: 'Not found.', 'zh-CN': '找不到要查看的内容，可能已删除或你无权查看。' },
  [ErrorCode.BAD_USER_INPUT]: { en: 'Check what you entered.', 'zh-CN': '填写的内容有误，请检查后再试。' },
  [ErrorCode.CONFLICT]: {
    en: 'This cannot be done in the current state.',
    'zh-CN': '当前状态下无法执行此操作，请刷新后再试。',
  },
  [ErrorCode.DEADLINE_PASSED]: { en: 'The deadline has passed.', 'zh-CN': '已过截止时间。' },
  [ErrorCode.TIER_TOO_LOW]: { en: 'Your tier is too low for this.', 'zh-CN': '你的达人等级不满足要求。' },
  [ErrorCode.INSUFFICIENT_FUNDS]: { en: 'The balance is not enough.', 'zh-CN': '余额不足。' },
  [ErrorCode.PAYMENT_FAILED]: { en: 'The payment failed.', 'zh-CN': '支付失败，请稍后再试。' },
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: {
    en: 'This idempotency key was already used for a different request.',
    'zh-CN': '该幂等键已用于另一个请求。',
  },
  [ErrorCode.RATE_LIMITED]: {
    en: 'Too many requests; try again shortly.',
    'zh-CN': '操作过于频繁，请稍后再试。',
  },
  [ErrorCode.QUERY_TOO_COMPLEX]: {
    en: 'The query is too large or complex.',
    'zh-CN': '查询过大或过于复杂，请减少请求的内容。',
  },
  [INTERNAL_SERVER_ERROR]: {
    en: 'Internal server error. It has been logged; quote the x-request-id response header when reporting it.',
    'zh-CN': '服务器内部错误，已记录。反馈问题时请提供响应头 x-request-id 的值。',
  },
};

/** The generic message of a code (an ErrorCode or INTERNAL_SERVER_ERROR) for a reader; null for other codes. */
export function genericErrorMessage(code: string, locale: Locale): string | null {
  return (GENERIC as Record<string, Record<Locale, string> | undefined>)[code]?.[locale] ?? null;
}

/** What a field at fault says when its own problem has no wording in the reader's language. */
export function genericFieldProblem(locale: Locale): string {
  return locale === 'en' ? 'Check this value.' : '此项填写有误。';
}
