import fc from 'fast-check';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  ACCEPT_BID,
  CANCEL_TASK,
  CLOSE_TASK,
  placeBid,
  postTask,
  PUBLISH_TASK,
} from './support/market-fixtures';

/**
 * SPEC "Limits": a list's total is exact from counters the database keeps, or capped at 10,000 with
 * `pageInfo.totalCountIsExact` false; never a count over the whole table.
 */
const TOTAL = /* GraphQL */ `
  query Total($filter: TaskFilter) {
    tasks(first: 1, filter: $filter) {
      totalCount
      pageInfo {
        totalCountIsExact
      }
    }
  }
`;

const TAGS = ['home', 'home.furniture', 'home.kitchen', 'beauty', 'beauty.skincare'];
const STATUSES = ['DRAFT', 'OPEN', 'CLOSED', 'COMPLETED', 'CANCELLED'];

describe('list totals', () => {
  let server: TestServer;
  let merchant: Account;
  let creator: Account;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    admin = await logInAdmin(server.gql);
    merchant = await signUpMerchant(server.gql);
    creator = await signUpCreatorWithTier(server.gql, admin, 'CELEBRITY');
  });
  afterAll(() => server.close());

  /** What the public feed must count: public, non-draft tasks, by status and (parent-expanded) tag. */
  async function countInTable(status: string | null, tag: string | null): Promise<number> {
    const [row] = await server.sql(
      `SELECT count(*)::int AS n FROM tasks t
        WHERE t.visibility = 'PUBLIC' AND t.status <> 'DRAFT'
          AND ($1::text IS NULL OR t.status::text = $1)
          AND ($2::text IS NULL OR EXISTS (
                SELECT 1 FROM unnest(t.domain_tags) own
                 WHERE own = $2 OR own IN (SELECT slug FROM domain_tags WHERE parent_slug = $2)))`,
      [status, tag],
    );
    return row.n;
  }

  async function expectCountersRight(): Promise<void> {
    for (const status of [null, ...STATUSES]) {
      for (const tag of [null, ...TAGS]) {
        const filter = { ...(status ? { status } : {}), ...(tag ? { domainTags: [tag] } : {}) };
        const { tasks } = await server.gql.ok(TOTAL, { filter });
        expect({ status, tag, ...tasks }).toEqual({
          status,
          tag,
          totalCount: await countInTable(status, tag),
          pageInfo: { totalCountIsExact: true },
        });
      }
    }
  }

  type Step =
    | { kind: 'post'; tags: string[]; publish: boolean; inviteOnly: boolean; slots: number }
    | { kind: 'publish' | 'close' | 'cancel' | 'fill'; pick: number };

  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({
      kind: fc.constant('post' as const),
      tags: fc.subarray(['home.furniture', 'home.kitchen', 'beauty.skincare', 'beauty'], { minLength: 1 }),
      publish: fc.boolean(),
      inviteOnly: fc.boolean(),
      slots: fc.integer({ min: 1, max: 2 }),
    }),
    fc.record({
      kind: fc.constantFrom('publish' as const, 'close' as const, 'cancel' as const, 'fill' as const),
      pick: fc.nat(),
    }),
  );

  it('keeps the feed counters equal to COUNT(*) through posts, publishes, closes, cancels and filled slots', async () => {
    const tasks: Record<string, any>[] = [];
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 8, maxLength: 16 }), async (steps) => {
        for (const next of steps) {
          if (next.kind === 'post') {
            tasks.push(
              await postTask(server.gql, merchant.token, {
                domainTags: next.tags,
                publish: next.publish,
                visibility: next.inviteOnly ? 'INVITE_ONLY' : 'PUBLIC',
                slots: next.slots,
                budget: { amount: '100.00', currencyCode: 'CNY' },
              }),
            );
            applied += 1;
            continue;
          }
          if (!tasks.length) continue;
          const task = tasks[next.pick % tasks.length];
          // Steps that the task's state refuses (closing a draft, ...) change nothing, as they should.
          if (next.kind === 'fill') {
            const bid = await placeBid(server.gql, creator.token, task.id, '90.00').catch(() => null);
            if (bid) await server.gql.request(ACCEPT_BID, { id: bid.id }, merchant.token);
          } else {
            const mutation = { publish: PUBLISH_TASK, close: CLOSE_TASK, cancel: CANCEL_TASK }[next.kind];
            await server.gql.request(mutation, { id: task.id, reason: 'Plans changed.' }, merchant.token);
          }
          applied += 1;
        }
        await expectCountersRight();
      }),
      // The tasks stay between runs (the counters must hold over any history), so shrinking a failure
      // would replay steps on another state: report the first failing sequence as it ran.
      { numRuns: 3, seed: 20261206, endOnFailure: true },
    );
    expect(applied).toBeGreaterThan(0);
    // The counters themselves, not only the answers built on them, match the table.
    const drift = await server.sql(
      `SELECT c.tag, c.status, c.n, coalesce(t.n, 0) AS actual
         FROM (SELECT tag, status, sum(n)::int AS n FROM task_feed_counters GROUP BY tag, status) c
         LEFT JOIN (SELECT key AS tag, status::text AS status, count(*)::int AS n
                      FROM tasks CROSS JOIN LATERAL task_feed_keys(domain_tags) key
                     WHERE visibility = 'PUBLIC' GROUP BY key, status) t
           ON t.tag = c.tag AND t.status = c.status
        WHERE c.n <> coalesce(t.n, 0)`,
    );
    expect(drift).toEqual([]);
  }, 600_000);

  it('keeps the creator directory totals equal to COUNT(*) through sign-ups, tier and tag changes', async () => {
    const TIERS = ['ORDINARY', 'CREATOR', 'EXPERT', 'CELEBRITY'];
    const created = [
      await signUpCreatorWithTier(server.gql, admin, 'EXPERT', { domainTags: ['beauty.skincare'] }),
      await signUpCreatorWithTier(server.gql, admin, 'CREATOR', { domainTags: ['home', 'beauty'] }),
      await signUpCreatorWithTier(server.gql, admin, 'ORDINARY', { domainTags: ['home.kitchen'] }),
    ];
    await server.gql.ok(
      `mutation($input: UpdateCreatorProfileInput!) { updateCreatorProfile(input: $input) { id } }`,
      { input: { domainTags: ['home.furniture', 'beauty.skincare'] } },
      created[2].token,
    );
    await server.gql.ok(
      `mutation($id: ID!) { setCreatorTier(creatorId: $id, tier: CELEBRITY, reason: "A festival star now.") { id } }`,
      { id: created[0].profileId },
      admin,
    );
    for (const tag of [null, ...TAGS]) {
      for (const minTier of [null, ...TIERS]) {
        const data = await server.gql.ok<any>(
          `query($filter: CreatorFilter) { creators(first: 1, filter: $filter) { totalCount pageInfo { totalCountIsExact } } }`,
          { filter: { domainTags: tag ? [tag] : null, minTier } },
        );
        const [row] = await server.sql(
          `SELECT count(*)::int AS n FROM creators c
            WHERE ($1::text IS NULL OR c.tier::text = ANY($2::text[]))
              AND ($3::text IS NULL OR EXISTS (
                    SELECT 1 FROM unnest(c.domain_tags) own
                     WHERE own = $3 OR own IN (SELECT slug FROM domain_tags WHERE parent_slug = $3)))`,
          [minTier, minTier ? TIERS.slice(TIERS.indexOf(minTier)) : [], tag],
        );
        expect({ tag, minTier, total: data.creators.totalCount }).toEqual({ tag, minTier, total: row.n });
        expect(data.creators.pageInfo.totalCountIsExact).toBe(true);
      }
    }
  });

  it('caps a count it cannot serve from counters at 10,000, and says so', async () => {
    const [seed] = await postTaskRows(1);
    // 10,050 more public open tasks of one merchant, written straight into the table (the API would take
    // minutes); the counters' trigger sees every row.
    await server.sql(
      `INSERT INTO tasks
       SELECT (jsonb_populate_record(t, jsonb_build_object('id', gen_random_uuid(), 'title', 'Bulk task ' || g))).*
         FROM tasks t, generate_series(1, 10050) g WHERE t.id = $1`,
      [seed],
    );
    const exactOpen = await countInTable('OPEN', null);
    expect(exactOpen).toBeGreaterThan(10_000);

    // Anonymous feed by status: from the counters, exact beyond the cap.
    const anonymous = await server.gql.ok(TOTAL, { filter: { status: 'OPEN' } });
    expect(anonymous.tasks).toEqual({ totalCount: exactOpen, pageInfo: { totalCountIsExact: true } });

    // A filter the counters do not keep: capped.
    const searched = await server.gql.ok(TOTAL, { filter: { status: 'OPEN', search: 'Bulk task' } });
    expect(searched.tasks).toEqual({ totalCount: 10_000, pageInfo: { totalCountIsExact: false } });

    // The merchant also sees its own drafts, so its feed is counted, capped as well.
    const own = await server.gql.ok(TOTAL, { filter: { status: 'OPEN' } }, merchant.token);
    expect(own.tasks).toEqual({ totalCount: 10_000, pageInfo: { totalCountIsExact: false } });

    // Below the cap a counted total is exact: "Bulk task 1005" and "Bulk task 10050".
    const few = await server.gql.ok(TOTAL, { filter: { search: 'Bulk task 1005' } });
    expect(few.tasks).toEqual({ totalCount: 2, pageInfo: { totalCountIsExact: true } });
  }, 300_000);

  it('caps the notifications total too', async () => {
    await server.sql(
      `INSERT INTO notifications (user_id, type, message)
       SELECT $1, 'BID_PLACED', 'Bulk notification ' || g FROM generate_series(1, 10005) g`,
      [merchant.userId],
    );
    const { notifications } = await server.gql.ok(
      `{ notifications(first: 5) { totalCount pageInfo { totalCountIsExact hasNextPage } nodes { id } } }`,
      {},
      merchant.token,
    );
    expect(notifications).toMatchObject({
      totalCount: 10_000,
      pageInfo: { totalCountIsExact: false, hasNextPage: true },
    });
    expect(notifications.nodes).toHaveLength(5);
  });

  async function postTaskRows(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await postTask(server.gql, merchant.token)).id);
    return ids;
  }
});
