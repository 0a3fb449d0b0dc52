import { setTimeout as sleep } from 'node:timers/promises';
import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from './support/harness';
import {
  eventually,
  internalErrors,
  mustSucceed,
  orderCalls,
  orderIn,
  setUpParties,
  type Parties,
} from './support/order-fixtures';
import { craftToken, nowSeconds } from './support/tokens';

const NOTIFICATION_ADDED = /* GraphQL */ `
  subscription {
    notificationAdded {
      id
      type
      message
      read
      order {
        id
        status
      }
    }
  }
`;
const ORDER_UPDATED = /* GraphQL */ `
  subscription ($orderId: ID!) {
    orderUpdated(orderId: $orderId) {
      id
      status
      events {
        type
      }
    }
  }
`;

/** One subscription's results as they arrive, and how it ended. */
class Feed {
  readonly results: FormattedExecutionResult<Record<string, any>, unknown>[] = [];
  error: unknown = null;
  completed = false;
  readonly dispose: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
    this.dispose = client.subscribe<Record<string, any>>(
      { query, variables },
      {
        next: (result) => void this.results.push(result),
        error: (error) => void (this.error = error),
        complete: () => void (this.completed = true),
      },
    );
  }

  /** The `field` of each result so far, without the canary notifications. */
  values(field: string): any[] {
    return this.results
      .map((result) => result.data?.[field])
      .filter((value) => value && !String(value.type ?? '').startsWith('TEST_'));
  }

  async ended(): Promise<void> {
    await eventually(
      async () => this.completed || this.error !== null,
      'the subscription to end',
      10_000,
      25,
    );
  }
}

/**
 * Live notifications and order updates over WebSocket (graphql-ws), with two server instances on one
 * database: a subscriber connected to A hears about what happens on B (PostgreSQL LISTEN/NOTIFY).
 */
describe('subscriptions across two server instances', () => {
  let a: TestServer;
  let b: TestServer;
  let parties: Parties;
  const clients: Client[] = [];
  // A short review window: no review reminder is scheduled (checked below).
  const env = { ...ADMIN_ENV, ORDER_REVIEW_WINDOW_S: '3600' };

  beforeAll(async () => {
    a = await startTestServer({ env });
    b = await startTestServer({ databaseUrl: a.databaseUrl, env });
    parties = await setUpParties(a);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(async () => {
    expect(internalErrors(a.gql)).toEqual([]);
    expect(internalErrors(b.gql)).toEqual([]);
    await b?.close();
    await a?.close();
  });

  function connect(server: TestServer, connectionParams?: Record<string, unknown>): Client {
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      // The English console's reader, so assertions quote the English wording.
      connectionParams: connectionParams && { acceptLanguage: 'en', ...connectionParams },
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  }

  /**
   * Waits until the user's notificationAdded feed is live: a canary notification is stored (by SQL, so
   * through the database trigger like any other) until one arrives. The server does not acknowledge a
   * subscription, so this is how a test knows it is listening.
   */
  async function untilLive(feed: Feed, userId: string): Promise<void> {
    await eventually(
      async () => {
        await a.sql(
          `INSERT INTO notifications (user_id, type, message) VALUES ($1, 'TEST_CANARY', 'canary')`,
          [userId],
        );
        await sleep(150);
        return feed.results.some((result) => result.data?.notificationAdded?.type === 'TEST_CANARY');
      },
      'the subscription to be live',
      15_000,
      0,
    );
  }

  it('pushes what happens on instance B to subscribers on instance A, to the parties and admins', async () => {
    const { merchant, creator, otherCreator, admin } = parties;
    const orderId = await orderIn(parties, 'AWAITING_FUNDING');

    const creatorOnA = connect(a, bear(creator.token));
    // Subscribed first, on the same socket: live once the notification feed after it is.
    const orderFeed = new Feed(creatorOnA, ORDER_UPDATED, { orderId });
    const creatorFeed = new Feed(creatorOnA, NOTIFICATION_ADDED);
    const merchantFeed = new Feed(connect(a, { token: merchant.token }), NOTIFICATION_ADDED);
    const outsiderFeed = new Feed(connect(a, bear(otherCreator.token)), NOTIFICATION_ADDED);
    const adminOnB = connect(b, bear(admin));
    const adminOrderFeed = new Feed(adminOnB, ORDER_UPDATED, { orderId });
    const adminFeed = new Feed(adminOnB, NOTIFICATION_ADDED);
    await untilLive(creatorFeed, creator.userId);
    await untilLive(merchantFeed, merchant.userId);
    await untilLive(outsiderFeed, otherCreator.userId);
    await untilLive(adminFeed, await userIdOf(b, admin));

    const onB = orderCalls(b.gql);
    mustSucceed(await onB.fund(merchant.token, orderId), 'fund on B');
    await eventually(async () => orderFeed.values('orderUpdated').length === 1, 'IN_PROGRESS on A');
    mustSucceed(await onB.deliver(creator.token, orderId), 'deliver on B');
    await eventually(async () => orderFeed.values('orderUpdated').length === 2, 'DELIVERED on A');
    await eventually(async () => merchantFeed.values('notificationAdded').length === 1, 'the merchant told');
    await eventually(async () => adminOrderFeed.values('orderUpdated').length === 2, 'the admin on B told');

    expect(orderFeed.values('orderUpdated')).toEqual([
      { id: orderId, status: 'IN_PROGRESS', events: [{ type: 'CREATED' }, { type: 'FUNDED' }] },
      {
        id: orderId,
        status: 'DELIVERED',
        events: [{ type: 'CREATED' }, { type: 'FUNDED' }, { type: 'DELIVERED' }],
      },
    ]);
    expect(adminOrderFeed.values('orderUpdated')).toEqual(orderFeed.values('orderUpdated'));
    // Each feed resolves its objects as they are at that moment (no stale rows from the first event).
    expect(creatorFeed.values('notificationAdded')).toEqual([
      {
        id: expect.any(String),
        type: 'ORDER_FUNDED',
        message: expect.stringContaining('funded "Order suite task"'),
        read: false,
        order: { id: orderId, status: 'IN_PROGRESS' },
      },
    ]);
    expect(merchantFeed.values('notificationAdded')).toEqual([
      expect.objectContaining({ type: 'DELIVERABLE_SUBMITTED', order: { id: orderId, status: 'DELIVERED' } }),
    ]);
    // What was pushed is what is stored.
    const [stored] = await a.sql(`SELECT id, type FROM notifications WHERE user_id = $1 AND order_id = $2`, [
      merchant.userId,
      orderId,
    ]);
    expect(merchantFeed.values('notificationAdded')[0].id).toBe(stored.id);
    await sleep(300);
    expect(outsiderFeed.values('notificationAdded')).toEqual([]);
    expect(adminFeed.values('notificationAdded')).toEqual([]);
    for (const feed of [orderFeed, creatorFeed, merchantFeed, outsiderFeed, adminOrderFeed, adminFeed]) {
      expect(feed.error).toBeNull();
      expect(feed.results.every((result) => !result.errors)).toBe(true);
    }

    // A review window of 24 h or less leaves no time for a reminder 24 h before it ends.
    const jobs = await a.sql(
      `SELECT name, count(*)::int AS n FROM pgboss.job WHERE name IN ('orders.review-reminder', 'orders.auto-accept')
        GROUP BY name ORDER BY name`,
    );
    expect(jobs).toEqual([{ name: 'orders.auto-accept', n: 1 }]);
  });

  it('refuses a connection without a valid token, and a subscription to another party’s order', async () => {
    const { merchant, otherMerchant } = parties;
    const orderId = await orderIn(parties, 'AWAITING_FUNDING');

    for (const params of [
      undefined,
      {},
      { token: 'garbage' },
      { authorization: 'Token abc' },
      bear('x.y.z'),
    ]) {
      const feed = new Feed(connect(a, params), NOTIFICATION_ADDED);
      await feed.ended();
      expect(feed.error).toMatchObject({ code: 4403, reason: 'Forbidden' });
      expect(feed.results).toEqual([]);
    }

    const outsider = connect(b, bear(otherMerchant.token));
    const notTheirs = new Feed(outsider, ORDER_UPDATED, { orderId });
    await notTheirs.ended();
    expect(notTheirs.results).toEqual([
      { errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND' }, path: ['orderUpdated'] })] },
    ]);
    // A malformed id is refused before the subscription starts, as over HTTP.
    const malformed = new Feed(outsider, ORDER_UPDATED, { orderId: 'not-a-uuid' });
    await malformed.ended();
    expect(malformed.results).toEqual([]);
    expect(malformed.error).toEqual([
      expect.objectContaining({ message: 'No order with this id.', extensions: { code: 'NOT_FOUND' } }),
    ]);

    // Queries and mutations stay on HTTP; the limits of HTTP hold here too.
    const signedIn = connect(a, bear(merchant.token));
    const query = new Feed(signedIn, `{ me { id } }`);
    await query.ended();
    expect(query.error).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })]);
    const deep = new Feed(
      signedIn,
      `subscription { orderUpdated(orderId: "${orderId}") { task { merchant { user { merchant { user { merchant { user { merchant { user { id } } } } } } } } } } }`,
    );
    await deep.ended();
    expect(deep.error).toEqual([expect.objectContaining({ extensions: { code: 'QUERY_TOO_COMPLEX' } })]);
  });

  it('closes the connection when its token expires (4401), so a subscription ends with the sign-in', async () => {
    const { merchant } = parties;
    const expiresIn = 3;
    const shortLived = craftToken(
      { sub: merchant.userId, role: 'MERCHANT', iat: nowSeconds(), exp: nowSeconds() + expiresIn },
      { secret: TEST_JWT_SECRET },
    );
    const connectedAt = Date.now();
    const feed = new Feed(connect(a, bear(shortLived)), NOTIFICATION_ADDED);
    await untilLive(feed, merchant.userId);
    await feed.ended();
    expect(feed.error).toMatchObject({ code: 4401, reason: 'Token expired: sign in again' });
    // Not before the token ran out (exp has whole seconds: up to one early).
    expect(Date.now() - connectedAt).toBeGreaterThanOrEqual((expiresIn - 1) * 1000);
  });

  it('catches up after the listening connection is lost', async () => {
    const { creator } = parties;
    const feed = new Feed(connect(a, bear(creator.token)), NOTIFICATION_ADDED);
    await untilLive(feed, creator.userId);
    const before = feed.values('notificationAdded').length;

    // Both instances' listening connections die; a notification is stored before they are back.
    const killed = await a.sql(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'v-task-live' AND datname = current_database()`,
    );
    expect(killed).toHaveLength(2);
    await a.sql(
      `INSERT INTO notifications (user_id, type, message) VALUES ($1, 'ORDER_FUNDED', 'sent while nobody listened')`,
      [creator.userId],
    );
    await eventually(
      async () => feed.values('notificationAdded').length > before,
      'the missed notification',
      15_000,
    );
    expect(feed.values('notificationAdded').slice(before)).toEqual([
      expect.objectContaining({ type: 'ORDER_FUNDED', message: 'sent while nobody listened' }),
    ]);
    expect(a.logs()).toContain('listening again');
    // And live again afterwards.
    await untilLive(feed, creator.userId);
  });

  it('stops promptly with subscribers connected, ending their subscriptions', async () => {
    const feed = new Feed(connect(b, bear(parties.admin)), NOTIFICATION_ADDED);
    await untilLive(feed, await userIdOf(b, parties.admin));
    const started = Date.now();
    await b.close();
    expect(Date.now() - started).toBeLessThan(10_000);
    await feed.ended();
    expect(feed.error).toMatchObject({ code: 1001 });
  });
});

function bear(token: string): Record<string, unknown> {
  return { authorization: `Bearer ${token}` };
}

async function userIdOf(server: TestServer, token: string): Promise<string> {
  return (await server.gql.ok(`{ me { id } }`, {}, token)).me.id;
}
