import { dropDatabase } from '../libs/database/src/embedded-postgres';
import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV } from './support/fixtures';
import { createTestDatabase, startTestServer, type GqlResponse, type TestServer } from './support/harness';
import {
  bookedOrders,
  eventually,
  inBatches,
  internalErrors,
  key,
  ledgerViolations,
  mustSucceed,
  orderCalls,
  outcome,
  setUpParties,
  transactionKinds,
  type Parties,
} from './support/order-fixtures';

const ROUNDS = 2;
const PER_KIND = 10;
/**
 * Recovery finishes an interrupted provider call 5 s after it was recorded (30 s by default). The
 * crash comes well before that, so no recovery job is running when the process dies (a job running at
 * a crash is only retried once it expires, minutes later).
 */
const RECOVERY_DELAY_S = 5;
const ENV = { ...ADMIN_ENV, ORDER_RECOVERY_DELAY_S: String(RECOVERY_DELAY_S) };

interface Sent {
  kind: 'fund' | 'accept' | 'cancel';
  orderId: string;
  key: string;
  /** OK (with the funding status), an error code, or NO_ANSWER when the crash cut the connection. */
  answer: string;
}

/**
 * Crash safety (issue 7): SIGKILL the server in the middle of a burst of fundings, acceptances and
 * cancellations of funded orders (whose refunds go to the provider after commit),
 * restart it on the same database, and check that the ledger is intact, that every request that was
 * answered with a success is reflected, and that recovery finishes the provider calls the crash cut.
 */
describe('crash safety: kill -9 during a burst of fundings, acceptances and cancellations', () => {
  let server: TestServer;
  let databaseUrl: string;
  let p: Parties;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    server = await startTestServer({ databaseUrl, env: ENV, dropOnClose: false });
    p = await setUpParties(server);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    expect(internalErrors(server.gql)).toEqual([]);
    await server.close();
    await dropDatabase(process.env.VTASK_TEST_ADMIN_URL!, new URL(databaseUrl).pathname.slice(1));
  });

  /** Points the parties' client at the current server (tokens stay valid: same JWT secret). */
  function use(next: TestServer): void {
    server = next;
    p = { ...p, server: next, gql: next.gql };
  }

  it('keeps every answered request and recovers the interrupted charges', async () => {
    const figures: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const calls = orderCalls(server.gql);
      const toFund = await bookedOrders(p, PER_KIND, '250.00');
      const toAccept = await bookedOrders(p, PER_KIND, '250.00');
      const toCancel = await bookedOrders(p, PER_KIND, '250.00');
      await inBatches(PER_KIND, 6, async (i) => {
        mustSucceed(await calls.fund(p.merchant.token, toAccept[i]), 'fund');
        mustSucceed(await calls.deliver(p.creator.token, toAccept[i]), 'deliver');
        mustSucceed(await calls.fund(p.merchant.token, toCancel[i]), 'fund');
      });

      // The burst, interleaved; the crash comes once a few answers are back (or after a short while).
      const sent: Sent[] = [];
      let answered = 0;
      const answer = (response: GqlResponse<any>, kind: Sent['kind']): string => {
        answered += 1;
        const code = outcome(response);
        return code === 'OK' && kind === 'fund' ? `OK:${response.data.fundOrder.status}` : code;
      };
      const burst = [
        ...toFund.map((orderId) => ({ kind: 'fund' as const, orderId })),
        ...toAccept.map((orderId) => ({ kind: 'accept' as const, orderId })),
        ...toCancel.map((orderId) => ({ kind: 'cancel' as const, orderId })),
      ]
        .sort(() => Math.random() - 0.5)
        .map(async ({ kind, orderId }) => {
          const entry: Sent = { kind, orderId, key: key(kind), answer: 'NO_ANSWER' };
          sent.push(entry);
          try {
            const response =
              kind === 'fund'
                ? await calls.fund(p.merchant.token, orderId, entry.key)
                : kind === 'accept'
                  ? await calls.accept(p.merchant.token, orderId, entry.key)
                  : await calls.cancel(p.creator.token, orderId, entry.key);
            entry.answer = answer(response, kind);
          } catch {
            entry.answer = 'NO_ANSWER'; // the connection died with the server
          }
        });
      const killAfter = 2 + Math.floor(Math.random() * 6);
      const burstStarted = Date.now();
      // The crash comes once a few requests got their answer or reached the database (on a slow machine
      // answers lag behind commits), and in any case within 4 s: before any recovery job is due (5 s).
      const progress = async () => {
        const [row] = await server.sql(
          `SELECT (SELECT count(*) FROM provider_operations WHERE kind = 'CHARGE' AND order_id = ANY($1::uuid[]))::int
                + (SELECT count(*) FROM order_events WHERE type IN ('ACCEPTED', 'CANCELLED') AND order_id = ANY($2::uuid[]))::int AS n`,
          [toFund, [...toAccept, ...toCancel]],
        );
        return row.n as number;
      };
      await eventually(
        async () =>
          answered >= killAfter || Date.now() - burstStarted > 4000 || (await progress()) >= killAfter + 3,
        'the first answers',
        20_000,
        1,
      );
      await server.kill();
      await Promise.all(burst);
      const beforeRestart = answered;

      // What the crash left: charges and refunds recorded but never completed.
      const interrupted = await server.sql(
        `SELECT id, order_id FROM provider_operations WHERE kind = 'CHARGE' AND status = 'PENDING' AND order_id = ANY($1::uuid[])`,
        [toFund],
      );
      const interruptedRefunds = await server.sql(
        `SELECT id FROM provider_operations WHERE kind = 'REFUND' AND status = 'PENDING' AND order_id = ANY($1::uuid[])`,
        [toCancel],
      );

      use(await startTestServer({ databaseUrl, env: ENV, dropOnClose: false }));
      await eventually(
        async () =>
          (await server.sql(`SELECT count(*)::int AS n FROM provider_operations WHERE status = 'PENDING'`))[0]
            .n === 0,
        'recovery of the interrupted provider operations',
        60_000,
      ).catch(async (error: Error) => {
        const stuck = await server.sql(
          `SELECT p.kind, p.created_at, j.state, j.start_after, j.started_on
             FROM provider_operations p LEFT JOIN pgboss.job j ON j.singleton_key = p.id::text
            WHERE p.status = 'PENDING'`,
        );
        throw new Error(`${error.message}: ${JSON.stringify(stuck)}`);
      });
      for (const op of interrupted) {
        const [row] = await server.sql(`SELECT status::text FROM provider_operations WHERE id = $1`, [op.id]);
        expect(row.status).toBe('SUCCEEDED');
        // Recovery funded the order and stored the answer of the request the crash cut.
        expect(await transactionKinds(server, op.order_id)).toEqual({ FUND: 1 });
        const events = await server.sql(
          `SELECT type, actor_user_id FROM order_events WHERE order_id = $1 AND type = 'FUNDED'`,
          [op.order_id],
        );
        expect(events).toEqual([{ type: 'FUNDED', actor_user_id: p.merchant.userId }]);
      }
      for (const op of interruptedRefunds) {
        const [row] = await server.sql(`SELECT status::text FROM provider_operations WHERE id = $1`, [op.id]);
        expect(row.status).toBe('SUCCEEDED');
      }
      expect(await ledgerViolations(server)).toEqual([]);

      // Every answered success is in the database.
      let landedUnanswered = 0;
      for (const entry of sent) {
        const [row] = await server.sql(`SELECT status FROM orders WHERE id = $1`, [entry.orderId]);
        if (entry.answer === 'OK:SUCCEEDED') {
          expect({ ...entry, status: row.status }).toMatchObject({ status: 'IN_PROGRESS' });
          expect(await transactionKinds(server, entry.orderId)).toEqual({ FUND: 1 });
        } else if (entry.answer === 'OK' && entry.kind === 'accept') {
          expect({ ...entry, status: row.status }).toMatchObject({ status: 'COMPLETED' });
          expect(await transactionKinds(server, entry.orderId)).toEqual({ FUND: 1, RELEASE: 1 });
        } else if (entry.answer === 'OK') {
          expect({ ...entry, status: row.status }).toMatchObject({ status: 'CANCELLED' });
          expect(await transactionKinds(server, entry.orderId)).toEqual({ FUND: 1, REFUND: 1 });
        } else {
          expect(entry).toMatchObject({ answer: 'NO_ANSWER' });
          const untouched = { fund: 'AWAITING_FUNDING', accept: 'DELIVERED', cancel: 'IN_PROGRESS' }[
            entry.kind
          ];
          if (row.status !== untouched) landedUnanswered += 1;
        }
      }

      // The client retries what got no answer, with the same keys: each lands exactly once.
      const again = orderCalls(server.gql);
      for (const entry of sent.filter((each) => each.answer !== 'OK' && each.answer !== 'OK:SUCCEEDED')) {
        const response =
          entry.kind === 'fund'
            ? await again.fund(p.merchant.token, entry.orderId, entry.key)
            : entry.kind === 'accept'
              ? await again.accept(p.merchant.token, entry.orderId, entry.key)
              : await again.cancel(p.creator.token, entry.orderId, entry.key);
        const code = outcome(response);
        expect({
          ...entry,
          retry: code === 'OK' && entry.kind === 'fund' ? response.data!.fundOrder.status : code,
        }).toMatchObject({
          retry: entry.kind === 'fund' ? 'SUCCEEDED' : 'OK',
        });
      }
      for (const orderId of toFund) expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1 });
      for (const orderId of toAccept)
        expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1, RELEASE: 1 });
      for (const orderId of toCancel)
        expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1, REFUND: 1 });
      // Each cancelled order's money went back to the provider exactly once.
      const refunds = await server.sql(
        `SELECT order_id, count(*)::int AS n FROM provider_operations WHERE kind = 'REFUND' AND status = 'SUCCEEDED' AND order_id = ANY($1::uuid[]) GROUP BY order_id`,
        [toCancel],
      );
      expect(refunds.map((row) => row.n)).toEqual(toCancel.map(() => 1));
      expect(await ledgerViolations(server)).toEqual([]);
      const cut = sent.filter((entry) => entry.answer === 'NO_ANSWER').length;
      figures.push(
        `round ${round}: ${beforeRestart}/${sent.length} answered before the kill, ${cut} cut (${landedUnanswered} of them had committed), ${interrupted.length} charges and ${interruptedRefunds.length} refunds recovered`,
      );
    }
    console.log(`crash safety: ${figures.join('; ')}`);
  }, 240_000);
});
