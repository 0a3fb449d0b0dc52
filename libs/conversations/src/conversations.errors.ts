import { defineErrors, ErrorCode, fieldProblem } from '@vtask/core';

export const ConversationsErrors = defineErrors('conversations', {
  /** The same answer for "no such thread" and "not yours to read", so ids cannot be probed. */
  threadNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No conversation with this id.',
    zh: () => '没有这个会话。',
  },
  /** Admins read a disputed order's conversation as evidence; only its parties write in it. */
  readOnly: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'You may read this conversation but not write in it.',
    zh: () => '你可以查看这段对话，但不能发言。',
  },
  nameOneThread: fieldProblem(
    'orderId',
    'Name exactly one of orderId and bidId.',
    '请只指定 orderId 或 bidId 其中之一。',
  ),
  bidNotPending: {
    code: ErrorCode.CONFLICT,
    en: () => 'Messages about a bid can be sent while it is pending; after that, talk in its order.',
    zh: () => '报名待确认期间可以留言；之后请在订单里沟通。',
  },
  emptyBody: fieldProblem('body', 'Write something: the message is empty.', '消息不能为空。'),
  bodyTooLong: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'body',
    en: (max: number) => `At most ${max} characters.`,
    zh: (max: number) => `最多 ${max} 个字符。`,
  },
  tooManyAttachments: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'attachments',
    en: (max: number) => `At most ${max} attachments.`,
    zh: (max: number) => `最多 ${max} 个附件。`,
  },
  badAttachment: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (index: number) => `attachments.${index}`,
    en: (_index: number) => 'An attachment is an http(s) link of at most 2048 characters.',
    zh: (_index: number) => '附件须为 http(s) 链接，且不超过 2048 个字符。',
  },
});
