import { setTimeout as sleep } from 'node:timers/promises';
import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  AUTO_ACCEPT_JOB,
  balanceOf,
  bookedOrders,
  elapse,
  eventTypes,
  eventually,
  inBatches,
  internalErrors,
  key,
  ledgerViolations,
  mustSucceed,
  orderCalls,
  orderStatus,
  outcome,
  setUpParties,
  transactionKinds,
  unbalancedTransactions,
  type OrderCalls,
  type Parties,
} from './support/order-fixtures';

const PROPOSE = `mutation($id: ID!, $amount: MoneyInput!) { proposeCancellation(orderId: $id, creatorAmount: $amount, reason: "Let us part ways") { id } }`;
const RESPOND = `mutation($id: ID!, $key: String!) { respondToCancellation(proposalId: $id, accept: true, idempotencyKey: $key) { status } }`;
const ORDER_MONEY = /* GraphQL */ `
  query ($id: ID!) {
    order(id: $id) {
      status
      escrow {
        status
        held {
          amount
        }
        released {
          amount
        }
        refunded {
          amount
        }
      }
      platformFee {
        amount
      }
      agencyShare {
        amount
      }
      creatorPayout {
        amount
      }
    }
  }
`;
const ENDINGS = [
  'ACCEPTED',
  'AUTO_ACCEPTED',
  'CANCELLED',
  'CANCELLED_WITH_FEE',
  'CANCELLATION_AGREED',
  'RESOLVED',
];

function tally(results: string[]): Record<string, number> {
  return results.reduce<Record<string, number>>((counts, result) => {
    counts[result] = (counts[result] ?? 0) + 1;
    return counts;
  }, {});
}

/**
 * Races of the new deal terms (issue 15): the merchant's kill-fee cancel against the creator's delivery,
 * and an accepted cancellation proposal against a dispute and the auto-accept timer. Exactly one wins,
 * the escrow leaves once, the books hold.
 */
describe('cancellation races', () => {
  let server: TestServer;
  let p: Parties;
  let calls: OrderCalls;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    p = await setUpParties(server, { agencyBps: 2000 });
    calls = orderCalls(server.gql);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    expect(internalErrors(server.gql)).toEqual([]);
    expect(await ledgerViolations(server)).toEqual([]);
    await server.close();
  });

  it("the merchant's cancel mid-work vs the creator's delivery: one wins; a won cancel splits off the kill fee", async () => {
    const rounds = 30;
    const orders = await bookedOrders(p, rounds, '80.00');
    await inBatches(rounds, 6, async (index) => {
      mustSucceed(await calls.fund(p.merchant.token, orders[index]), 'fund');
    });
    const results: string[] = [];
    await inBatches(rounds, 5, async (index) => {
      const orderId = orders[index];
      const [cancel, deliver] = await Promise.all([
        sleep(Math.random() * 15).then(() => calls.cancel(p.merchant.token, orderId)),
        sleep(Math.random() * 15).then(() => calls.deliver(p.creator.token, orderId)),
      ]);
      const c = outcome(cancel);
      const d = outcome(deliver);
      results.push(`cancel:${c} deliver:${d}`);
      expect([c, d].sort()).toEqual(['CONFLICT', 'OK']);
      const state = {
        status: await orderStatus(server, orderId),
        kinds: await transactionKinds(server, orderId),
        endings: (await eventTypes(server, orderId)).filter((type) => ENDINGS.includes(type)),
      };
      if (c === 'OK') {
        // 10% of 80.00 kept by the creator side, the rest refunded, in one split.
        expect(state).toEqual({
          status: 'CANCELLED',
          kinds: { FUND: 1, SPLIT: 1 },
          endings: ['CANCELLED_WITH_FEE'],
        });
      } else {
        expect(state).toEqual({ status: 'DELIVERED', kinds: { FUND: 1 }, endings: [] });
      }
    });
    console.log(`merchant cancel vs deliver: ${JSON.stringify(tally(results))}`);
    expect(await ledgerViolations(server)).toEqual([]);
  }, 240_000);

  it("the merchant's cancel at the half-time stage boundary vs the creator's delivery: one wins; a won cancel keeps exactly the 10% or the 30% fee", async () => {
    const rounds = 30;
    const price = '123.45';
    // The kill fee of each stage (10% = 12.345, 30% = 37.035, both rounded down) and where it goes: 10%
    // platform fee and 20% agency share of the rest, each rounded down; the price less the fee refunded.
    const stages: Record<
      string,
      { platformFee: string; agencyShare: string; creatorPayout: string; refunded: string }
    > = {
      '12.34': { platformFee: '1.23', agencyShare: '2.22', creatorPayout: '8.89', refunded: '111.11' },
      '37.03': { platformFee: '3.70', agencyShare: '6.66', creatorPayout: '26.67', refunded: '86.42' },
    };
    const orders = await bookedOrders(p, rounds, price);
    await inBatches(rounds, 6, async (index) => {
      mustSucceed(await calls.fund(p.merchant.token, orders[index]), 'fund');
    });
    const results: string[] = [];
    await inBatches(rounds, 5, async (index) => {
      const orderId = orders[index];
      // Half the time to deliverBy has passed (elapsedBps 5000, the 10% stage's last); the 30% stage
      // starts 0 to 400 ms from now, about when the two requests arrive (the test's SQL helper connects
      // per statement, so they come a few hundred ms after it): either stage may apply to the cancel.
      await elapse(server, orderId, 5001, Math.random() * 400);
      const [cancel, deliver] = await Promise.all([
        sleep(Math.random() * 15).then(() => calls.cancel(p.merchant.token, orderId)),
        sleep(Math.random() * 15).then(() => calls.deliver(p.creator.token, orderId)),
      ]);
      const c = outcome(cancel);
      const d = outcome(deliver);
      expect([c, d].sort()).toEqual(['CONFLICT', 'OK']);
      const state = {
        status: await orderStatus(server, orderId),
        kinds: await transactionKinds(server, orderId),
        endings: (await eventTypes(server, orderId)).filter((type) => ENDINGS.includes(type)),
      };
      const order = (await server.gql.ok(ORDER_MONEY, { id: orderId }, p.merchant.token)).order;
      if (c === 'OK') {
        expect(state).toEqual({
          status: 'CANCELLED',
          kinds: { FUND: 1, SPLIT: 1 },
          endings: ['CANCELLED_WITH_FEE'],
        });
        const released: string = order.escrow.released.amount;
        expect(Object.keys(stages)).toContain(released);
        const { refunded, platformFee, agencyShare, creatorPayout } = stages[released];
        expect(order).toEqual({
          status: 'CANCELLED',
          escrow: {
            status: 'SPLIT',
            held: { amount: '0.00' },
            released: { amount: released },
            refunded: { amount: refunded },
          },
          platformFee: { amount: platformFee },
          agencyShare: { amount: agencyShare },
          creatorPayout: { amount: creatorPayout },
        });
        expect(await balanceOf(server, `escrow:order/${orderId}`)).toBe(0n);
        expect(await unbalancedTransactions(server, orderId)).toEqual([]);
        results.push(`cancel kept ${released}`);
      } else {
        expect(state).toEqual({ status: 'DELIVERED', kinds: { FUND: 1 }, endings: [] });
        expect(order.escrow).toEqual({
          status: 'HELD',
          held: { amount: price },
          released: { amount: '0.00' },
          refunded: { amount: '0.00' },
        });
        results.push('delivered');
      }
    });
    console.log(`merchant cancel vs deliver at the stage boundary: ${JSON.stringify(tally(results))}`);
    expect(await ledgerViolations(server)).toEqual([]);
  }, 240_000);

  it('accepting a proposal vs a dispute vs the auto-accept timer: exactly one ending, the escrow leaves once', async () => {
    const rounds = 20;
    const orders = await bookedOrders(p, rounds, '120.00');
    const proposals: string[] = [];
    await inBatches(rounds, 5, async (index) => {
      mustSucceed(await calls.fund(p.merchant.token, orders[index]), 'fund');
      mustSucceed(await calls.deliver(p.creator.token, orders[index]), 'deliver');
      const proposed = mustSucceed(
        await server.gql.request(
          PROPOSE,
          { id: orders[index], amount: { amount: '60.00', currencyCode: 'CNY' } },
          p.merchant.token,
        ),
        'propose',
      );
      proposals[index] = proposed.proposeCancellation.id;
    });
    const results: string[] = [];
    await inBatches(rounds, 4, async (index) => {
      const orderId = orders[index];
      // The review deadline passes now: the timer races the two requests.
      await server.sql(`UPDATE orders SET review_deadline = now() - interval '1 second' WHERE id = $1`, [
        orderId,
      ]);
      const [agree, dispute] = await Promise.all([
        sleep(Math.random() * 30).then(() =>
          server.gql.request(RESPOND, { id: proposals[index], key: key('agree') }, p.creator.token),
        ),
        sleep(Math.random() * 30).then(() => calls.dispute(p.creator.token, orderId)),
        sleep(Math.random() * 30).then(() =>
          server.sql(
            `UPDATE pgboss.job SET start_after = now() - interval '1 second'
              WHERE name = $1 AND singleton_key LIKE $2 || ':%' AND state IN ('created', 'retry')`,
            [AUTO_ACCEPT_JOB, orderId],
          ),
        ),
      ]);
      await eventually(async () => {
        const jobs = await server.sql(
          `SELECT state::text FROM pgboss.job WHERE name = $1 AND singleton_key LIKE $2 || ':%'`,
          [AUTO_ACCEPT_JOB, orderId],
        );
        return jobs.every((job) => ['completed', 'failed', 'cancelled'].includes(job.state));
      }, 'the auto-accept timer');
      const status = await orderStatus(server, orderId);
      const kinds = await transactionKinds(server, orderId);
      const endings = (await eventTypes(server, orderId)).filter((type) => ENDINGS.includes(type));
      results.push(`agree:${outcome(agree)} dispute:${outcome(dispute)} -> ${status}`);
      expect(outcome(agree) === 'OK' && outcome(dispute) === 'OK').toBe(false);
      if (outcome(agree) === 'OK') {
        expect({ status, kinds, endings }).toEqual({
          status: 'CANCELLED',
          kinds: { FUND: 1, SPLIT: 1 },
          endings: ['CANCELLATION_AGREED'],
        });
      } else if (outcome(dispute) === 'OK') {
        expect({ status, kinds, endings }).toEqual({ status: 'DISPUTED', kinds: { FUND: 1 }, endings: [] });
      } else {
        expect({ status, kinds, endings }).toEqual({
          status: 'COMPLETED',
          kinds: { FUND: 1, RELEASE: 1 },
          endings: ['AUTO_ACCEPTED'],
        });
      }
      const [pending] = await server.sql(
        `SELECT count(*)::int AS n FROM cancellation_proposals WHERE order_id = $1 AND status = 'PENDING'`,
        [orderId],
      );
      expect(pending.n).toBe(0);
    });
    console.log(`accept proposal vs dispute vs auto-accept: ${JSON.stringify(tally(results))}`);
    expect(await ledgerViolations(server)).toEqual([]);
  }, 240_000);
});
