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
});
