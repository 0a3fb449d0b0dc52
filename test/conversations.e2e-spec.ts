import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { expectCode } from './support/market-fixtures';
import {
  eventually,
  internalErrors,
  mustSucceed,
  orderCalls,
  orderIn,
  setUpParties,
  type Parties,
} from './support/order-fixtures';

const SEND_BID = /* GraphQL */ `
  mutation ($bidId: ID!, $body: String!, $attachments: [String!]) {
    sendBidMessage(bidId: $bidId, body: $body, attachments: $attachments) {
      id
      body
      attachments
      author {
        id
      }
    }
  }
`;
const SEND_ORDER = /* GraphQL */ `
  mutation ($orderId: ID!, $body: String!) {
    sendOrderMessage(orderId: $orderId, body: $body) {
      id
      body
    }
  }
`;
const ORDER_THREAD = /* GraphQL */ `
  query ($id: ID!) {
    order(id: $id) {
      unreadMessages
      messages {
        totalCount
        nodes {
          body
          author {
            id
          }
        }
      }
    }
  }
`;
const MARK_READ = `mutation($orderId: ID, $bidId: ID) { markMessagesRead(orderId: $orderId, bidId: $bidId) }`;

/** Merchant, bidder, the creator's agency and admins talking about a bid and then its order. */
describe('messages between the parties', () => {
  let server: TestServer;
  let parties: Parties;
  const clients: Client[] = [];

  beforeAll(async () => {
    // Unread messages are notified after 1 s here (600 s by default).
    server = await startTestServer({ env: { ...ADMIN_ENV, MESSAGE_UNREAD_NOTIFY_S: '1' } });
    parties = await setUpParties(server, { agencyBps: 2000 });
  });
  afterAll(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    expect(internalErrors(server.gql)).toEqual([]);
    await server?.close();
  });

  async function pendingBid(): Promise<{ taskId: string; bidId: string }> {
    const { gql, merchant, creator } = parties;
    const task = await gql.ok(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      {
        input: {
          title: '双11直播带货',
          brief: '为家居新品拍一条短视频。',
          contentType: 'VIDEO',
          channels: ['HEADLINES'],
          domainTags: ['home.furniture'],
          budget: { amount: '100.00', currencyCode: 'CNY' },
          slots: 1,
          applyBy: new Date(Date.now() + 86_400_000).toISOString(),
          deliverBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          maxRevisions: 2,
          publish: true,
        },
      },
      merchant.token,
    );
    const bid = await gql.ok(
      `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
      {
        input: {
          taskId: task.postTask.id,
          price: { amount: '100.00', currencyCode: 'CNY' },
          pitch: '可以拍。',
        },
      },
      creator.token,
    );
    return { taskId: task.postTask.id, bidId: bid.placeBid.id };
  }

  function bidThread(token: string) {
    return parties.gql.request<{ bids: unknown }>(
      `query { myBids(first: 5) { nodes { id unreadMessages messages(first: 10) { totalCount nodes { body } } } } }`,
      {},
      token,
    );
  }

  it('lets the merchant and the bidder talk about a pending bid, and carries the thread into its order', async () => {
    const { gql, merchant, creator, agency, otherCreator, otherMerchant } = parties;
    const { bidId } = await pendingBid();

    const first = await gql.ok(SEND_BID, { bidId, body: '  能提前两天交吗？ ' }, merchant.token);
    expect(first.sendBidMessage).toMatchObject({
      body: '能提前两天交吗？',
      attachments: [],
      author: { id: merchant.userId },
    });
    // The creator sees the merchant's question unread in their list of bids.
    const unread = await bidThread(creator.token);
    expect(unread.errors).toBeUndefined();
    expect((unread.data as any).myBids.nodes.find((bid: { id: string }) => bid.id === bidId)).toMatchObject({
      unreadMessages: 1,
    });
    // Answering reads what came before.
    await gql.ok(
      SEND_BID,
      { bidId, body: '可以，这是脚本。', attachments: ['https://cdn.example.com/script.pdf'] },
      creator.token,
    );
    const read = await bidThread(creator.token);
    const mine = (read.data as any).myBids.nodes.find((bid: { id: string }) => bid.id === bidId);
    expect(mine).toMatchObject({ unreadMessages: 0, messages: { totalCount: 2 } });
    expect(mine.messages.nodes.map((m: { body: string }) => m.body)).toEqual([
      '能提前两天交吗？',
      '可以，这是脚本。',
    ]);
    // The merchant has the answer unread until they mark it read.
    expect((await gql.ok(MARK_READ, { bidId }, merchant.token)).markMessagesRead).toBe(1);
    expect((await gql.ok(MARK_READ, { bidId }, merchant.token)).markMessagesRead).toBe(0);

    // Nobody else reads or writes in it, and cannot tell it exists.
    for (const outsider of [otherCreator, otherMerchant, agency!]) {
      expectCode(
        (await gql.request(SEND_BID, { bidId, body: 'hi' }, outsider.token)).errors![0],
        'NOT_FOUND',
      );
      expectCode((await gql.request(MARK_READ, { bidId }, outsider.token)).errors![0], 'NOT_FOUND');
    }

    // Accepted: the bid's thread is closed for writing, and the order continues it, the agency included.
    const order = await gql.ok(
      `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
      { id: bidId },
      merchant.token,
    );
    const orderId = order.acceptBid.id;
    expectCode(
      (await gql.request(SEND_BID, { bidId, body: '还在吗？' }, merchant.token)).errors![0],
      'CONFLICT',
    );
    await gql.ok(SEND_ORDER, { orderId, body: '我是达人的机构，交付时间没问题。' }, agency!.token);
    const thread = await gql.ok(ORDER_THREAD, { id: orderId }, merchant.token);
    expect(thread.order.messages.totalCount).toBe(3);
    expect(thread.order.messages.nodes.map((m: { author: { id: string } }) => m.author.id)).toEqual([
      merchant.userId,
      creator.userId,
      agency!.userId,
    ]);
    // The merchant read the creator's answer on the bid: the agency's message is the one unread.
    expect(thread.order.unreadMessages).toBe(1);
  });

  it("shows a disputed order's conversation to admins as evidence, read-only", async () => {
    const { gql, merchant, admin } = parties;
    const orderId = await orderIn(parties, 'IN_PROGRESS');
    await gql.ok(SEND_ORDER, { orderId, body: '样片质量不对。' }, merchant.token);
    // Before the dispute, admins see the order but not its conversation.
    const before = await gql.request(
      `query($id: ID!) { order(id: $id) { messages { totalCount } } }`,
      { id: orderId },
      admin,
    );
    expectCode(before.errors![0], 'NOT_FOUND');

    mustSucceed(await orderCalls(gql).deliver(parties.creator.token, orderId), 'deliver');
    mustSucceed(await orderCalls(gql).dispute(merchant.token, orderId), 'dispute');
    const during = await gql.ok(
      `query($id: ID!) { order(id: $id) { messages { nodes { body } } } }`,
      { id: orderId },
      admin,
    );
    expect(during.order.messages.nodes).toEqual([{ body: '样片质量不对。' }]);
    expectCode((await gql.request(SEND_ORDER, { orderId, body: '我来看看' }, admin)).errors![0], 'FORBIDDEN');
  });

  it('refuses empty, long and badly linked messages, changing nothing', async () => {
    const { gql, merchant } = parties;
    const orderId = await orderIn(parties, 'AWAITING_FUNDING');
    const cases: [Record<string, unknown>, string][] = [
      [{ orderId, body: '   ' }, 'body'],
      [{ orderId, body: '长'.repeat(4001) }, 'body'],
      [{ orderId, body: 'see', attachments: ['javascript:alert(1)'] }, 'attachments.0'],
      [
        { orderId, body: 'see', attachments: Array.from({ length: 11 }, (_, i) => `https://x.example/${i}`) },
        'attachments',
      ],
    ];
    for (const [variables, field] of cases) {
      const response = await gql.request(
        `mutation($orderId: ID!, $body: String!, $attachments: [String!]) { sendOrderMessage(orderId: $orderId, body: $body, attachments: $attachments) { id } }`,
        variables,
        merchant.token,
      );
      expectCode(response.errors![0], 'BAD_USER_INPUT');
      expect(response.errors![0].extensions?.fields).toHaveProperty([field]);
    }
    const both = await gql.request(MARK_READ, { orderId, bidId: orderId }, merchant.token);
    expectCode(both.errors![0], 'BAD_USER_INPUT');
    const thread = await gql.ok(ORDER_THREAD, { id: orderId }, merchant.token);
    expect(thread.order.messages.totalCount).toBe(0);
  });

  it('notifies a reader of unread messages once per unread stretch', async () => {
    const { gql, merchant, creator } = parties;
    const orderId = await orderIn(parties, 'IN_PROGRESS');
    const unreadNotices = async () => {
      const rows = await server.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND type = 'MESSAGE_UNREAD' AND order_id = $2`,
        [creator.userId, orderId],
      );
      return rows[0].n;
    };
    await gql.ok(SEND_ORDER, { orderId, body: '第一条' }, merchant.token);
    await gql.ok(SEND_ORDER, { orderId, body: '第二条' }, merchant.token);
    await eventually(async () => (await unreadNotices()) === 1, 'the unread notice');
    // Both timers have fired by now, and the merchant (who wrote) got nothing.
    await eventually(
      async () =>
        (
          await server.sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'conversations.%' AND state <> 'completed' AND data->>'messageId' IN (SELECT id::text FROM messages WHERE order_id = $1)`,
            [orderId],
          )
        )[0].n === 0,
      'the notice timers to finish',
    );
    expect(await unreadNotices()).toBe(1);
    const merchantNotices = await server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND type = 'MESSAGE_UNREAD' AND order_id = $2`,
      [merchant.userId, orderId],
    );
    expect(merchantNotices[0].n).toBe(0);

    // Read, then a new message: a new stretch, a new notice.
    await gql.ok(MARK_READ, { orderId }, creator.token);
    await gql.ok(SEND_ORDER, { orderId, body: '第三条' }, merchant.token);
    await eventually(async () => (await unreadNotices()) === 2, 'the second unread notice');
  });

  it('pushes new messages live to the parties of the thread', async () => {
    const { gql, merchant, creator } = parties;
    const orderId = await orderIn(parties, 'IN_PROGRESS');
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${creator.token}` },
      retryAttempts: 0,
    });
    clients.push(client);
    const results: FormattedExecutionResult<Record<string, any>, unknown>[] = [];
    client.subscribe<Record<string, any>>(
      {
        query: `subscription($orderId: ID) { messageAdded(orderId: $orderId) { body author { id } } }`,
        variables: { orderId },
      },
      { next: (result) => void results.push(result), error: () => undefined, complete: () => undefined },
    );
    // The server does not acknowledge a subscription: send until one arrives.
    await eventually(
      async () => {
        await gql.ok(SEND_ORDER, { orderId, body: '在吗？' }, merchant.token);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return results.length > 0;
      },
      'a live message',
      15_000,
      0,
    );
    expect(results[0].data?.messageAdded).toEqual({ body: '在吗？', author: { id: merchant.userId } });
  });
});
