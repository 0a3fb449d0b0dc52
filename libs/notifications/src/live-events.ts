/**
 * The PostgreSQL channel that carries live changes between server instances. Database triggers send on
 * it (migrations LiveEvents, ScaleCountersAndLedger): one message per notification stored, per order
 * status change, per task written and per message, inside the writing transaction, so PostgreSQL delivers it only if
 * that transaction commits.
 */
export const LIVE_EVENTS_CHANNEL = 'vtask_live';

/** What a message carries: ids only; each instance loads the row and checks who may see it. */
export type LiveEvent =
  | { kind: 'notification'; id: string; userId: string }
  | { kind: 'order'; id: string }
  | { kind: 'task'; id: string }
  /** A message written in a thread (a bid's or an order's conversation). */
  | { kind: 'message'; id: string; threadId: string }
  /** A user's role, password or token version changed, or the user is gone: cached viewers are stale. */
  | { kind: 'user'; id: string };

/**
 * What a local subscriber receives: a change, or word that changes after `since` (this server's clock)
 * may have been missed (the listening connection was lost, or the subscriber fell too far behind).
 */
export type LiveSignal = LiveEvent | { kind: 'resync'; since: Date };

/** Subscribers listen by topic: a user's notifications, one order, or any change to public tasks. */
export const LiveTopic = {
  user: (userId: string): string => `user:${userId}`,
  order: (orderId: string): string => `order:${orderId}`,
  tasks: 'tasks',
  /** The messages of one conversation. */
  thread: (threadId: string): string => `thread:${threadId}`,
  /** Every user change (for each instance's cache of viewers). */
  users: 'users',
};

export function topicOf(event: LiveEvent): string {
  if (event.kind === 'notification') return LiveTopic.user(event.userId);
  if (event.kind === 'user') return LiveTopic.users;
  if (event.kind === 'message') return LiveTopic.thread(event.threadId);
  return event.kind === 'order' ? LiveTopic.order(event.id) : LiveTopic.tasks;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A message of the channel, or null for anything else (the channel is ours, but it is only text). */
export function parseLiveEvent(payload: string | undefined): LiveEvent | null {
  if (!payload) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const { kind, id, userId, threadId } = (value ?? {}) as Record<string, unknown>;
  if (typeof id !== 'string' || !UUID.test(id)) return null;
  if (kind === 'order' || kind === 'task' || kind === 'user') return { kind, id };
  if (kind === 'notification' && typeof userId === 'string' && UUID.test(userId)) return { kind, id, userId };
  if (kind === 'message' && typeof threadId === 'string' && UUID.test(threadId))
    return { kind, id, threadId };
  return null;
}
