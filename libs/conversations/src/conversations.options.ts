export const CONVERSATIONS_OPTIONS = Symbol('CONVERSATIONS_OPTIONS');

export interface ConversationsOptions {
  /** Seconds a message may stay unread before its reader is notified (MESSAGE_UNREAD_NOTIFY_S). */
  unreadNotifySeconds: number;
}
