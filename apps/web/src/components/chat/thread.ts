import type { ApolloCache, Reference } from '@apollo/client';
import { MessageFieldsFragmentDoc, type MessageFieldsFragment } from '../../graphql/generated';

/** A conversation: an order's thread, or a bid's before the bid is decided. */
export type ThreadRef = { orderId: string; bidId?: undefined } | { bidId: string; orderId?: undefined };

/** The variables the API's message operations take for a thread (exactly one of the two ids). */
export function threadVariables(thread: ThreadRef): { orderId?: string; bidId?: string } {
  return thread.orderId ? { orderId: thread.orderId } : { bidId: thread.bidId };
}

/** The cached object whose `messages` and `unreadMessages` belong to the thread. */
export function threadCacheId(cache: ApolloCache, thread: ThreadRef): string | undefined {
  return thread.orderId
    ? cache.identify({ __typename: 'Order', id: thread.orderId })
    : cache.identify({ __typename: 'Bid', id: thread.bidId });
}

interface CachedPage {
  nodes: readonly Reference[];
  pageInfo?: { hasNextPage?: boolean };
}

/**
 * Puts a new message at the end of every cached page of the thread (sent here, or pushed live), and
 * counts it unread when someone else wrote it. A page with newer messages still to load is left as it
 * is: the message arrives with that page, in its place.
 */
export function addMessageToCache(
  cache: ApolloCache,
  thread: ThreadRef,
  message: MessageFieldsFragment,
  viewerUserId: string,
): void {
  const id = threadCacheId(cache, thread);
  if (!id) return;
  const ref = cache.writeFragment({
    fragment: MessageFieldsFragmentDoc,
    fragmentName: 'MessageFields',
    // Typenames for the cache, which normalises the author as a User.
    data: {
      __typename: 'Message',
      ...message,
      author: { ...message.author, __typename: 'User' },
    } as MessageFieldsFragment,
  });
  if (!ref) return;
  let added = false;
  cache.modify({
    id,
    fields: {
      messages(existing, { readField }) {
        const page = existing as CachedPage | undefined;
        if (!page?.nodes || page.pageInfo?.hasNextPage) return existing;
        if (page.nodes.some((node) => readField('id', node) === message.id)) return existing;
        added = true;
        return { ...page, nodes: [...page.nodes, ref] };
      },
    },
  });
  if (message.author.id === viewerUserId) return;
  // Counted once: a message already on the page was counted when it first arrived.
  const alreadyShown = !added && isCachedMessage(cache, id, message.id);
  if (alreadyShown) return;
  cache.modify({ id, fields: { unreadMessages: (count: number) => count + 1 } });
}

function isCachedMessage(cache: ApolloCache, id: string, messageId: string): boolean {
  let found = false;
  cache.modify({
    id,
    fields: {
      messages(existing, { readField }) {
        const page = existing as CachedPage | undefined;
        if (page?.nodes?.some((node) => readField('id', node) === messageId)) found = true;
        return existing;
      },
    },
  });
  return found;
}

/** After marking read: the `seen` messages counted before are read now; newer ones stay unread. */
export function subtractUnread(cache: ApolloCache, thread: ThreadRef, seen: number): void {
  const id = threadCacheId(cache, thread);
  if (!id) return;
  cache.modify({ id, fields: { unreadMessages: (count: number) => Math.max(0, count - seen) } });
}
