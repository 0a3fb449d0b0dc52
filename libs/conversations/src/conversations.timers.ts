import { defineTimer, type TimerTable } from '@vtask/jobs';

/**
 * The conversations' durable timers (see `defineTimer` in libs/jobs), written in the transaction that
 * stores the message; their handlers are registered in conversations.module.ts.
 */
export const ConversationTimers = {
  /** A while after a message: tell the parties who have not read it. One per message. */
  noticeUnread: defineTimer<{ messageId: string }>({
    name: 'conversations.notice-unread-message',
    key: ({ messageId }) => messageId,
  }),
} satisfies TimerTable;
