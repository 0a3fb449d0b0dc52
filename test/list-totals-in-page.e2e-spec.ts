import {
  ADMIN_ENV,
  logInAdmin,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { ACCEPT_BID, placeBid, postTask } from './support/market-fixtures';

/** SQL statement counts the server logged (LOG_LEVEL=debug, LOG_FORMAT=json) for operations named `name`. */
function statementCounts(server: TestServer, name: string): number[] {
  return server
    .logs()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(`"operation":"${name}"`))
    .map((line) => JSON.parse(line).message.sqlStatements);
}

/**
 * A total the client selects is counted in the statement that loads the page (myOrders, notifications):
 * the same totals as a count of their own gave, whichever way the selection asks for them, and no
 * statement more than the page without its total.
 */
describe('list totals counted with their page', () => {
  let server: TestServer;
  let merchant: Account;
  let creator: Account;
  const ORDERS = 3;

  beforeAll(async () => {
    server = await startTestServer({ env: { ...ADMIN_ENV, LOG_LEVEL: 'debug', LOG_FORMAT: 'json' } });
    const admin = await logInAdmin(server.gql);
    merchant = await signUpMerchant(server.gql);
    creator = await signUpCreatorWithTier(server.gql, admin, 'EXPERT');
    for (let i = 0; i < ORDERS; i++) {
      const task = await postTask(server.gql, merchant.token, { title: `Oak table ${i}` });
      const bid = await placeBid(server.gql, creator.token, task.id);
      await server.gql.ok(ACCEPT_BID, { id: bid.id }, merchant.token);
    }
  }, 120_000);
  afterAll(() => server.close());

  /** Sends a named operation and waits for its log line; returns its data and the statements it ran. */
  async function run(
    name: string,
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<{ data: any; statements: number }> {
    const before = statementCounts(server, name).length;
    const data = await server.gql.ok(query, variables, token);
    while (statementCounts(server, name).length === before)
      await new Promise((resolve) => setImmediate(resolve));
    return { data, statements: statementCounts(server, name).at(-1)! };
  }

  it('gives myOrders the same total on every page, through a fragment or pageInfo alone, and 0 for an empty filter', async () => {
    const [{ n: inTable }] = await server.sql(
      `SELECT count(*)::int AS n FROM orders WHERE merchant_id = $1`,
      [merchant.profileId],
    );
    expect(inTable).toBe(ORDERS);
    const first = await run(
      'OrdersFirst',
      `query OrdersFirst { myOrders(first: 2) { totalCount pageInfo { totalCountIsExact hasNextPage endCursor } nodes { id } } }`,
      {},
      merchant.token,
    );
    expect(first.data.myOrders).toMatchObject({
      totalCount: ORDERS,
      pageInfo: { totalCountIsExact: true, hasNextPage: true },
    });
    expect(first.data.myOrders.nodes).toHaveLength(2);

    const next = await run(
      'OrdersNext',
      `query OrdersNext($after: String) { myOrders(first: 2, after: $after) { ...Total nodes { id } } }
       fragment Total on OrderConnection { totalCount pageInfo { hasNextPage endCursor } }`,
      { after: first.data.myOrders.pageInfo.endCursor },
      merchant.token,
    );
    expect(next.data.myOrders.totalCount).toBe(ORDERS);
    expect(next.data.myOrders.nodes).toHaveLength(1);

    // Past the last row: an empty page carries no row to count with, so the total is counted on its own.
    const past = await run(
      'OrdersPast',
      `query OrdersPast($after: String) { myOrders(first: 2, after: $after) { totalCount nodes { id } } }`,
      { after: next.data.myOrders.pageInfo.endCursor },
      merchant.token,
    );
    expect(past.data.myOrders).toEqual({ totalCount: ORDERS, nodes: [] });

    const exactOnly = await run(
      'OrdersExactOnly',
      `query OrdersExactOnly { myOrders(first: 1) { pageInfo { ... on PageInfo { totalCountIsExact } } } }`,
      {},
      merchant.token,
    );
    expect(exactOnly.data.myOrders.pageInfo.totalCountIsExact).toBe(true);

    const none = await run(
      'OrdersNone',
      `query OrdersNone { myOrders(first: 2, status: COMPLETED) { totalCount pageInfo { totalCountIsExact } nodes { id } } }`,
      {},
      merchant.token,
    );
    expect(none.data.myOrders).toEqual({ totalCount: 0, pageInfo: { totalCountIsExact: true }, nodes: [] });
  });

  it('costs myOrders and notifications no statement for the total', async () => {
    const pairs: [string, string][] = [
      [
        `query OrdersWithTotal { myOrders(first: 2) { totalCount nodes { id task { title } creator { handle displayName } } } }`,
        `query OrdersWithoutTotal { myOrders(first: 2) { nodes { id task { title } creator { handle displayName } } } }`,
      ],
      [
        `query UnreadWithTotal { notifications(first: 2, unreadOnly: true) { totalCount nodes { id message } } }`,
        `query UnreadWithoutTotal { notifications(first: 2, unreadOnly: true) { nodes { id message } } }`,
      ],
    ];
    for (const [withTotal, withoutTotal] of pairs) {
      const withName = /query (\w+)/.exec(withTotal)![1];
      const withoutName = /query (\w+)/.exec(withoutTotal)![1];
      // Once first, so the viewer's profile (cached per process) does not count.
      await run(withName, withTotal, {}, merchant.token);
      const counted = await run(withName, withTotal, {}, merchant.token);
      const uncounted = await run(withoutName, withoutTotal, {}, merchant.token);
      expect(counted.statements).toBe(uncounted.statements);
    }
  });

  it('counts the unread notifications with their page as they are read', async () => {
    const UNREAD = `query Unread { notifications(first: 1, unreadOnly: true) { totalCount pageInfo { totalCountIsExact } nodes { id } } }`;
    const countUnread = async () =>
      (
        await server.sql(
          `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
          [merchant.userId],
        )
      )[0].n as number;
    const before = (await run('Unread', UNREAD, {}, merchant.token)).data.notifications;
    expect(before.totalCount).toBe(await countUnread());
    expect(before.totalCount).toBeGreaterThanOrEqual(ORDERS);
    await server.gql.ok(
      `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`,
      { ids: [before.nodes[0].id] },
      merchant.token,
    );
    const after = (await run('Unread', UNREAD, {}, merchant.token)).data.notifications;
    expect(after.totalCount).toBe(before.totalCount - 1);
    await server.gql.ok(`mutation { markAllNotificationsRead }`, {}, merchant.token);
    const none = (await run('Unread', UNREAD, {}, merchant.token)).data.notifications;
    expect(none).toEqual({ totalCount: 0, pageInfo: { totalCountIsExact: true }, nodes: [] });
  });
});
