import { ADMIN_ENV } from './support/fixtures';
import { createTestDatabase, queryOnce, startTestServer, type TestServer } from './support/harness';
import { eventually, ledgerViolations, orderIn, setUpParties, type Parties } from './support/order-fixtures';

/**
 * The deal-terms timers (issue 15) are durable and fire once: both instances of a two-instance deployment
 * are killed (SIGKILL, nothing cleans up) with a revision, a retention window, a takedown, a publish
 * window and a dispute's decision pending; their deadlines pass while nothing runs; two instances
 * start again on the same database, both with workers, and each timer acts exactly once: one status
 * change, one ledger settlement, one timeline event, one notice per party (the dispute timer: one
 * notice per admin, and nothing else).
 */

/** Every window is an hour (retention 30 "days" of a minute): nothing fires until the test moves it. */
const ENV = {
  ...ADMIN_ENV,
  DAY_S: '60',
  REVISION_WINDOW_S: '3600',
  RESTORE_WINDOW_S: '3600',
  PUBLISH_WINDOW_S: '3600',
  DISPUTE_WINDOW_S: '3600',
};

const MARK_PUBLISHED = `mutation($id: ID!, $url: String!) { markPublished(orderId: $id, url: $url) { id } }`;
const REPORT_TAKEDOWN = `mutation($id: ID!, $note: String!) { reportTakedown(orderId: $id, note: $note) { id } }`;

/** Per timer: its job, the deadline it acts at, and what acting once leaves behind. */
const TIMERS = {
  revisionOverdue: {
    job: 'orders.revision-overdue',
    deadline: `UPDATE orders SET revision_due_by = now() - interval '1 second' WHERE id = $1`,
    status: { order: 'DISPUTED', publication: null },
    event: 'REVISION_OVERDUE',
    notice: 'REVISION_OVERDUE',
    notices: 2,
    holdbackSettlements: 0,
  },
  holdbackRelease: {
    job: 'orders.release-holdback',
    deadline: `UPDATE order_publications SET retain_until = now() - interval '1 second' WHERE order_id = $1`,
    status: { order: 'COMPLETED', publication: 'RETAINED' },
    event: 'RETAINED',
    notice: 'HOLDBACK_RELEASED',
    notices: 1,
    holdbackSettlements: 1,
  },
  restoreWindow: {
    job: 'orders.restore-window',
    deadline: `UPDATE order_publications SET restore_by = now() - interval '1 second' WHERE order_id = $1`,
    status: { order: 'COMPLETED', publication: 'BREACHED' },
    event: 'RETENTION_BREACHED',
    notice: 'RETENTION_BREACHED',
    notices: 2,
    holdbackSettlements: 1,
  },
  publishWindow: {
    job: 'orders.publish-window',
    deadline: `UPDATE order_publications SET publish_by = now() - interval '1 second' WHERE order_id = $1`,
    status: { order: 'COMPLETED', publication: 'BREACHED' },
    event: 'RETENTION_BREACHED',
    notice: 'RETENTION_BREACHED',
    notices: 2,
    holdbackSettlements: 1,
  },
  disputeOverdue: {
    job: 'orders.dispute-overdue',
    deadline: `UPDATE orders SET dispute_decide_by = now() - interval '1 second' WHERE id = $1`,
    // The order stays DISPUTED and its timeline keeps only the dispute's opening: the timer's one
    // trace is the notice to the admin (the harness's only one).
    status: { order: 'DISPUTED', publication: null },
    event: 'DISPUTED',
    notice: 'DISPUTE_OVERDUE',
    notices: 1,
    holdbackSettlements: 0,
  },
} as const;
type Timer = keyof typeof TIMERS;

describe('deal-terms timers survive kill -9 and fire once with two instances', () => {
  let databaseUrl: string;
  let servers: TestServer[] = [];
  let p: Parties;
  const orders = {} as Record<Timer, string>;
  const sql = (text: string, params: unknown[] = []) =>
    queryOnce<Record<string, any>>(databaseUrl, text, params);

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    servers = await Promise.all([0, 1].map(() => startTestServer({ databaseUrl, env: ENV })));
    p = await setUpParties(servers[0], { agencyBps: 2000 });
    const [revision, released, restored, unpublished, disputed] = await Promise.all([
      orderIn(p, 'REVISION_REQUESTED'),
      orderIn(p, 'COMPLETED', { retentionDays: 30 }),
      orderIn(p, 'COMPLETED', { retentionDays: 30 }),
      orderIn(p, 'COMPLETED', { retentionDays: 30 }),
      orderIn(p, 'DISPUTED'),
    ]);
    Object.assign(orders, {
      revisionOverdue: revision,
      holdbackRelease: released,
      restoreWindow: restored,
      publishWindow: unpublished,
      disputeOverdue: disputed,
    });
    await servers[0].gql.ok(MARK_PUBLISHED, { id: released, url: 'https://x.example/1' }, p.creator.token);
    await servers[1].gql.ok(MARK_PUBLISHED, { id: restored, url: 'https://x.example/2' }, p.creator.token);
    await servers[1].gql.ok(REPORT_TAKEDOWN, { id: restored, note: 'Gone' }, p.merchant.token);

    // The whole deployment crashes with every timer pending.
    await Promise.all(servers.map((server) => server.kill()));
    for (const [timer, spec] of Object.entries(TIMERS) as [Timer, (typeof TIMERS)[Timer]][]) {
      const pending = await sql(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND split_part(singleton_key, ':', 1) = $2 AND state = 'created'`,
        [spec.job, orders[timer]],
      );
      expect({ timer, pending: pending[0].n }).toEqual({ timer, pending: 1 });
      // Time passes while nothing runs: the deadline and its job are due.
      await sql(spec.deadline, [orders[timer]]);
      await sql(
        `UPDATE pgboss.job SET start_after = now() - interval '1 second' WHERE name = $1 AND split_part(singleton_key, ':', 1) = $2 AND state = 'created'`,
        [spec.job, orders[timer]],
      );
    }
    // Two instances start again on the same database, both taking timers.
    servers = await Promise.all(
      [true, false].map((dropOnClose) => startTestServer({ databaseUrl, env: ENV, dropOnClose })),
    );
    const due = Object.entries(TIMERS).map(([timer, spec]) => `${spec.job}/${orders[timer as Timer]}`);
    await eventually(async () => {
      const rows = await sql(
        `SELECT state::text FROM pgboss.job WHERE name || '/' || split_part(singleton_key, ':', 1) = ANY($1)`,
        [due],
      );
      return rows.length === due.length && rows.every((row) => ['completed', 'failed'].includes(row.state));
    }, 'the deal-terms timers after the restart');
  });
  afterAll(async () => {
    expect(await ledgerViolations(servers[0])).toEqual([]);
    await servers[1]?.close();
    await servers[0]?.close();
  });

  it.each(Object.keys(TIMERS) as Timer[])('%s acted exactly once', async (timer) => {
    const spec = TIMERS[timer];
    const orderId = orders[timer];
    const [row] = await sql(
      `SELECT o.status AS order, pub.status AS publication,
              (SELECT count(*) FROM ledger_transactions WHERE order_id = o.id AND escrow_part = 'HOLDBACK')::int AS settlements,
              (SELECT count(*) FROM order_events WHERE order_id = o.id AND type = $2)::int AS events,
              (SELECT count(*) FROM notifications WHERE order_id = o.id AND type = $3)::int AS notices,
              (SELECT array_agg(state::text) FROM pgboss.job WHERE name = $4 AND split_part(singleton_key, ':', 1) = o.id::text) AS jobs
         FROM orders o LEFT JOIN order_publications pub ON pub.order_id = o.id WHERE o.id = $1`,
      [orderId, spec.event, spec.notice, spec.job],
    );
    expect(row).toEqual({
      ...spec.status,
      settlements: spec.holdbackSettlements,
      events: 1,
      notices: spec.notices,
      jobs: ['completed'],
    });
  });
});
