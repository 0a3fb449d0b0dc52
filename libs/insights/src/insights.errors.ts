import { defineErrors, ErrorCode, fieldProblem } from '@vtask/core';

export const InsightsErrors = defineErrors('insights', {
  /** The same answer for "no such deliverable" and "not your order", so ids cannot be probed. */
  deliverableNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No deliverable with this id.',
    zh: () => '没有这个交付内容。',
  },
  taskNotFound: { code: ErrorCode.NOT_FOUND, en: () => 'No task with this id.', zh: () => '没有这个任务。' },
  notTheCreator: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the order's creator, or an admin, records its content's figures.",
    zh: () => '只有该订单的达人或平台运营可以录入内容数据。',
  },
  notYourTask: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the task's merchant, or an admin, sees its performance.",
    zh: () => '只有发布该任务的商家或平台运营可以查看任务效果。',
  },
  notYourMerchant: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the merchant, or an admin, sees the merchant's performance.",
    zh: () => '只有商家本人或平台运营可以查看商家的效果数据。',
  },
  notYourCreator: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the creator, or an admin, sees the creator's performance.",
    zh: () => '只有达人本人或平台运营可以查看达人的效果数据。',
  },
  adminsOnly: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only admins see the platform's performance.",
    zh: () => '只有平台运营可以查看全平台的效果数据。',
  },
  notACount: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string) => 'A whole number, 0 or more.',
    zh: (_field: string) => '须为 0 或更大的整数。',
  },
  notADay: fieldProblem(
    'day',
    'A calendar date written YYYY-MM-DD, e.g. 2026-11-11.',
    '请按 YYYY-MM-DD 填写日期，如 2026-11-11。',
  ),
  dayOutOfRange: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'day',
    en: (earliest: string) => `From ${earliest} (when the order was made) to today.`,
    zh: (earliest: string) => `须在 ${earliest}（下单之日）到今天之间。`,
  },
  notTheMerchant: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the order's merchant makes tracking links for its content.",
    zh: () => '只有该订单的商家可以为内容创建跟踪链接。',
  },
  notAMerchant: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only merchants have conversion keys.',
    zh: () => '只有商家才有转化密钥。',
  },
  tooManyLinks: {
    code: ErrorCode.CONFLICT,
    en: (max: number) => `A deliverable has at most ${max} tracking links.`,
    zh: (max: number) => `每个交付内容最多 ${max} 个跟踪链接。`,
  },
  targetTooLong: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'targetUrl',
    en: (max: number) => `At most ${max} characters.`,
    zh: (max: number) => `最多 ${max} 个字符。`,
  },
  targetNotHttps: fieldProblem(
    'targetUrl',
    'An https:// address of one of your pages, without a user name or password.',
    '请填写您自己页面的 https:// 地址，且不含用户名或密码。',
  ),
  noLinkDomains: fieldProblem(
    'targetUrl',
    "List your shop's hosts in your merchant profile (link domains) first.",
    '请先在商家资料中填写店铺域名（链接域名）。',
  ),
  targetNotOnLinkDomain: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'targetUrl',
    en: (domains: readonly string[]) =>
      `The page must be on one of your link domains: ${domains.join(', ')}.`,
    zh: (domains: readonly string[]) => `页面须位于您的链接域名之一：${domains.join('、')}。`,
  },
  badSignature: {
    code: ErrorCode.UNAUTHENTICATED,
    en: () =>
      'The X-VTask-Signature header is missing or does not match: sign "<t>.<body>" with HMAC-SHA256 and a current conversion key of the link\'s merchant.',
    zh: () =>
      'X-VTask-Signature 缺失或不匹配：请用该链接商家当前的转化密钥对 "<t>.<body>" 做 HMAC-SHA256 签名。',
  },
  staleSignature: {
    code: ErrorCode.UNAUTHENTICATED,
    en: (toleranceSeconds: number) =>
      `The signature's timestamp is more than ${toleranceSeconds} seconds from now: sign the report when you send it.`,
    zh: (toleranceSeconds: number) => `签名时间戳与当前时间相差超过 ${toleranceSeconds} 秒，请在发送时签名。`,
  },
  reportNotJson: fieldProblem('body', 'The body must be a JSON object.', '请求体须为 JSON 对象。'),
  reportClickOrCode: fieldProblem(
    'clickId',
    'Give clickId (the vt_click you received) or code, not both.',
    '请提供 clickId（收到的 vt_click）或 code，二者择一。',
  ),
  reportShopOrderId: fieldProblem(
    'shopOrderId',
    "Your shop's order id, 1 to 200 characters.",
    '店铺订单号，1 到 200 个字符。',
  ),
  reportCurrency: fieldProblem(
    'currency',
    'A currency code such as CNY or USD.',
    '须为币种代码，如 CNY 或 USD。',
  ),
  reportAmount: fieldProblem(
    'amount',
    'A positive amount such as "199.00", at most 2 decimals.',
    '须为正数金额，如 "199.00"，最多两位小数。',
  ),
  reportOccurredAt: fieldProblem(
    'occurredAt',
    'When the sale happened, ISO 8601, e.g. 2026-11-11T10:00:00Z.',
    '销售发生时间，ISO 8601 格式，如 2026-11-11T10:00:00Z。',
  ),
  unknownLink: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No tracking link or click with this clickId or code.',
    zh: () => '没有与该 clickId 或 code 对应的跟踪链接或点击。',
  },
  outsideAttributionWindow: {
    code: ErrorCode.DEADLINE_PASSED,
    en: (seconds: number) =>
      `The sale is not within ${Math.round(seconds / 3600)} hours after the click: it is not attributed to it.`,
    zh: (seconds: number) => `该销售不在点击后 ${Math.round(seconds / 3600)} 小时内，不归因于该点击。`,
  },
  currencyMismatch: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'currency',
    en: (currency: string) => `Report the sale in the order's currency, ${currency}.`,
    zh: (currency: string) => `请以订单币种 ${currency} 报告销售。`,
  },
});
