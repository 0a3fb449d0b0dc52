import {
  BENCH_PASSWORD,
  BenchLogins,
  derivedDataProblems,
  SCALES,
  seedDatabase,
  seededScale,
  type SeedSummary,
} from '../bench/seed';
import { dropDatabase } from '../libs/database/src/embedded-postgres';
import { createTestDatabase, startTestServer, type TestServer } from './support/harness';
import { ledgerViolations, openSql, type Sql } from './support/order-fixtures';

/** bench/seed at its `small` scale (a hundredth of festival) on a fresh migrated database. */
describe('bench seed (small)', () => {
  const sizes = SCALES.small;
  let url: string;
  let summary: SeedSummary;
  let db: { sql: Sql; close: () => Promise<void> };
  let server: TestServer;

  beforeAll(async () => {
    url = await createTestDatabase();
    summary = await seedDatabase(url, 'small');
    db = await openSql(url);
    server = await startTestServer({ databaseUrl: url, dropOnClose: true });
  }, 300_000);
  afterAll(async () => {
    await db?.close();
    await server?.close();
  });

  const count = async (text: string) => Number((await db.sql(text))[0].n);

  it('fills every table to the scale', async () => {
    expect(summary.scale).toBe('small');
    expect(await count(`SELECT count(*) AS n FROM merchants`)).toBe(sizes.merchants);
    expect(await count(`SELECT count(*) AS n FROM creators`)).toBe(sizes.creators);
    expect(await count(`SELECT count(*) AS n FROM agencies`)).toBe(sizes.agencies);
    expect(await count(`SELECT count(*) AS n FROM users WHERE role = 'ADMIN'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM tasks`)).toBe(sizes.tasks);
    expect(await count(`SELECT count(*) AS n FROM bids`)).toBe(sizes.bids);
    expect(await count(`SELECT count(*) AS n FROM orders`)).toBe(sizes.orders);
    expect(await count(`SELECT count(*) AS n FROM notifications`)).toBe(sizes.notifications);
    expect(await count(`SELECT count(DISTINCT user_id) AS n FROM notifications`)).toBe(sizes.notifiedUsers);
    expect(await count(`SELECT count(*) AS n FROM venues`)).toBe(sizes.venues);
    expect(await count(`SELECT count(*) AS n FROM venue_submissions WHERE lineup_position IS NOT NULL`)).toBe(
      sizes.venues * sizes.lineup,
    );
    expect(await count(`SELECT count(*) AS n FROM creator_match_profiles`)).toBe(sizes.creators);
    expect(summary.rows.orders).toBe(sizes.orders);
  });

  it('spreads tasks, creators and orders as a festival season does', async () => {
    expect(await count(`SELECT count(*) AS n FROM tasks WHERE status = 'OPEN'`)).toBe(sizes.tasks * 0.6);
    const taskStatuses = await db.sql(`SELECT DISTINCT status::text FROM tasks`);
    expect(taskStatuses.map((row) => row.status).sort()).toEqual(
      ['CANCELLED', 'CLOSED', 'COMPLETED', 'DRAFT', 'OPEN'].sort(),
    );
    const orderStatuses = await db.sql(`SELECT unnest(enum_range(NULL::order_status))::text AS status
                                        EXCEPT SELECT DISTINCT status::text FROM orders`);
    expect(orderStatuses).toEqual([]);
    const tiers = await db.sql(`SELECT DISTINCT tier::text FROM creators`);
    expect(tiers).toHaveLength(4);
    // 1-3 tags per creator, tags of open tasks spread over most of the taxonomy.
    expect(
      await count(`SELECT count(*) AS n FROM creators WHERE cardinality(domain_tags) NOT BETWEEN 1 AND 3`),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(DISTINCT tag) AS n FROM tasks, unnest(domain_tags) tag WHERE status = 'OPEN'`,
      ),
    ).toBeGreaterThan(30);
    // Track records and price ranges came from the project's own refresh.
    expect(
      await count(`SELECT count(*) AS n FROM creator_match_profiles WHERE completed_orders > 0`),
    ).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*) AS n FROM creator_match_profiles WHERE cardinality(price_currencies) > 0`),
    ).toBeGreaterThan(0);
  });

  it('keeps the ledger balanced and the derived data equal to COUNT(*) and the sums of entries', async () => {
    expect(await derivedDataProblems((text) => db.sql(text))).toEqual([]);
    expect(await ledgerViolations(db.sql)).toEqual([]);
    // The project's own invariants of SPEC "Ledger" (escrow per status, one settlement, the timeline).
    expect(await count(`SELECT count(*) AS n FROM ledger_transactions WHERE kind = 'SPLIT'`)).toBeGreaterThan(
      0,
    );
    // A split order shows what moved: its creator payout is its RELEASE, its refunded rest is set.
    expect(
      await count(
        `SELECT count(*) AS n FROM orders o
          WHERE o.status = 'RESOLVED'
            AND (o.refunded_minor = 0 OR o.creator_payout_minor <> (SELECT coalesce(sum(e.amount_minor), 0)
                   FROM ledger_entries e WHERE e.order_id = o.id AND e.kind = 'RELEASE'))`,
      ),
    ).toBe(0);
  });

  it('records its scale, so benches reuse the database, and refuses to seed it twice', async () => {
    expect(await seededScale(url)).toBe('small');
    await expect(seedDatabase(url, 'small')).rejects.toThrow(/already seeded/);
    const seedless = await createTestDatabase();
    try {
      expect(await seededScale(seedless)).toBeNull();
    } finally {
      await dropDatabase(process.env.VTASK_TEST_ADMIN_URL!, new URL(seedless).pathname.slice(1));
    }
  });

  it('lets a seeded merchant sign in over the API and see the feed with its exact total', async () => {
    const login = await server.gql.ok<{ logIn: { token: string; user: { role: string } } }>(
      `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { role } } }`,
      { email: BenchLogins.merchant(1), password: BENCH_PASSWORD },
    );
    expect(login.logIn.user.role).toBe('MERCHANT');
    const feed = await server.gql.ok<{
      tasks: { totalCount: number; nodes: { id: string; merchant: { shopName: string } }[] };
    }>(
      `{ tasks(first: 20, filter: { status: OPEN }) { totalCount nodes { id merchant { shopName } } } }`,
      {},
      login.logIn.token,
    );
    expect(feed.tasks.nodes).toHaveLength(20);
    expect(feed.tasks.nodes[0].merchant.shopName).toMatch(/^Bench Shop \d{4}$/);
    expect(feed.tasks.totalCount).toBe(
      await count(`SELECT count(*) AS n FROM tasks WHERE status = 'OPEN' AND visibility = 'PUBLIC'`),
    );
    for (const email of [BenchLogins.creator(1), BenchLogins.agency(1), BenchLogins.admin]) {
      const other = await server.gql.ok<{ logIn: { token: string } }>(
        `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }`,
        { email, password: BENCH_PASSWORD },
      );
      expect(other.logIn.token).toEqual(expect.any(String));
    }
  });
});
