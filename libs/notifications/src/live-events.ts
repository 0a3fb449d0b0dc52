/**
 * The PostgreSQL channel that carries live changes between server instances. Database triggers send on
 * it (migration LiveEvents): one message per notification stored and per order status change, inside
 * the writing transaction, so PostgreSQL delivers it only if that transaction commits.
 */
export const LIVE_EVENTS_CHANNEL = 'vtask_live';

/** What a message carries: ids only; each instance loads the row and checks who may see it. */
export type LiveEvent = { kind: 'notification'; id: string; userId: string } | { kind: 'order'; id: string };

/**
 * What a local subscriber receives: a change, or word that changes after `since` (this server's clock)
 * may have been missed (the listening connection was lost, or the subscriber fell too far behind).
 */
export type LiveSignal = LiveEvent | { kind: 'resync'; since: Date };

/** Subscribers listen by topic: a user's notifications, or one order. */
export const LiveTopic = {
  user: (userId: string): string => `user:${userId}`,
  order: (orderId: string): string => `order:${orderId}`,
};

export function topicOf(event: LiveEvent): string {
  return event.kind === 'notification' ? LiveTopic.user(event.userId) : LiveTopic.order(event.id);
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
  const { kind, id, userId } = (value ?? {}) as Record<string, unknown>;
  if (typeof id !== 'string' || !UUID.test(id)) return null;
  if (kind === 'order') return { kind, id };
  if (kind === 'notification' && typeof userId === 'string' && UUID.test(userId)) return { kind, id, userId };
  return null;
}
