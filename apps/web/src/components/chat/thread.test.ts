import { InMemoryCache } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { OrderMessagesDocument, type MessageFieldsFragment } from '../../graphql/generated';
import { addMessageToCache, subtractUnread } from './thread';

const ME = 'user-me';

function message(id: string, authorId: string): MessageFieldsFragment {
  return {
    id,
    body: `消息 ${id}`,
    attachments: [],
    createdAt: '2026-12-06T02:00:00.000Z',
    author: { id: authorId, displayName: authorId, role: 'CREATOR' },
  } as MessageFieldsFragment;
}

/** A cache holding order-1's first page of messages, with `unread` from others not read yet. */
function cacheWithThread(unread: number, hasNextPage = false) {
  const cache = new InMemoryCache();
  const withTypes = (m: MessageFieldsFragment) => ({
    __typename: 'Message',
    ...m,
    author: { __typename: 'User', ...m.author },
  });
  cache.writeQuery({
    query: OrderMessagesDocument,
    variables: { orderId: 'order-1', first: 100 },
    data: {
      order: {
        __typename: 'Order',
        id: 'order-1',
        unreadMessages: unread,
        messages: {
          __typename: 'MessageConnection',
          nodes: [withTypes(message('m1', 'user-other'))],
          pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: 'c1' },
        },
      },
    } as never,
  });
  const read = () =>
    cache.readQuery({ query: OrderMessagesDocument, variables: { orderId: 'order-1', first: 100 } })!.order!;
  return { cache, read };
}

describe('a thread in the cache', () => {
  it('takes a message from the other side at the end and counts it unread, once', () => {
    const { cache, read } = cacheWithThread(0);
    addMessageToCache(cache, { orderId: 'order-1' }, message('m2', 'user-other'), ME);
    addMessageToCache(cache, { orderId: 'order-1' }, message('m2', 'user-other'), ME);
    expect(read().messages.nodes.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(read().unreadMessages).toBe(1);
  });

  it("takes the viewer's own message without counting it", () => {
    const { cache, read } = cacheWithThread(0);
    addMessageToCache(cache, { orderId: 'order-1' }, message('m2', ME), ME);
    expect(read().messages.nodes.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(read().unreadMessages).toBe(0);
  });

  it('leaves a page with newer messages still to load as it is, but counts the message', () => {
    const { cache, read } = cacheWithThread(0, true);
    addMessageToCache(cache, { orderId: 'order-1' }, message('m9', 'user-other'), ME);
    expect(read().messages.nodes.map((m) => m.id)).toEqual(['m1']);
    expect(read().unreadMessages).toBe(1);
  });

  it('after marking read, keeps unread only what arrived meanwhile', () => {
    const { cache, read } = cacheWithThread(2);
    addMessageToCache(cache, { orderId: 'order-1' }, message('m3', 'user-other'), ME);
    subtractUnread(cache, { orderId: 'order-1' }, 2);
    expect(read().unreadMessages).toBe(1);
  });
});
