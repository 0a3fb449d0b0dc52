import { setTimeout as sleep } from 'node:timers/promises';
import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV } from './support/fixtures';
import { createTestDatabase, startTestServer, type GqlResponse, type TestServer } from './support/harness';
import {
  AUTO_ACCEPT_JOB,
  eventually,
  eventTypes,
  FUNDING_EXPIRY_JOB,
  internalErrors,
  ledgerViolations,
  mustSucceed,
  orderCalls,
  orderFromTask,
  orderJobs,
  orderStatus,
  outcome,
  setUpParties,
  transactionKinds,
  type OrderCalls,
  type Parties,
} from './support/order-fixtures';

const EVENTS = `query($id: ID!) { order(id: $id) { status events { type actor { id } } escrow { status held { amount } released { amount } } deliverables { status } } }`;

async function jobsDone(server: TestServer, name: string, orderId: string, count: number): Promise<void> {
  await eventually(async () => {
    const jobs = await orderJobs(server, name, orderId);
    return jobs.length === count && jobs.every((job) => job.state === 'completed');
  }, `${count} ${name} timer(s) of ${orderId} to complete`);
}

/**
 * Runs manual steps that must come before a seconds-long timer. On a very slow machine the timer can
 * win (the step answers CONFLICT and the timeline shows the timer's event): then a fresh order tries
 * again, so the test checks the stale timer rather than the machine's speed.
 */
async function beforeTheTimer(
  server: TestServer,
  make: () => Promise<string>,
  steps: ((orderId: string) => Promise<GqlResponse<unknown>>)[],
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const orderId = await make();
    let lost = false;
    for (const step of steps) {
      const response = await step(orderId);
      if (outcome(response) === 'OK') continue;
      const events = await eventTypes(server, orderId);
      const timerActed = events.includes('FUNDING_EXPIRED') || events.includes('AUTO_ACCEPTED');
      if (attempt < 4 && outcome(response) === 'CONFLICT' && timerActed) {
        lost = true;
        break;
      }
      throw new Error(`step failed: ${JSON.stringify(response.errors)} (events ${events.join(', ')})`);
    }
    if (!lost) return orderId;
  }
}

/** Funding expiry and auto-accept as durable pg-boss timers, with windows shortened to seconds. */
describe('order timers', () => {
  describe('funding window of 2 s', () => {
    let server: TestServer;
    let p: Parties;
    let calls: OrderCalls;

    beforeAll(async () => {
      server = await startTestServer({ env: { ...ADMIN_ENV, ORDER_FUNDING_WINDOW_S: '2' } });
      p = await setUpParties(server);
      calls = orderCalls(server.gql);
    });
    afterAll(async () => {
      expectWellFormedErrors(server.gql.errorsSeen);
      expect(internalErrors(server.gql)).toEqual([]);
      expect(await ledgerViolations(server)).toEqual([]);
      await server.close();
    });

    it('cancels an unfunded order: event FUNDING_EXPIRED with no actor', async () => {
      const orderId = await orderFromTask(p);
      const order = await eventually(async () => {
        const data = await server.gql.ok(EVENTS, { id: orderId }, p.merchant.token);
        return data.order.status === 'CANCELLED' ? data.order : null;
      }, 'the funding timer');
      expect(order.events).toEqual([
        { type: 'CREATED', actor: { id: p.merchant.userId } },
        { type: 'FUNDING_EXPIRED', actor: null },
      ]);
      expect(order.escrow.status).toBe('UNFUNDED');
      expect(await transactionKinds(server, orderId)).toEqual({});
      // Funding it now is refused: the order is final.
      expect(['CONFLICT', 'DEADLINE_PASSED']).toContain(
        (await calls.fund(p.merchant.token, orderId)).errors?.[0].extensions?.code,
      );
    });

    it('does nothing when it fires after the order was funded', async () => {
      const orderId = await beforeTheTimer(server, () => orderFromTask(p), [
        (id) => calls.fund(p.merchant.token, id),
      ]);
      await jobsDone(server, FUNDING_EXPIRY_JOB, orderId, 1);
      expect(await orderStatus(server, orderId)).toBe('IN_PROGRESS');
      expect(await eventTypes(server, orderId)).toEqual(['CREATED', 'FUNDED']);
      expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1 });
    });

    it('does nothing when it fires after the order was cancelled by hand', async () => {
      const orderId = await beforeTheTimer(server, () => orderFromTask(p), [
        (id) => calls.cancel(p.creator.token, id),
      ]);
      await jobsDone(server, FUNDING_EXPIRY_JOB, orderId, 1);
      expect(await eventTypes(server, orderId)).toEqual(['CREATED', 'CANCELLED']);
    });
  });

  describe('review window of 2 s', () => {
    let server: TestServer;
    let p: Parties;
    let calls: OrderCalls;

    beforeAll(async () => {
      server = await startTestServer({ env: { ...ADMIN_ENV, ORDER_REVIEW_WINDOW_S: '2' } });
      p = await setUpParties(server, { agencyBps: 1500 });
      calls = orderCalls(server.gql);
    });
    afterAll(async () => {
      expectWellFormedErrors(server.gql.errorsSeen);
      expect(internalErrors(server.gql)).toEqual([]);
      expect(await ledgerViolations(server)).toEqual([]);
      await server.close();
    });

    async function funded(price = '100.00'): Promise<string> {
      const orderId = await orderFromTask(p, { price });
      mustSucceed(await calls.fund(p.merchant.token, orderId), 'fund');
      return orderId;
    }

    it('accepts a delivery nobody reviewed: AUTO_ACCEPTED with no actor, escrow RELEASED with fee and agency share', async () => {
      const orderId = await funded('1000.00');
      mustSucceed(await calls.deliver(p.creator.token, orderId), 'deliver');
      const order = await eventually(async () => {
        const data = await server.gql.ok(EVENTS, { id: orderId }, p.creator.token);
        return data.order.status === 'COMPLETED' ? data.order : null;
      }, 'the review timer');
      expect(order.events.map((event: any) => [event.type, event.actor?.id ?? null])).toEqual([
        ['CREATED', p.merchant.userId],
        ['FUNDED', p.merchant.userId],
        ['DELIVERED', p.creator.userId],
        ['AUTO_ACCEPTED', null],
      ]);
      expect(order.escrow).toEqual({
        status: 'RELEASED',
        held: { amount: '0.00' },
        released: { amount: '1000.00' },
      });
      expect(order.deliverables).toEqual([{ status: 'APPROVED' }]);
      const lines = await server.sql(
        `SELECT kind::text, amount_minor::int AS amount FROM ledger_entries WHERE order_id = $1 AND amount_minor > 0 AND kind <> 'FUND' ORDER BY amount_minor`,
        [orderId],
      );
      // Fee 10% = 100.00; agency 15% of 900.00 = 135.00; creator 765.00.
      expect(lines).toEqual([
        { kind: 'FEE', amount: 10000 },
        { kind: 'AGENCY_SHARE', amount: 13500 },
        { kind: 'RELEASE', amount: 76500 },
      ]);
    });

    it('a stale timer after a manual accept changes nothing', async () => {
      const orderId = await beforeTheTimer(server, funded, [
        (id) => calls.deliver(p.creator.token, id),
        (id) => calls.accept(p.merchant.token, id),
      ]);
      await jobsDone(server, AUTO_ACCEPT_JOB, orderId, 1);
      expect(await eventTypes(server, orderId)).toEqual(['CREATED', 'FUNDED', 'DELIVERED', 'ACCEPTED']);
      expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1, RELEASE: 1 });
    });

    it('a stale timer after a dispute changes nothing: the dispute stops the clock', async () => {
      const orderId = await beforeTheTimer(server, funded, [
        (id) => calls.deliver(p.creator.token, id),
        (id) => calls.dispute(p.merchant.token, id),
      ]);
      await jobsDone(server, AUTO_ACCEPT_JOB, orderId, 1);
      await sleep(500);
      expect(await orderStatus(server, orderId)).toBe('DISPUTED');
      expect(await eventTypes(server, orderId)).toEqual(['CREATED', 'FUNDED', 'DELIVERED', 'DISPUTED']);
      expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1 });
      mustSucceed(await calls.resolve(p.admin, orderId, '40.00'), 'resolve');
      expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1, SPLIT: 1 });
    });

    it("a revision stops the first delivery's timer; the second delivery gets its own", async () => {
      const orderId = await beforeTheTimer(server, funded, [
        (id) => calls.deliver(p.creator.token, id),
        (id) => calls.revise(p.merchant.token, id),
      ]);
      await sleep(1200);
      mustSucceed(await calls.deliver(p.creator.token, orderId), 'deliver v2');
      // The first timer fires ~1 s before the second deadline: it must not accept version 2 early.
      await eventually(
        async () =>
          (await orderJobs(server, AUTO_ACCEPT_JOB, orderId)).some((job) => job.state === 'completed'),
        'the first timer',
      );
      const [row] = await server.sql(
        `SELECT status, review_deadline > now() AS pending FROM orders WHERE id = $1`,
        [orderId],
      );
      if (row.pending) expect(row.status).toBe('DELIVERED');
      await eventually(async () => (await orderStatus(server, orderId)) === 'COMPLETED', 'the second timer');
      await jobsDone(server, AUTO_ACCEPT_JOB, orderId, 2);
      expect(await eventTypes(server, orderId)).toEqual([
        'CREATED',
        'FUNDED',
        'DELIVERED',
        'REVISION_REQUESTED',
        'DELIVERED',
        'AUTO_ACCEPTED',
      ]);
      expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1, RELEASE: 1 });
    });
  });

  it('survive a SIGKILL: after a restart the due timers run', async () => {
    // Windows long enough that the crash comes before either deadline even on a slow machine (a timer
    // running at the moment of a SIGKILL is retried only once its job expires, minutes later).
    const env = { ...ADMIN_ENV, ORDER_FUNDING_WINDOW_S: '12', ORDER_REVIEW_WINDOW_S: '12' };
    const databaseUrl = await createTestDatabase();
    const first = await startTestServer({ databaseUrl, env, dropOnClose: false });
    const p = await setUpParties(first);
    const calls = orderCalls(first.gql);
    const unfunded = await orderFromTask(p);
    const delivered = await orderFromTask(p);
    mustSucceed(await calls.fund(p.merchant.token, delivered), 'fund');
    mustSucceed(await calls.deliver(p.creator.token, delivered), 'deliver');
    await first.kill();
    const [deadlines] = await first.sql(
      `SELECT extract(epoch FROM greatest(
                (SELECT funding_deadline FROM orders WHERE id = $1), (SELECT review_deadline FROM orders WHERE id = $2)) - now()) * 1000 AS ms,
              (SELECT count(*) FROM order_events WHERE type IN ('FUNDING_EXPIRED', 'AUTO_ACCEPTED') AND order_id IN ($1, $2))::int AS fired`,
      [unfunded, delivered],
    );
    expect(deadlines.fired).toBe(0); // the crash came first
    // Both deadlines pass while no server runs.
    await sleep(Math.max(0, Number(deadlines.ms)) + 500);
    expect(await orderStatus(first, unfunded)).toBe('AWAITING_FUNDING');
    expect(await orderStatus(first, delivered)).toBe('DELIVERED');
    const second = await startTestServer({ databaseUrl, env, dropOnClose: true });
    try {
      await eventually(
        async () =>
          (await orderStatus(second, unfunded)) === 'CANCELLED' &&
          (await orderStatus(second, delivered)) === 'COMPLETED',
        'the timers after the restart',
        60_000,
      );
      expect(await eventTypes(second, unfunded)).toEqual(['CREATED', 'FUNDING_EXPIRED']);
      expect(await eventTypes(second, delivered)).toEqual([
        'CREATED',
        'FUNDED',
        'DELIVERED',
        'AUTO_ACCEPTED',
      ]);
      expect(await transactionKinds(second, delivered)).toEqual({ FUND: 1, RELEASE: 1 });
      expect(await ledgerViolations(second)).toEqual([]);
    } finally {
      await second.close();
    }
  }, 120_000);
});
