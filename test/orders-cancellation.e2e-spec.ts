import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV, signUpCreatorWithTier } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  balanceOf,
  elapse,
  eventTypes,
  internalErrors,
  key,
  ledgerViolations,
  mustSucceed,
  orderCalls,
  orderFromTask,
  orderIn,
  outcome,
  setUpParties,
  transactionKinds,
  type OrderCalls,
  type Parties,
} from './support/order-fixtures';

const TERMS = /* GraphQL */ `
  query ($id: ID!) {
    order(id: $id) {
      status
      cancellationTerms {
        untilElapsedBps
        creatorShareBps
      }
      cancellationFeeNow {
        amount
        currencyCode
      }
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

const RELIABILITY = /* GraphQL */ `
  query ($id: ID!) {
    creator(id: $id) {
      stats {
        reliability {
          cancelledByCreator
          lateDeliveries
          retentionRate
        }
      }
    }
  }
`;

/**
 * Kill fees (SPEC "Cancellation", issue 15): the terms fixed on the order, the fee now on the database
 * clock, the merchant's cancel mid-work releasing it like a release (fees on the fee) and refunding the rest,
 * the creator's cancel and a missed deliverBy counted in the creator's reliability.
 */
describe('cancellation terms and kill fees', () => {
  let server: TestServer;
  let p: Parties;
  let calls: OrderCalls;

  beforeAll(async () => {
    // Debug logs in JSON carry each operation's SQL statement count (the no-N+1 check below).
    server = await startTestServer({ env: { ...ADMIN_ENV, LOG_LEVEL: 'debug', LOG_FORMAT: 'json' } });
    p = await setUpParties(server, { agencyBps: 2000 });
    calls = orderCalls(server.gql);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    expect(internalErrors(server.gql)).toEqual([]);
    expect(await ledgerViolations(server)).toEqual([]);
    await server.close();
  });

  const terms = async (orderId: string, token = p.merchant.token) =>
    (await server.gql.ok(TERMS, { id: orderId }, token)).order;
  const reliability = async () =>
    (await server.gql.ok(RELIABILITY, { id: p.creator.profileId }, p.merchant.token)).creator.stats
      .reliability;
  /** The wallets a kill fee pays: the platform's fees, the creator's agency, the creator. */
  const feeWallets = () =>
    Promise.all(
      ['platform:fees', `agency/${p.agency!.profileId}`, `creator/${p.creator.profileId}`].map((account) =>
        balanceOf(server, account),
      ),
    );
  /** The refund sent back through the payment provider for the order, in minor units. */
  const providerRefund = async (orderId: string) => {
    const [refund] = await server.sql(
      `SELECT amount_minor::text AS amount FROM provider_operations WHERE order_id = $1 AND kind = 'REFUND'`,
      [orderId],
    );
    return refund?.amount;
  };

  it('fixes the default terms on every order, and the fee now is zero outside IN_PROGRESS', async () => {
    const orderId = await orderFromTask(p, { price: '1000.00' });
    const awaiting = await terms(orderId);
    expect(awaiting.cancellationTerms).toEqual([
      { untilElapsedBps: 5000, creatorShareBps: 1000 },
      { untilElapsedBps: 10000, creatorShareBps: 3000 },
    ]);
    expect(awaiting.cancellationFeeNow).toEqual({ amount: '0.00', currencyCode: 'CNY' });
    mustSucceed(await calls.fund(p.merchant.token, orderId), 'fund');
    expect((await terms(orderId, p.creator.token)).cancellationFeeNow.amount).toBe('100.00');
    mustSucceed(await calls.deliver(p.creator.token, orderId), 'deliver');
    expect((await terms(orderId)).cancellationFeeNow.amount).toBe('0.00');
  });

  it('worked example: a 1000.00 order cancelled early by the merchant leaves escrow 0, platform 10, agency 18, creator 72, refund 900', async () => {
    const orderId = await orderIn(p, 'IN_PROGRESS', { price: '1000.00' });
    const before = await feeWallets();
    const cancelled = mustSucceed(
      await calls.cancel(p.merchant.token, orderId, key(), 'Campaign dropped'),
      'cancel',
    );
    expect(cancelled.cancelOrder.status).toBe('CANCELLED');
    const after = await feeWallets();
    expect(after.map((value, index) => value - before[index])).toEqual([1000n, 1800n, 7200n]);
    expect(await balanceOf(server, `escrow:order/${orderId}`)).toBe(0n);
    expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1, SPLIT: 1 });
    expect(await eventTypes(server, orderId)).toEqual(['CREATED', 'FUNDED', 'CANCELLED_WITH_FEE']);
    const order = await terms(orderId);
    expect(order).toMatchObject({
      status: 'CANCELLED',
      cancellationFeeNow: { amount: '0.00' },
      escrow: {
        status: 'SPLIT',
        held: { amount: '0.00' },
        released: { amount: '100.00' },
        refunded: { amount: '900.00' },
      },
      platformFee: { amount: '10.00' },
      agencyShare: { amount: '18.00' },
      creatorPayout: { amount: '72.00' },
    });
    expect(await providerRefund(orderId)).toBe('90000');
  });

  it('takes the stage on the database clock: 10% up to half the time, 30% after, rounding down; a 30% fee of 123.45 gives platform 3.70, agency 6.66, creator 26.67, refund 86.42', async () => {
    const first = await orderIn(p, 'IN_PROGRESS', { price: '123.45' });
    await elapse(server, first, 4990);
    expect((await terms(first)).cancellationFeeNow.amount).toBe('12.34');
    const second = await orderIn(p, 'IN_PROGRESS', { price: '123.45' });
    await elapse(server, second, 5100);
    expect((await terms(second)).cancellationFeeNow.amount).toBe('37.03');
    const before = await feeWallets();
    mustSucceed(await calls.cancel(p.merchant.token, second), 'cancel at 30%');
    // 30% of 123.45 = 37.035, down to 37.03; 10% of it = 3.703, down to 3.70; 20% of the 33.33 left =
    // 6.666, down to 6.66; the creator keeps the other 26.67.
    const after = await feeWallets();
    expect(after.map((value, index) => value - before[index])).toEqual([370n, 666n, 2667n]);
    expect(await balanceOf(server, `escrow:order/${second}`)).toBe(0n);
    expect(await transactionKinds(server, second)).toEqual({ FUND: 1, SPLIT: 1 });
    expect(await eventTypes(server, second)).toEqual(['CREATED', 'FUNDED', 'CANCELLED_WITH_FEE']);
    expect(await terms(second)).toMatchObject({
      status: 'CANCELLED',
      escrow: {
        status: 'SPLIT',
        held: { amount: '0.00' },
        released: { amount: '37.03' },
        refunded: { amount: '86.42' },
      },
      platformFee: { amount: '3.70' },
      agencyShare: { amount: '6.66' },
      creatorPayout: { amount: '26.67' },
    });
    expect(await providerRefund(second)).toBe('8642');
  });

  it("the creator's cancel refunds all and counts in reliability; the merchant's kill fee does not", async () => {
    const start = (await reliability()).cancelledByCreator;
    // The merchant's cancel mid-work, before any delivery: the creator side keeps the kill fee, and it is
    // not the creator's cancellation.
    const killed = await orderIn(p, 'IN_PROGRESS', { price: '200.00' });
    mustSucceed(await calls.cancel(p.merchant.token, killed), 'merchant cancels with a kill fee');
    expect(await transactionKinds(server, killed)).toEqual({ FUND: 1, SPLIT: 1 });
    expect(await eventTypes(server, killed)).toEqual(['CREATED', 'FUNDED', 'CANCELLED_WITH_FEE']);
    expect((await reliability()).cancelledByCreator).toBe(start);

    const orderId = await orderIn(p, 'IN_PROGRESS', { price: '200.00' });
    mustSucceed(await calls.cancel(p.creator.token, orderId), 'creator cancels');
    expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1, REFUND: 1 });
    expect(await eventTypes(server, orderId)).toEqual(['CREATED', 'FUNDED', 'CANCELLED']);
    expect((await reliability()).cancelledByCreator).toBe(start + 1);
  });

  it('after deliverBy with nothing delivered the merchant cancels with a full refund, counted against the creator', async () => {
    const before = (await reliability()).cancelledByCreator;
    const orderId = await orderIn(p, 'IN_PROGRESS', { price: '300.00' });
    await server.sql(`UPDATE orders SET deliver_by = now() - interval '1 minute' WHERE id = $1`, [orderId]);
    expect((await terms(orderId)).cancellationFeeNow.amount).toBe('0.00');
    mustSucceed(await calls.cancel(p.merchant.token, orderId), 'merchant cancels late');
    expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1, REFUND: 1 });
    expect((await terms(orderId)).escrow).toMatchObject({
      status: 'REFUNDED',
      refunded: { amount: '300.00' },
    });
    expect((await reliability()).cancelledByCreator).toBe(before + 1);
  });

  it('refuses to fund an order whose deliverBy has passed (DEADLINE_PASSED), changing nothing', async () => {
    const orderId = await orderFromTask(p);
    await server.sql(`UPDATE orders SET deliver_by = now() - interval '1 minute' WHERE id = $1`, [orderId]);
    expect(outcome(await calls.fund(p.merchant.token, orderId))).toBe('DEADLINE_PASSED');
    expect(await transactionKinds(server, orderId)).toEqual({});
  });

  it('counts a first delivery after deliverBy as a late delivery', async () => {
    const before = (await reliability()).lateDeliveries;
    const orderId = await orderIn(p, 'IN_PROGRESS');
    await server.sql(`UPDATE orders SET deliver_by = now() - interval '1 minute' WHERE id = $1`, [orderId]);
    mustSucceed(await calls.deliver(p.creator.token, orderId), 'late delivery');
    expect((await reliability()).lateDeliveries).toBe(before + 1);
  });

  it('batches reliability, the fee now and the proposals: a longer list costs no more statements (no N+1)', async () => {
    for (let i = 0; i < 4; i++) await signUpCreatorWithTier(server.gql, p.admin, 'EXPERT');
    for (let i = 0; i < 6; i++) await orderIn(p, 'IN_PROGRESS');
    const creators = `query CreatorReliabilityList($first: Int!) { creators(first: $first) { nodes { id stats { completedOrders reliability { cancelledByCreator lateDeliveries retentionRate } } } } }`;
    const orders = `query OrderTermsList($first: Int!) { myOrders(first: $first) { nodes { id cancellationFeeNow { amount } cancellationTerms { creatorShareBps } cancellationProposals { id proposedBy { id } } } } }`;
    for (const first of [2, 6]) {
      const listed = await server.gql.ok(creators, { first }, p.merchant.token);
      expect(listed.creators.nodes).toHaveLength(first);
      expect((await server.gql.ok(orders, { first }, p.merchant.token)).myOrders.nodes).toHaveLength(first);
    }
    const counts = (name: string) =>
      server
        .logs()
        .split('\n')
        .filter((line) => line.startsWith('{') && line.includes(`"operation":"${name}"`))
        .map((line) => JSON.parse(line).message.sqlStatements as number);
    for (const name of ['CreatorReliabilityList', 'OrderTermsList']) {
      const measured = counts(name);
      expect(measured).toHaveLength(2);
      const [short, long] = measured;
      expect({ name, long }).toEqual({ name, long: short });
    }
  });
});

/**
 * Another kill-fee table (SPEC "Cancellation"): a server started with its own CANCELLATION_TERMS fixes that
 * table on its orders, and the fee now follows its rows, here with a free grace period in front.
 */
describe('cancellation terms from CANCELLATION_TERMS', () => {
  let server: TestServer;
  let p: Parties;
  let calls: OrderCalls;

  beforeAll(async () => {
    server = await startTestServer({
      env: { ...ADMIN_ENV, CANCELLATION_TERMS: '1000:0,5000:2000,10000:5000' },
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

  const terms = async (orderId: string, token = p.merchant.token) =>
    (await server.gql.ok(TERMS, { id: orderId }, token)).order;

  it('fixes the configured table on a new order, and the fee now follows its rows: free, then 20%, then 50%', async () => {
    const orderId = await orderFromTask(p, { price: '123.45' });
    expect((await terms(orderId)).cancellationTerms).toEqual([
      { untilElapsedBps: 1000, creatorShareBps: 0 },
      { untilElapsedBps: 5000, creatorShareBps: 2000 },
      { untilElapsedBps: 10000, creatorShareBps: 5000 },
    ]);
    const grace = await orderIn(p, 'IN_PROGRESS', { price: '123.45', orderId });
    await elapse(server, grace, 900);
    expect((await terms(grace, p.creator.token)).cancellationFeeNow).toEqual({
      amount: '0.00',
      currencyCode: 'CNY',
    });
    const early = await orderIn(p, 'IN_PROGRESS', { price: '123.45' });
    await elapse(server, early, 4990);
    expect((await terms(early)).cancellationFeeNow.amount).toBe('24.69');
    const late = await orderIn(p, 'IN_PROGRESS', { price: '123.45' });
    await elapse(server, late, 5100);
    expect((await terms(late)).cancellationFeeNow.amount).toBe('61.72');
  });

  it("the merchant's cancel follows the table too: a full refund in the grace period, the 20% stage's fee after it", async () => {
    const grace = await orderIn(p, 'IN_PROGRESS', { price: '123.45' });
    await elapse(server, grace, 900);
    mustSucceed(await calls.cancel(p.merchant.token, grace), 'cancel in the grace period');
    expect(await eventTypes(server, grace)).toEqual(['CREATED', 'FUNDED', 'CANCELLED']);
    expect(await terms(grace)).toMatchObject({
      status: 'CANCELLED',
      escrow: { status: 'REFUNDED', released: { amount: '0.00' }, refunded: { amount: '123.45' } },
    });
    // The merchant's choice: it does not count against the creator.
    const { creator } = await server.gql.ok(RELIABILITY, { id: p.creator.profileId }, p.merchant.token);
    expect(creator.stats.reliability.cancelledByCreator).toBe(0);

    const early = await orderIn(p, 'IN_PROGRESS', { price: '123.45' });
    await elapse(server, early, 4990);
    mustSucceed(await calls.cancel(p.merchant.token, early), 'cancel at 20%');
    expect(await eventTypes(server, early)).toEqual(['CREATED', 'FUNDED', 'CANCELLED_WITH_FEE']);
    expect(await terms(early)).toMatchObject({
      status: 'CANCELLED',
      escrow: { status: 'SPLIT', released: { amount: '24.69' }, refunded: { amount: '98.76' } },
    });
  });
});
