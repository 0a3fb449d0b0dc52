import { ADMIN_ENV, logInAdmin, signUpCreatorWithTier, signUpMerchant } from './support/fixtures';
import { BENCH_PASSWORD, BenchLogins, seedDatabase } from '../bench/seed';
import { startTestServer, type TestServer } from './support/harness';

const FEED = /* GraphQL */ `
  query Feed($first: Int!) {
    tasks(first: $first, filter: { status: OPEN }) {
      totalCount
      nodes {
        id
        title
        budget {
          amount
        }
        merchant {
          shopName
          user {
            displayName
          }
        }
        domainTags {
          slug
        }
        bidCount
        myBid {
          id
        }
      }
    }
  }
`;

/** SQL statement counts the server logged (LOG_LEVEL=debug, LOG_FORMAT=json) for operations named `name`. */
function statementCounts(server: TestServer, name: string): number[] {
  return server
    .logs()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(`"operation":"${name}"`))
    .map((line) => JSON.parse(line).message.sqlStatements);
}

describe('no N+1: the feed costs the same number of statements for 20 and 100 tasks', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { ...ADMIN_ENV, LOG_LEVEL: 'debug', LOG_FORMAT: 'json' } });
    const admin = await logInAdmin(server.gql);
    const merchants = await Promise.all([
      signUpMerchant(server.gql),
      signUpMerchant(server.gql),
      signUpMerchant(server.gql),
    ]);
    const creator = await signUpCreatorWithTier(server.gql, admin, 'EXPERT');
    const applyBy = new Date(Date.now() + 86_400_000).toISOString();
    const deliverBy = new Date(Date.now() + 7 * 86_400_000).toISOString();
    // 120 tasks, posted ten at a time; every third one gets a bid.
    const post = async (i: number) => {
      const merchant = merchants[i % merchants.length];
      const data = await server.gql.ok(
        `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
        {
          input: {
            title: `Task ${i}`,
            brief: 'Show the product in daily use.',
            contentType: 'POST',
            channels: ['HEADLINES'],
            domainTags: i % 2 ? ['home.furniture'] : ['beauty', 'beauty.skincare'],
            budget: { amount: `${100 + i}.00`, currencyCode: 'CNY' },
            slots: 3,
            applyBy,
            deliverBy,
            publish: true,
          },
        },
        merchant.token,
      );
      if (i % 3 === 0) {
        await server.gql.ok(
          `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
          {
            input: {
              taskId: data.postTask.id,
              price: { amount: '99.00', currencyCode: 'CNY' },
              pitch: 'Pick me',
            },
          },
          creator.token,
        );
      }
    };
    for (let batch = 0; batch < 120; batch += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, offset) => post(batch + offset)));
    }
  }, 180_000);
  afterAll(() => server.close());

  it('logs the same statement count for pages of 20 and 100, with nested merchant, tags and bid counts', async () => {
    const admin = await logInAdmin(server.gql);
    const small = await server.gql.request(FEED, { first: 20 }, admin);
    const large = await server.gql.request(FEED, { first: 100 }, admin);
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect((small.data as any).tasks.nodes).toHaveLength(20);
    expect((large.data as any).tasks.nodes).toHaveLength(100);
    // The log line is written as the response is sent; give the pipe a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [smallCount, largeCount] = statementCounts(server, 'Feed').slice(-2);
    console.log(`SQL statements per tasks page: first 20 -> ${smallCount}, first 100 -> ${largeCount}`);
    expect(largeCount).toBe(smallCount);
    // viewer, count, page, merchants, their users, bid counts: a fixed handful whatever the page size.
    expect(smallCount).toBeLessThanOrEqual(8);
  });
});

/**
 * Every connection the API bench measures (issue 12) costs a fixed number of SQL statements: the same for
 * first: 5 and first: 50, and the same on a few hand-made rows as after bench/seed's `small` scale is
 * loaded into the same database (a hundredth of festival: 2,000 tasks, 10,000 bids, 10,000 notifications).
 */
const FEED_FIELDS = /* GraphQL */ `
  totalCount
  nodes {
    id
    title
    budget {
      amount
      currencyCode
    }
    applyBy
    minTier
    bidCount
    merchant {
      shopName
    }
    domainTags {
      slug
      name
    }
  }
`;

const CONNECTIONS: { name: string; as: 'anonymous' | 'merchant' | 'creator'; query: string }[] = [
  {
    name: 'BenchFeed',
    as: 'anonymous',
    query: `query BenchFeed($first: Int!) { tasks(first: $first, filter: { status: OPEN }) { ${FEED_FIELDS} } }`,
  },
  {
    name: 'BenchFeedTag',
    as: 'anonymous',
    query: `query BenchFeedTag($first: Int!) {
      tasks(first: $first, filter: { status: OPEN, domainTags: ["beauty"] }) { ${FEED_FIELDS} } }`,
  },
  {
    name: 'BenchFeedSearch',
    as: 'anonymous',
    query: `query BenchFeedSearch($first: Int!) {
      tasks(first: $first, filter: { status: OPEN, search: "skincare" }) { ${FEED_FIELDS} } }`,
  },
  {
    name: 'BenchTaskPage',
    as: 'merchant',
    query: `query BenchTaskPage($first: Int!, $taskId: ID!) {
      task(id: $taskId) {
        id title brief status slots slotsFilled bidCount
        budget { amount currencyCode }
        merchant { shopName user { displayName } }
        domainTags { slug name }
        bids(first: $first) { totalCount nodes { id status price { amount } creator { handle displayName tier } } }
      }
    }`,
  },
  {
    name: 'BenchCreators',
    as: 'anonymous',
    query: `query BenchCreators($first: Int!) {
      creators(first: $first, filter: { domainTags: ["beauty"], minTier: EXPERT }) {
        totalCount
        nodes { id handle displayName tier followerCount domainTags { slug } agency { name } stats { completedOrders averageRating } }
      }
    }`,
  },
  {
    name: 'BenchRecommendedTasks',
    as: 'creator',
    query: `query BenchRecommendedTasks($first: Int!) {
      recommendedTasks(first: $first) { score reasons task { id title budget { amount } merchant { shopName } domainTags { slug } } }
    }`,
  },
  {
    name: 'BenchRecommendedCreators',
    as: 'merchant',
    query: `query BenchRecommendedCreators($first: Int!, $taskId: ID!) {
      recommendedCreators(taskId: $taskId, first: $first) { score reasons creator { id handle tier followerCount } }
    }`,
  },
  {
    name: 'BenchMyOrders',
    as: 'merchant',
    query: `query BenchMyOrders($first: Int!) {
      myOrders(first: $first) {
        totalCount
        nodes { id status price { amount currencyCode } task { title } creator { handle } merchant { shopName } }
      }
    }`,
  },
  {
    name: 'BenchNotifications',
    as: 'merchant',
    query: `query BenchNotifications($first: Int!) {
      notifications(unreadOnly: true, first: $first) { totalCount nodes { id type message read createdAt task { title } } }
    }`,
  },
];

describe('no N+1 at any size: every benched connection costs the same statements for 5 and 50 rows, before and after seeding', () => {
  let server: TestServer;
  /** Statement counts per connection, as `<when>/<first>`. */
  const counts = new Map<string, Record<string, number>>();

  /** Sends the operation, waits for its log line, and returns the statements it ran. */
  async function statementsOf(
    name: string,
    query: string,
    variables: Record<string, unknown>,
    token: string | null,
  ): Promise<{ statements: number; data: any }> {
    const before = statementCounts(server, name).length;
    const response = await server.gql.request(query, variables, token);
    expect(response.errors).toBeUndefined();
    // The log line is written as the response is sent; wait for it rather than for a fixed time.
    while (statementCounts(server, name).length === before)
      await new Promise((resolve) => setImmediate(resolve));
    return { statements: statementCounts(server, name).at(-1)!, data: response.data };
  }

  async function measureAll(
    when: string,
    tokens: { merchant: string; creator: string },
    taskId: string,
  ): Promise<Record<string, any>> {
    const largest: Record<string, any> = {};
    for (const connection of CONNECTIONS) {
      const token = connection.as === 'anonymous' ? null : tokens[connection.as];
      const row = counts.get(connection.name) ?? {};
      // One call first, so caches that fill once per process (tags, a token's viewer) do not count.
      await statementsOf(connection.name, connection.query, { first: 5, taskId }, token);
      for (const first of [5, 50]) {
        const { statements, data } = await statementsOf(
          connection.name,
          connection.query,
          { first, taskId },
          token,
        );
        row[`${when}/${first}`] = statements;
        if (first === 50) largest[connection.name] = data;
      }
      counts.set(connection.name, row);
    }
    return largest;
  }

  const logIn = async (email: string, password: string) =>
    (
      await server.gql.ok(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`, {
        e: email,
        p: password,
      })
    ).logIn.token as string;

  beforeAll(async () => {
    server = await startTestServer({
      env: { ...ADMIN_ENV, LOG_LEVEL: 'debug', LOG_FORMAT: 'json', PUBLIC_CACHE: 'off' },
    });
    const admin = await logInAdmin(server.gql);
    // A handful of rows: one merchant's skincare tasks, one EXPERT beauty creator's bids, one accepted.
    const merchant = await signUpMerchant(server.gql);
    const creator = await signUpCreatorWithTier(server.gql, admin, 'EXPERT', {
      domainTags: ['beauty.skincare'],
    });
    // A second one who has not bid yet: the merchant's task has a creator to recommend.
    await signUpCreatorWithTier(server.gql, admin, 'EXPERT', { domainTags: ['beauty.skincare'] });
    const taskIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const data = await server.gql.ok(
        `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
        {
          input: {
            title: `Skincare routine ${i}`,
            brief: 'Show the serum in a morning routine.',
            contentType: 'VIDEO',
            channels: ['HEADLINES'],
            domainTags: ['beauty.skincare'],
            budget: { amount: '500.00', currencyCode: 'CNY' },
            slots: 2,
            applyBy: new Date(Date.now() + 86_400_000).toISOString(),
            deliverBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
            publish: true,
          },
        },
        merchant.token,
      );
      taskIds.push(data.postTask.id);
      // The last task gets no bid: the creator has a task to be recommended.
      if (i === 3) continue;
      const bid = await server.gql.ok(
        `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
        {
          input: {
            taskId: data.postTask.id,
            price: { amount: '450.00', currencyCode: 'CNY' },
            pitch: 'Morning routines are my thing.',
          },
        },
        creator.token,
      );
      if (i === 0) {
        await server.gql.ok(
          `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
          { id: bid.placeBid.id },
          merchant.token,
        );
      }
    }
    const few = await measureAll(
      'fixtures',
      { merchant: merchant.token, creator: creator.token },
      taskIds[0],
    );
    // Every list has rows before seeding too, so each nested field is resolved in both measurements.
    expect(few.BenchFeedSearch.tasks.nodes.length).toBeGreaterThan(0);
    expect(few.BenchTaskPage.task.bids.nodes.length).toBeGreaterThan(0);
    expect(few.BenchCreators.creators.nodes.length).toBeGreaterThan(0);
    expect(few.BenchRecommendedTasks.recommendedTasks.length).toBeGreaterThan(0);
    expect(few.BenchRecommendedCreators.recommendedCreators.length).toBeGreaterThan(0);
    expect(few.BenchMyOrders.myOrders.nodes.length).toBeGreaterThan(0);
    expect(few.BenchNotifications.notifications.nodes.length).toBeGreaterThan(0);

    await seedDatabase(server.databaseUrl, 'small');
    // The seeded merchant's open task with the most bids, and a seeded EXPERT creator.
    const [task] = await server.sql(
      `SELECT t.id FROM tasks t JOIN merchants m ON m.id = t.merchant_id JOIN users u ON u.id = m.user_id
        WHERE u.email = $1 AND t.status = 'OPEN'
        ORDER BY (SELECT count(*) FROM bids b WHERE b.task_id = t.id) DESC, t.id LIMIT 1`,
      [BenchLogins.merchant(1)],
    );
    const [expert] = await server.sql(
      `SELECT u.email FROM creators c JOIN users u ON u.id = c.user_id
        WHERE u.email LIKE '%@bench.vtask.test' AND c.tier = 'EXPERT' ORDER BY u.email LIMIT 1`,
    );
    const seeded = {
      merchant: await logIn(BenchLogins.merchant(1), BENCH_PASSWORD),
      creator: await logIn(expert.email, BENCH_PASSWORD),
    };
    const pages = await measureAll('seeded', seeded, task.id);
    // The seeded lists are longer than 5, so 5 and 50 really are different page sizes.
    expect(pages.BenchFeed.tasks.nodes).toHaveLength(50);
    expect(pages.BenchFeedTag.tasks.nodes).toHaveLength(50);
    expect(pages.BenchFeedSearch.tasks.nodes.length).toBeGreaterThan(5);
    expect(pages.BenchTaskPage.task.bids.nodes.length).toBeGreaterThan(5);
    expect(pages.BenchCreators.creators.nodes.length).toBeGreaterThan(5);
    expect(pages.BenchRecommendedTasks.recommendedTasks.length).toBeGreaterThan(5);
    expect(pages.BenchRecommendedCreators.recommendedCreators.length).toBeGreaterThan(5);
    expect(pages.BenchMyOrders.myOrders.nodes).toHaveLength(50);
    expect(pages.BenchNotifications.notifications.nodes.length).toBeGreaterThan(5);
  }, 300_000);
  afterAll(() => server.close());

  it.each(CONNECTIONS.map((connection) => connection.name))('%s', (name) => {
    const row = counts.get(name)!;
    console.log(`SQL statements per ${name}: ${JSON.stringify(row)}`);
    expect(Object.keys(row)).toHaveLength(4);
    expect(new Set(Object.values(row)).size).toBe(1);
  });
});
