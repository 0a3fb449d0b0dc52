import { setTimeout as sleep } from 'node:timers/promises';
import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  balanceOf,
  bookedOrders,
  eventTypes,
  eventually,
  inBatches,
  internalErrors,
  key,
  ledgerViolations,
  mustSucceed,
  orderCalls,
  orderFromTask,
  orderIn,
  orderStatus,
  outcome,
  setUpParties,
  transactionKinds,
  type OrderCalls,
  type Parties,
} from './support/order-fixtures';

/** Counts of each outcome code, e.g. { OK: 1, CONFLICT: 9 }. */
function tally(codes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

const ENDINGS = [
  'ACCEPTED',
  'AUTO_ACCEPTED',
  'CANCELLED',
  'CANCELLED_WITH_FEE',
  'DISPUTED',
  'RESOLVED',
  'FUNDING_EXPIRED',
];

/**
 * SPEC "Ledger": concurrent actions on one order serialize, exactly one wins, the others get CONFLICT,
 * and the escrow leaves at most once.
 */
describe('order races', () => {
  let server: TestServer;
  let p: Parties;
  let calls: OrderCalls;

  /** Reviews time out after 3 s here, so the auto-accept timer joins the race. */
  let timerServer: TestServer;
  let tp: Parties;
  let timerCalls: OrderCalls;

  beforeAll(async () => {
    // Recovery runs 1 s after each charge is recorded, so it also races the requests it backs up.
    [server, timerServer] = await Promise.all([
      startTestServer({ env: { ...ADMIN_ENV, ORDER_RECOVERY_DELAY_S: '1' } }),
      startTestServer({ env: { ...ADMIN_ENV, ORDER_REVIEW_WINDOW_S: '3' } }),
    ]);
    [p, tp] = await Promise.all([setUpParties(server, { agencyBps: 2000 }), setUpParties(timerServer)]);
    calls = orderCalls(server.gql);
    timerCalls = orderCalls(timerServer.gql);
  });
  afterAll(async () => {
    for (const each of [server, timerServer]) {
      expectWellFormedErrors(each.gql.errorsSeen);
      expect(internalErrors(each.gql)).toEqual([]);
      expect(await ledgerViolations(each)).toEqual([]);
    }
    await Promise.all([server.close(), timerServer.close()]);
  });

  it('10 concurrent fundOrder calls with different keys: one SUCCEEDED, nine CONFLICT, one charge', async () => {
    const orders = await bookedOrders(p, 5, '300.00');
    for (const orderId of orders) {
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => calls.fund(p.merchant.token, orderId)),
      );
      const codes = responses.map((response) =>
        outcome(response) === 'OK' ? response.data!.fundOrder.status : outcome(response),
      );
      expect(tally(codes)).toEqual({ SUCCEEDED: 1, CONFLICT: 9 });
      expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1 });
      const charges = await server.sql(
        `SELECT status::text FROM provider_operations WHERE order_id = $1 AND kind = 'CHARGE'`,
        [orderId],
      );
      expect(charges).toEqual([{ status: 'SUCCEEDED' }]);
      expect(await eventTypes(server, orderId)).toEqual(['CREATED', 'FUNDED']);
    }
    expect(await ledgerViolations(server)).toEqual([]);
  }, 180_000);

  it('concurrent fundOrder replays of one key, racing a cancellation, charge and refund once', async () => {
    const orders = await bookedOrders(p, 16, '40.00');
    const seen: string[] = [];
    await inBatches(orders.length, 4, async (index) => {
      const orderId = orders[index];
      const fundKey = key('fund');
      const [cancel, ...replays] = await Promise.all([
        sleep(Math.random() * 120).then(() => calls.cancel(p.creator.token, orderId)),
        ...[0, 0, 3, 8, 15, 30, 60].map((ms) =>
          sleep(ms).then(() => calls.fund(p.merchant.token, orderId, fundKey)),
        ),
      ]);
      const fundings = replays.map((response) =>
        outcome(response) === 'OK' ? response.data!.fundOrder.status : outcome(response),
      );
      seen.push(`${fundings.join('/')} cancel:${outcome(cancel)}`);
      expect(outcome(cancel)).toBe('OK'); // cancellable before and after funding (nothing delivered)
      for (const funding of fundings) expect(['SUCCEEDED', 'FAILED', 'CONFLICT']).toContain(funding);
      expect(await orderStatus(server, orderId)).toBe('CANCELLED');
    });
    // Recovery (1 s) may still be finishing refunds of late charges.
    await eventually(
      async () =>
        (await server.sql(`SELECT count(*)::int AS n FROM provider_operations WHERE status = 'PENDING'`))[0]
          .n === 0,
      'pending provider operations to settle',
    );
    for (const orderId of orders) {
      // A cancelled order: whatever was charged was refunded, once.
      const [ops] = await server.sql(
        `SELECT count(*) FILTER (WHERE kind = 'CHARGE' AND status = 'SUCCEEDED')::int AS charges,
                count(*) FILTER (WHERE kind = 'REFUND' AND status <> 'FAILED')::int AS refunds
           FROM provider_operations WHERE order_id = $1`,
        [orderId],
      );
      expect(ops.charges).toBeLessThanOrEqual(1);
      expect({ orderId, ...ops }).toEqual({ orderId, charges: ops.charges, refunds: ops.charges });
    }
    console.log(`fund replays vs cancel, outcomes: ${JSON.stringify(tally(seen))}`);
    expect(await ledgerViolations(server)).toEqual([]);
  }, 180_000);

  it('20 concurrent acceptDelivery calls, a dispute and the auto-accept timer: one winner, escrow leaves once', async () => {
    const winners: string[] = [];
    const orders = await bookedOrders(tp, 6, '500.00');
    for (const [round, orderId] of orders.entries()) {
      mustSucceed(await timerCalls.fund(tp.merchant.token, orderId), 'fund');
      mustSucceed(await timerCalls.deliver(tp.creator.token, orderId), 'deliver');
      const [row] = await timerServer.sql(
        `SELECT extract(epoch FROM review_deadline - now()) * 1000 AS ms FROM orders WHERE id = $1`,
        [orderId],
      );
      // Fire around the deadline: the timer polls every second, so sometimes it is first, sometimes not.
      await sleep(Math.max(0, Number(row.ms) - 300 + round * 250));
      const responses = await Promise.all([
        ...Array.from({ length: 20 }, (_, i) =>
          sleep(i % 3).then(() => timerCalls.accept(tp.merchant.token, orderId)),
        ),
        sleep(Math.random() * 25).then(() => timerCalls.dispute(tp.creator.token, orderId)),
      ]);
      const accepts = responses.slice(0, 20).map(outcome);
      const dispute = outcome(responses[20]);
      const status = await eventually(async () => {
        const current = await orderStatus(timerServer, orderId);
        return current === 'DELIVERED' ? null : current; // the timer may still be running
      }, 'a winner');
      const endings = (await eventTypes(timerServer, orderId)).filter((type) => ENDINGS.includes(type));
      expect(endings.length).toBe(1);
      const winner = endings[0];
      winners.push(winner);
      const acceptWins = accepts.filter((code) => code === 'OK').length;
      for (const code of accepts) expect(['OK', 'CONFLICT']).toContain(code);
      expect(['OK', 'CONFLICT']).toContain(dispute);
      if (winner === 'ACCEPTED') {
        expect({ status, acceptWins, dispute }).toEqual({
          status: 'COMPLETED',
          acceptWins: 1,
          dispute: 'CONFLICT',
        });
        expect(await transactionKinds(timerServer, orderId)).toEqual({ FUND: 1, RELEASE: 1 });
      } else if (winner === 'AUTO_ACCEPTED') {
        expect({ status, acceptWins, dispute }).toEqual({
          status: 'COMPLETED',
          acceptWins: 0,
          dispute: 'CONFLICT',
        });
        expect(await transactionKinds(timerServer, orderId)).toEqual({ FUND: 1, RELEASE: 1 });
      } else {
        expect({ winner, status, acceptWins, dispute }).toEqual({
          winner: 'DISPUTED',
          status: 'DISPUTED',
          acceptWins: 0,
          dispute: 'OK',
        });
        expect(await transactionKinds(timerServer, orderId)).toEqual({ FUND: 1 });
      }
    }
    // The timers that lost (or found a dispute) must not act later either.
    await sleep(1500);
    for (const orderId of orders) {
      expect((await eventTypes(timerServer, orderId)).filter((type) => ENDINGS.includes(type)).length).toBe(
        1,
      );
    }
    console.log(`accept x20 + dispute + timer, winners: ${JSON.stringify(tally(winners))}`);
    expect(await ledgerViolations(timerServer)).toEqual([]);
  }, 180_000);

  it("accept vs cancel, 100 times with random delays: never both; the merchant's cancel mid-work splits off the kill fee", async () => {
    const rounds = 100;
    const orders = await bookedOrders(p, rounds, '80.00');
    // Every order funded; half delivered (accept can win), half in progress (the creator races to deliver).
    await inBatches(rounds, 8, async (index) => {
      mustSucceed(await calls.fund(p.merchant.token, orders[index]), 'fund');
      if (index % 2 === 0) mustSucceed(await calls.deliver(p.creator.token, orders[index]), 'deliver');
    });
    const results: string[] = [];
    await inBatches(rounds, 6, async (index) => {
      const orderId = orders[index];
      const canceller = index % 4 < 2 ? p.creator : p.merchant;
      const delayed = <T>(ms: number, call: () => Promise<T>) => sleep(ms).then(call);
      const [accept, cancel, deliver] = await Promise.all([
        delayed(Math.random() * 20, () => calls.accept(p.merchant.token, orderId)),
        delayed(Math.random() * 20, () => calls.cancel(canceller.token, orderId)),
        index % 2 === 1
          ? delayed(Math.random() * 10, () => calls.deliver(p.creator.token, orderId))
          : Promise.resolve(null),
      ]);
      const a = outcome(accept);
      const c = outcome(cancel);
      results.push(`accept:${a} cancel:${c}${deliver ? ` deliver:${outcome(deliver)}` : ''}`);
      expect(a === 'OK' && c === 'OK').toBe(false);
      expect(['OK', 'CONFLICT']).toContain(a);
      expect(['OK', 'CONFLICT']).toContain(c);
      const status = await orderStatus(server, orderId);
      const kinds = await transactionKinds(server, orderId);
      const endings = (await eventTypes(server, orderId)).filter((type) => ENDINGS.includes(type));
      if (a === 'OK') {
        expect({ status, kinds, endings }).toEqual({
          status: 'COMPLETED',
          kinds: { FUND: 1, RELEASE: 1 },
          endings: ['ACCEPTED'],
        });
      } else if (c === 'OK' && canceller === p.merchant) {
        expect({ status, kinds, endings }).toEqual({
          status: 'CANCELLED',
          kinds: { FUND: 1, SPLIT: 1 },
          endings: ['CANCELLED_WITH_FEE'],
        });
      } else if (c === 'OK') {
        expect({ status, kinds, endings }).toEqual({
          status: 'CANCELLED',
          kinds: { FUND: 1, REFUND: 1 },
          endings: ['CANCELLED'],
        });
      } else {
        // Neither: the creator delivered between them (no accept yet), or the merchant's cancel met a delivery.
        expect({ status, kinds, endings }).toEqual({ status: 'DELIVERED', kinds: { FUND: 1 }, endings: [] });
      }
    });
    console.log(`accept vs cancel (${rounds} rounds): ${JSON.stringify(tally(results))}`);
    expect(await ledgerViolations(server)).toEqual([]);
  }, 180_000);

  it("cancelTask racing its order's funding or cancellation: never a cancelled task with a funded order, never a deadlock", async () => {
    const results: string[] = [];
    await inBatches(30, 5, async (i) => {
      const orderId = await orderFromTask(p);
      const [{ task_id: taskId }] = await server.sql(`SELECT task_id FROM orders WHERE id = $1`, [orderId]);
      const cancelTask = () =>
        server.gql.request(
          `mutation($id: ID!) { cancelTask(taskId: $id, reason: "Campaign dropped") { status } }`,
          { id: taskId },
          p.merchant.token,
        );
      const funding = i % 2 === 0;
      const rival = funding
        ? () => calls.fund(p.merchant.token, orderId)
        : () => calls.cancel(p.creator.token, orderId);
      const [task, other] = await Promise.all([
        sleep(Math.random() * 10).then(cancelTask),
        sleep(Math.random() * 10).then(rival),
      ]);
      const otherCode =
        outcome(other) === 'OK' && funding ? `OK:${other.data!.fundOrder.status}` : outcome(other);
      const [state] = await server.sql(
        `SELECT o.status AS "order", t.status AS task FROM orders o JOIN tasks t ON t.id = o.task_id WHERE o.id = $1`,
        [orderId],
      );
      results.push(
        `${funding ? 'fund' : 'cancelOrder'}:${otherCode} cancelTask:${outcome(task)} -> ${state.order}/${state.task}`,
      );
      expect(['OK', 'CONFLICT']).toContain(outcome(task));
      expect(['OK', 'CONFLICT', 'OK:SUCCEEDED', 'OK:FAILED']).toContain(otherCode);
      if (state.task === 'CANCELLED') expect(state.order).toBe('CANCELLED');
      if (outcome(task) === 'OK') expect(state).toEqual({ order: 'CANCELLED', task: 'CANCELLED' });
      if (otherCode === 'OK:SUCCEEDED') expect(state).toEqual({ order: 'IN_PROGRESS', task: 'CLOSED' });
      if (!funding) expect(state.order).toBe('CANCELLED');
    });
    console.log(`cancelTask races: ${JSON.stringify(tally(results))}`);
    expect(await ledgerViolations(server)).toEqual([]);
  }, 180_000);

  it('concurrent payouts from one wallet never overdraw it', async () => {
    // A fresh creator with exactly 720.00 available (1000.00 less 10% fee, less 20% for the agency).
    const earner = await setUpParties(server, { agencyBps: 2000 });
    await orderIn(earner, 'COMPLETED', { price: '1000.00' });
    const account = `creator/${earner.creator.profileId}`;
    expect(await balanceOf(server, account)).toBe(72000n);
    const payouts = await Promise.all(
      Array.from({ length: 20 }, () => calls.payout(earner.creator.token, '100.00')),
    );
    expect(tally(payouts.map(outcome))).toEqual({ OK: 7, INSUFFICIENT_FUNDS: 13 });
    expect(await balanceOf(server, account)).toBe(2000n);
    // One key sent five times at once: one payout.
    const payoutKey = key('payout');
    const replays = await Promise.all(
      Array.from({ length: 5 }, () => calls.payout(earner.creator.token, '15.00', payoutKey)),
    );
    const ids = new Set(
      replays
        .filter((response) => outcome(response) === 'OK')
        .map((response) => response.data!.requestPayout.id),
    );
    expect(ids.size).toBe(1);
    for (const response of replays) expect(['OK', 'CONFLICT']).toContain(outcome(response));
    expect(await balanceOf(server, account)).toBe(500n);
    const wallet = await server.gql.ok(
      `{ myWallet { available { amount } paidOut { amount } } }`,
      {},
      earner.creator.token,
    );
    expect(wallet.myWallet).toEqual({ available: { amount: '5.00' }, paidOut: { amount: '715.00' } });
    // The agency's wallet is its own: 180.00.
    const agencyPayouts = await Promise.all(
      Array.from({ length: 4 }, () => calls.payout(earner.agency!.token, '60.00')),
    );
    expect(tally(agencyPayouts.map(outcome))).toEqual({ OK: 3, INSUFFICIENT_FUNDS: 1 });
    expect(await balanceOf(server, `agency/${earner.agency!.profileId}`)).toBe(0n);
    expect(await ledgerViolations(server)).toEqual([]);
  }, 180_000);
});
