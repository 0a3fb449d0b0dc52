import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV, PASSWORD, signUpMerchant } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  eventTypes,
  eventually,
  expectWindowAfter,
  internalErrors,
  ledgerViolations,
  mustSucceed,
  orderCalls,
  orderIn,
  orderStatus,
  setUpParties,
  type OrderCalls,
  type Parties,
} from './support/order-fixtures';

const DEADLINES = /* GraphQL */ `
  query ($id: ID!) {
    order(id: $id) {
      status
      revisionDueBy
      disputeDecideBy
      events {
        type
        at
        actor {
          id
        }
      }
    }
  }
`;
const DISPUTED_LIST = /* GraphQL */ `
  query ($first: Int, $after: String) {
    orders(status: DISPUTED, first: $first, after: $after) {
      nodes {
        id
        disputeDecideBy
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const NOTIFICATIONS = `query { notifications(first: 100) { nodes { type message order { id } } } }`;
const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { role } } }`;

/** Short windows: every deadline here passes within seconds, on the database clock, by durable timers. */
const REVISION_WINDOW_S = 3;
const DISPUTE_WINDOW_S = 3;

/**
 * Revision and dispute deadlines (SPEC, issue 15): a revision request is due by REVISION_WINDOW_S, after
 * which a timer sends the order to DISPUTED (REVISION_OVERDUE); a dispute is due for a decision by
 * DISPUTE_WINDOW_S, after which admins are notified and it leads the admin's DISPUTED list.
 */
describe('revision and dispute deadlines', () => {
  let server: TestServer;
  let p: Parties;
  let calls: OrderCalls;

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        ...ADMIN_ENV,
        REVISION_WINDOW_S: String(REVISION_WINDOW_S),
        DISPUTE_WINDOW_S: String(DISPUTE_WINDOW_S),
      },
    });
    p = await setUpParties(server);
    calls = orderCalls(server.gql);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    expect(internalErrors(server.gql)).toEqual([]);
    expect(await ledgerViolations(server)).toEqual([]);
    await server.close();
  });

  const deadlines = async (orderId: string) =>
    (await server.gql.ok(DEADLINES, { id: orderId }, p.merchant.token)).order;
  /** When the order's last event of `type` happened, as the API gives it. */
  const lastEventAt = (order: { events: { type: string; at: string }[] }, type: string) =>
    order.events.filter((event) => event.type === type).slice(-1)[0].at;
  const notificationTypes = async (token: string) =>
    (await server.gql.ok(NOTIFICATIONS, {}, token)).notifications.nodes.map((n: { type: string }) => n.type);

  it('a revision request is due REVISION_WINDOW_S after it, shown while REVISION_REQUESTED', async () => {
    const orderId = await orderIn(p, 'DELIVERED');
    expect((await deadlines(orderId)).revisionDueBy).toBeNull();
    mustSucceed(await calls.revise(p.merchant.token, orderId), 'revise');
    // Hold its timer back, so the order stays REVISION_REQUESTED while this test reads it.
    await server.sql(
      `UPDATE pgboss.job SET start_after = now() + interval '1 hour' WHERE name = 'orders.revision-overdue' AND singleton_key LIKE $1 || ':%'`,
      [orderId],
    );
    const [row] = await server.sql(
      `SELECT extract(epoch FROM o.revision_due_by - e.at)::float AS window
         FROM orders o JOIN order_events e ON e.order_id = o.id AND e.type = 'REVISION_REQUESTED'
        WHERE o.id = $1`,
      [orderId],
    );
    expect(row.window).toBeGreaterThanOrEqual(REVISION_WINDOW_S - 0.5);
    expect(row.window).toBeLessThanOrEqual(REVISION_WINDOW_S + 0.5);
    const requested = await deadlines(orderId);
    expect(requested.revisionDueBy).not.toBeNull();
    expect(requested.disputeDecideBy).toBeNull();
  });

  it('a revision not delivered by revisionDueBy sends the order to DISPUTED by timer (REVISION_OVERDUE)', async () => {
    const orderId = await orderIn(p, 'REVISION_REQUESTED');
    await eventually(async () => (await orderStatus(server, orderId)) === 'DISPUTED', 'the revision timer');
    const order = await deadlines(orderId);
    expect(order.revisionDueBy).toBeNull();
    // The timer opened the dispute: the decision is due DISPUTE_WINDOW_S after it did.
    expectWindowAfter(lastEventAt(order, 'REVISION_OVERDUE'), order.disputeDecideBy, DISPUTE_WINDOW_S);
    const overdue = order.events.find((event: { type: string }) => event.type === 'REVISION_OVERDUE');
    expect(overdue.actor).toBeNull();
    expect((await eventTypes(server, orderId)).slice(-1)).toEqual(['REVISION_OVERDUE']);
    expect(await notificationTypes(p.creator.token)).toContain('REVISION_OVERDUE');
    expect(await notificationTypes(p.merchant.token)).toContain('REVISION_OVERDUE');
  });

  it('a dispute opened by a party is due for a decision DISPUTE_WINDOW_S after it was opened', async () => {
    const orderId = await orderIn(p, 'DELIVERED');
    expect((await deadlines(orderId)).disputeDecideBy).toBeNull();
    mustSucceed(await calls.dispute(p.creator.token, orderId), 'openDispute');
    const disputed = await deadlines(orderId);
    expect(disputed.status).toBe('DISPUTED');
    expect(disputed.revisionDueBy).toBeNull();
    expectWindowAfter(lastEventAt(disputed, 'DISPUTED'), disputed.disputeDecideBy, DISPUTE_WINDOW_S);
  });

  it('a delivery before revisionDueBy wins: the timer finds nothing to do', async () => {
    const orderId = await orderIn(p, 'DELIVERED');
    mustSucceed(await calls.revise(p.merchant.token, orderId), 'revise');
    mustSucceed(await calls.deliver(p.creator.token, orderId), 'deliver again');
    expect((await deadlines(orderId)).revisionDueBy).toBeNull();
    // The stale timer runs (its job completes) and leaves the delivery alone.
    await eventually(async () => {
      const [job] = await server.sql(
        `SELECT state::text FROM pgboss.job WHERE name = 'orders.revision-overdue' AND singleton_key LIKE $1 || ':%'`,
        [orderId],
      );
      return job?.state === 'completed';
    }, 'the stale revision timer');
    expect(await orderStatus(server, orderId)).toBe('DELIVERED');
  });

  it('an overdue dispute notifies every admin once, and leads the admin list of DISPUTED orders', async () => {
    // A second admin beside the harness's, made as an operator makes one (a user promoted in the
    // database, as the ADMIN_EMAIL refusal says), before any dispute here is due.
    const promoted = await signUpMerchant(server.gql);
    await server.sql(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [promoted.userId]);
    const secondAdmin = (await server.gql.ok(LOG_IN, { email: promoted.email, password: PASSWORD })).logIn;
    expect(secondAdmin.user.role).toBe('ADMIN');
    const admins = [p.admin, secondAdmin.token];

    const older = await orderIn(p, 'DISPUTED');
    const notDue = await orderIn(p, 'DISPUTED');
    // This one's decision is not due for a day; its timer still runs at the deadline it was scheduled for.
    await server.sql(`UPDATE orders SET dispute_decide_by = now() + interval '1 day' WHERE id = $1`, [
      notDue,
    ]);
    const newer = await orderIn(p, 'DISPUTED');
    /** The DISPUTE_OVERDUE notices `token`'s user got, as the ids of their orders. */
    const overdueNoticesOf = async (token: string) =>
      (await server.gql.ok(NOTIFICATIONS, {}, token)).notifications.nodes
        .filter((n: { type: string }) => n.type === 'DISPUTE_OVERDUE')
        .map((n: { order: { id: string } }) => n.order.id) as string[];
    const about = (ids: string[], orderId: string) => ids.filter((id) => id === orderId).length;
    await eventually(async () => {
      for (const token of admins) {
        const notices = await overdueNoticesOf(token);
        if (!about(notices, older) || !about(notices, newer)) return false;
      }
      return true;
    }, 'the dispute timers');
    // The not-yet-due dispute's timer ran too, and found nothing to say.
    await eventually(async () => {
      const [job] = await server.sql(
        `SELECT state::text FROM pgboss.job WHERE name = 'orders.dispute-overdue' AND singleton_key LIKE $1 || ':%'`,
        [notDue],
      );
      return job?.state === 'completed';
    }, 'the not-yet-due dispute timer');
    // Every admin, one notice per overdue dispute, none for the dispute not yet due.
    for (const token of admins) {
      const notices = await overdueNoticesOf(token);
      expect([about(notices, older), about(notices, newer), about(notices, notDue)]).toEqual([1, 1, 0]);
    }
    const [{ n: adminsNow }] = await server.sql(`SELECT count(*)::int AS n FROM users WHERE role = 'ADMIN'`);
    expect(adminsNow).toBe(admins.length);
    const newerDisputed = await deadlines(newer);
    expectWindowAfter(
      lastEventAt(newerDisputed, 'DISPUTED'),
      newerDisputed.disputeDecideBy,
      DISPUTE_WINDOW_S,
    );

    // The newer dispute was due first: it leads, whatever the creation order; the one not yet due
    // comes after both overdue ones.
    await server.sql(
      `UPDATE orders SET dispute_decide_by = CASE id WHEN $1 THEN now() - interval '2 days' ELSE now() - interval '1 day' END
        WHERE id IN ($1, $2)`,
      [newer, older],
    );
    for (const token of admins) {
      const ids: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const page: any = (await server.gql.ok(DISPUTED_LIST, { first: 1, after }, token)).orders;
        ids.push(...page.nodes.map((node: { id: string }) => node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(ids.filter((id) => [newer, older, notDue].includes(id))).toEqual([newer, older, notDue]);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
