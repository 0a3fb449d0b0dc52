import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV, signUpAgency } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  balanceOf,
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

/**
 * The order rules of SPEC "Orders, escrow and delivery", each refusal with its exact code, over HTTP.
 * Funding, delivery, revision and acceptance refusals are service specs: libs/orders/test/order-rules.spec.ts,
 * and who may cancel when: libs/orders/test/cancellation-rules.spec.ts.
 */
describe('order rules and refusals', () => {
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

  it('refuses what the API itself refuses: a malformed order id, an over-long title', async () => {
    // A malformed id names nothing either (the UuidPipe's rule).
    expect(outcome(await calls.fund(p.merchant.token, 'not-a-uuid'))).toBe('NOT_FOUND');
    const orderId = await orderIn(p, 'IN_PROGRESS');
    const long = await calls.deliver(p.creator.token, orderId, { title: 'x'.repeat(121) });
    expect(outcome(long)).toBe('BAD_USER_INPUT');
    expect(await orderStatus(server, orderId)).toBe('IN_PROGRESS');
  });

  describe('cancelOrder (SPEC "Cancellation"; who may cancel when: libs/orders/test/cancellation-rules.spec.ts)', () => {
    it("refuses a blank reason as an input error and shows a creator's cancel as a full refund in the escrow", async () => {
      const orderId = await orderIn(p, 'IN_PROGRESS', { price: '123.45' });
      expect(outcome(await calls.cancel(p.creator.token, orderId, key(), '  '))).toBe('BAD_USER_INPUT');
      expect(outcome(await calls.cancel(p.otherCreator.token, orderId))).toBe('NOT_FOUND');
      mustSucceed(await calls.cancel(p.creator.token, orderId), 'cancel');
      expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1, REFUND: 1 });
      expect(await balanceOf(server, `escrow:order/${orderId}`)).toBe(0n);
      const order = mustSucceed(await calls.order(p.merchant.token, orderId), 'order').order;
      expect(order.escrow).toMatchObject({
        status: 'REFUNDED',
        refunded: { amount: '123.45' },
        held: { amount: '0.00' },
      });
    });
  });

  describe('disputes', () => {
    it('open only from DELIVERED or REVISION_REQUESTED, by a party', async () => {
      const unfunded = await orderFromTask(p);
      expect(outcome(await calls.dispute(p.merchant.token, unfunded))).toBe('CONFLICT');
      const working = await orderIn(p, 'IN_PROGRESS');
      expect(outcome(await calls.dispute(p.creator.token, working))).toBe('CONFLICT');
      const completed = await orderIn(p, 'COMPLETED');
      expect(outcome(await calls.dispute(p.creator.token, completed))).toBe('CONFLICT');

      const delivered = await orderIn(p, 'DELIVERED');
      expect(outcome(await calls.dispute(p.otherMerchant.token, delivered))).toBe('NOT_FOUND');
      expect(outcome(await calls.dispute(p.creator.token, delivered, ''))).toBe('BAD_USER_INPUT');
      mustSucceed(await calls.dispute(p.creator.token, delivered), 'dispute delivered');
      expect(outcome(await calls.dispute(p.merchant.token, delivered))).toBe('CONFLICT');
      const [row] = await server.sql(`SELECT status, review_deadline FROM orders WHERE id = $1`, [delivered]);
      expect(row).toEqual({ status: 'DISPUTED', review_deadline: null });

      const revising = await orderIn(p, 'REVISION_REQUESTED');
      mustSucceed(await calls.dispute(p.merchant.token, revising), 'dispute revision requested');
      expect(await orderStatus(server, revising)).toBe('DISPUTED');
      // While disputed, the creator cannot deliver and the merchant cannot accept.
      expect(outcome(await calls.deliver(p.creator.token, revising))).toBe('CONFLICT');
      expect(outcome(await calls.accept(p.merchant.token, revising))).toBe('CONFLICT');
    });

    it('resolve: admins only, creatorAmount from 0 to the price in the order currency', async () => {
      const orderId = await orderIn(p, 'DISPUTED', { price: '200.00' });
      expect(outcome(await calls.resolve(p.merchant.token, orderId, '100.00'))).toBe('FORBIDDEN');
      expect(outcome(await calls.resolve(p.creator.token, orderId, '100.00'))).toBe('FORBIDDEN');
      for (const [amount, currency] of [
        ['200.01', 'CNY'],
        ['-0.01', 'CNY'],
        ['100.00', 'USD'],
        ['1.001', 'CNY'],
        ['lots', 'CNY'],
      ]) {
        const response = await calls.resolve(p.admin, orderId, amount, key(), currency);
        expect({ amount, currency, code: outcome(response) }).toEqual({
          amount,
          currency,
          code: 'BAD_USER_INPUT',
        });
        expect(response.errors![0].extensions?.fields).toBeDefined();
      }
      expect(await orderStatus(server, orderId)).toBe('DISPUTED');
      expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1 });

      // 133.33 released: fee 13.33 (rounded down), agency 20% of 120.00 = 24.00, creator 96.00; 66.67 refunded.
      const resolveKey = key();
      mustSucceed(await calls.resolve(p.admin, orderId, '133.33', resolveKey), 'resolve');
      mustSucceed(await calls.resolve(p.admin, orderId, '133.33', resolveKey), 'replay');
      expect(outcome(await calls.resolve(p.admin, orderId, '100.00', resolveKey))).toBe(
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect(outcome(await calls.resolve(p.admin, orderId, '100.00'))).toBe('CONFLICT');
      const lines = await server.sql(
        `SELECT kind::text, split_part(account, '/', 1) AS account, amount_minor::int AS amount FROM ledger_entries
          WHERE order_id = $1 AND kind <> 'FUND' ORDER BY amount_minor`,
        [orderId],
      );
      expect(lines).toEqual([
        { kind: 'SPLIT', account: 'escrow:order', amount: -20000 },
        { kind: 'FEE', account: 'platform:fees', amount: 1333 },
        { kind: 'AGENCY_SHARE', account: 'agency', amount: 2400 },
        { kind: 'REFUND', account: 'external:sandbox', amount: 6667 },
        { kind: 'RELEASE', account: 'creator', amount: 9600 },
      ]);
      const order = mustSucceed(await calls.order(p.admin, orderId), 'order').order;
      expect(order.status).toBe('RESOLVED');
      expect(order.escrow).toMatchObject({
        status: 'SPLIT',
        released: { amount: '133.33' },
        refunded: { amount: '66.67' },
        held: { amount: '0.00' },
      });
      expect(order.events.at(-1)).toMatchObject({ type: 'RESOLVED', note: 'Decided on the evidence' });
    });

    it('resolve at the edges: 0 refunds everything, the price releases everything', async () => {
      const none = await orderIn(p, 'DISPUTED', { price: '50.00' });
      mustSucceed(await calls.resolve(p.admin, none, '0'), 'resolve 0');
      expect(await balanceOf(server, `escrow:order/${none}`)).toBe(0n);
      const refundOps = await server.sql(
        `SELECT amount_minor::int AS amount, status FROM provider_operations WHERE order_id = $1 AND kind = 'REFUND'`,
        [none],
      );
      expect(refundOps).toEqual([{ amount: 5000, status: 'SUCCEEDED' }]);
      const all = await orderIn(p, 'DISPUTED', { price: '50.00' });
      mustSucceed(await calls.resolve(p.admin, all, '50.00'), 'resolve all');
      const noRefund = await server.sql(
        `SELECT count(*)::int AS n FROM provider_operations WHERE order_id = $1 AND kind = 'REFUND'`,
        [all],
      );
      expect(noRefund[0].n).toBe(0);
    });

    it('lists DISPUTED orders for admins only', async () => {
      const disputed = await orderIn(p, 'DISPUTED');
      const query = `query { orders(status: DISPUTED, first: 100) { totalCount nodes { id status } } }`;
      const list = mustSucceed(await server.gql.request(query, {}, p.admin), 'orders').orders;
      expect(list.nodes.map((node: any) => node.id)).toContain(disputed);
      expect(new Set(list.nodes.map((node: any) => node.status))).toEqual(new Set(['DISPUTED']));
      const [count] = await server.sql(`SELECT count(*)::int AS n FROM orders WHERE status = 'DISPUTED'`);
      expect(list.totalCount).toBe(count.n);
      expect(outcome(await server.gql.request(query, {}, p.merchant.token))).toBe('FORBIDDEN');
      expect(outcome(await server.gql.request(query, {}, p.creator.token))).toBe('FORBIDDEN');
      expect(outcome(await server.gql.request(query, {}, null))).toBe('UNAUTHENTICATED');
    });
  });

  describe('reviewMerchant', () => {
    it('only on a COMPLETED order, by its creator, once', async () => {
      const delivered = await orderIn(p, 'DELIVERED');
      expect(outcome(await calls.reviewMerchant(p.creator.token, delivered))).toBe('CONFLICT');
      const resolved = await orderIn(p, 'DISPUTED');
      mustSucceed(await calls.resolve(p.admin, resolved, '10.00'), 'resolve');
      expect(outcome(await calls.reviewMerchant(p.creator.token, resolved))).toBe('CONFLICT');

      const completed = await orderIn(p, 'COMPLETED');
      expect(outcome(await calls.reviewMerchant(p.merchant.token, completed))).toBe('FORBIDDEN');
      expect(outcome(await calls.reviewMerchant(p.otherCreator.token, completed))).toBe('NOT_FOUND');
      expect(outcome(await calls.reviewMerchant(p.creator.token, completed, 6))).toBe('BAD_USER_INPUT');
      expect(
        mustSucceed(await calls.reviewMerchant(p.creator.token, completed, 3), 'review').reviewMerchant
          .rating,
      ).toBe(3);
      expect(outcome(await calls.reviewMerchant(p.creator.token, completed, 5))).toBe('CONFLICT');
      const merchant = await server.gql.ok(
        `query($id: ID!) { order(id: $id) { reviewOfMerchant { rating } merchant { averageRating } } }`,
        { id: completed },
        p.merchant.token,
      );
      expect(merchant.order).toEqual({ reviewOfMerchant: { rating: 3 }, merchant: { averageRating: 3 } });
    });
  });

  describe('ledgerEntries', () => {
    it("is NOT_FOUND for strangers and visible to the parties, the creator's agency and admins", async () => {
      const orderId = await orderIn(p, 'COMPLETED', { price: '1000.00' });
      const query = `query($id: ID!) { ledgerEntries(orderId: $id) { kind account amount { amount currencyCode } transactionId } }`;
      const strangerAgency = await signUpAgency(server.gql, 1000);
      for (const [who, token] of [
        ['other merchant', p.otherMerchant.token],
        ['other creator', p.otherCreator.token],
        ['other agency', strangerAgency.token],
      ]) {
        const response = await server.gql.request(query, { id: orderId }, token);
        expect({ who, code: outcome(response) }).toEqual({ who, code: 'NOT_FOUND' });
      }
      expect(outcome(await server.gql.request(query, { id: orderId }, null))).toBe('UNAUTHENTICATED');
      // The order itself follows the same rule.
      const orderQuery = `query($id: ID!) { order(id: $id) { id } }`;
      for (const token of [p.otherMerchant.token, p.otherCreator.token, strangerAgency.token]) {
        expect(outcome(await server.gql.request(orderQuery, { id: orderId }, token))).toBe('NOT_FOUND');
      }
      for (const token of [p.merchant.token, p.creator.token, p.agency!.token, p.admin]) {
        expect(outcome(await server.gql.request(orderQuery, { id: orderId }, token))).toBe('OK');
      }
      for (const [who, token] of [
        ['merchant', p.merchant.token],
        ['creator', p.creator.token],
        ['agency', p.agency!.token],
        ['admin', p.admin],
      ]) {
        const entries = mustSucceed(
          await server.gql.request(query, { id: orderId }, token),
          `ledger for ${who}`,
        ).ledgerEntries;
        expect({ who, n: entries.length }).toEqual({ who, n: 6 });
        const total = entries.reduce(
          (sum: number, entry: any) => sum + Math.round(Number(entry.amount.amount) * 100),
          0,
        );
        expect({ who, total }).toEqual({ who, total: 0 });
        expect(new Set(entries.map((entry: any) => entry.transactionId)).size).toBe(2);
      }
    });
  });

  it("shows each party's money in myWallet: held in escrow while the order is open, available once released", async () => {
    // A fresh trio, so the figures are this order's alone.
    const q = await setUpParties(server, { agencyBps: 2000 });
    const wallet = `{ myWallet { available { amount } inEscrow { amount } paidOut { amount } } }`;
    const read = async () =>
      Promise.all(
        [q.merchant, q.creator, q.agency!].map(
          async (who) => (await server.gql.ok(wallet, {}, who.token)).myWallet,
        ),
      );
    const orderId = await orderIn(q, 'DELIVERED', { price: '1000.00' });
    const money = (available: string, inEscrow: string) => ({
      available: { amount: available },
      inEscrow: { amount: inEscrow },
      paidOut: { amount: '0.00' },
    });
    expect(await read()).toEqual([
      money('0.00', '1000.00'),
      money('0.00', '720.00'),
      money('0.00', '180.00'),
    ]);
    mustSucceed(await calls.accept(q.merchant.token, orderId), 'accept');
    expect(await read()).toEqual([money('0.00', '0.00'), money('720.00', '0.00'), money('180.00', '0.00')]);
  });

  it('leaves every ledger invariant intact after all of the above', async () => {
    expect(await ledgerViolations(server)).toEqual([]);
  });
});
