import { FakeStripe, fundWithStripe, intentOf } from './support/fake-stripe';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  eventTypes,
  key,
  ledgerViolations,
  orderCalls,
  orderIn,
  orderStatus,
  setUpParties,
  transactionKinds,
  type Parties,
} from './support/order-fixtures';

/**
 * POST /webhooks/stripe: signatures checked on the raw body (300 s tolerance), each event applied at
 * most once, amounts and orders compared before anything is funded, out-of-order events harmless.
 */
describe('Stripe webhooks', () => {
  let fake: FakeStripe;
  let server: TestServer;
  let parties: Parties;
  let replacedOrderId: string | null = null;

  beforeAll(async () => {
    fake = await FakeStripe.start();
    // Recovery waits its default 30 s here, so it never races what these tests do by hand.
    server = await startTestServer({ env: { ...ADMIN_ENV, ...fake.env() } });
    parties = await setUpParties(server);
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  /** An order with a PaymentIntent waiting for the payer. */
  async function awaitingPayment(
    price = '100.00',
  ): Promise<{ orderId: string; intent: Record<string, any>; fundingKey: string }> {
    const orderId = await orderIn(parties, 'AWAITING_FUNDING', { price });
    const fundingKey = key('fund');
    const funded = await orderCalls(server.gql).fund(parties.merchant.token, orderId, fundingKey);
    expect(funded.data?.fundOrder.status).toBe('REQUIRES_ACTION');
    return { orderId, intent: intentOf(fake, orderId), fundingKey };
  }

  const processedEvents = async (eventId: string) =>
    (await server.sql(`SELECT count(*)::int AS n FROM provider_events WHERE event_id = $1`, [eventId]))[0].n;

  it('refuses unsigned, wrongly signed and stale deliveries with 400, changing nothing', async () => {
    const { orderId, intent } = await awaitingPayment();
    const event = fake.event('payment_intent.succeeded', fake.pay(intent.id));
    const unsigned = await fake.deliver(server, event, { signature: null });
    const otherSecret = await fake.deliver(server, event, { secret: 'whsec_someone_elses_endpoint' });
    const stale = await fake.deliver(server, event, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const garbage = await fake.deliver(server, event, { signature: 't=1,v1=deadbeef' });
    expect(unsigned).toEqual({ status: 400, body: { error: 'The Stripe-Signature header is missing.' } });
    for (const refused of [otherSecret, stale, garbage]) {
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatch(/^The Stripe signature does not verify/);
    }
    expect(stale.body.error).toMatch(/tolerance/i);
    expect(await processedEvents(event.id)).toBe(0);
    expect(await orderStatus(server, orderId)).toBe('AWAITING_FUNDING');
    expect(await transactionKinds(server, orderId)).toEqual({});

    // The same event, signed within the tolerance (299 s old), is accepted.
    const fresh = await fake.deliver(server, event, { timestamp: Math.floor(Date.now() / 1000) - 299 });
    expect(fresh.status).toBe(200);
    expect(await orderStatus(server, orderId)).toBe('IN_PROGRESS');
  });

  it('processes an event delivered five times at once exactly once', async () => {
    const { orderId, intent } = await awaitingPayment();
    const event = fake.event('payment_intent.succeeded', fake.pay(intent.id));
    const deliveries = await Promise.all(Array.from({ length: 5 }, () => fake.deliver(server, event)));
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200, 200]);
    expect(deliveries.filter((delivery) => delivery.body.duplicate === false)).toHaveLength(1);
    expect(await processedEvents(event.id)).toBe(1);
    expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1 });
    expect(await eventTypes(server, orderId)).toEqual(['CREATED', 'FUNDED']);
    expect(server.logs().match(new RegExp(`payment_intent.succeeded ${event.id}: order`, 'g'))).toHaveLength(
      1,
    );
  });

  it('does not fund when the amount, currency or order differ, and logs why', async () => {
    const { orderId, intent } = await awaitingPayment();
    const paid = fake.pay(intent.id);
    const wrongAmount = fake.event('payment_intent.succeeded', {
      ...paid,
      amount: 9000,
      amount_received: 9000,
    });
    const wrongCurrency = fake.event('payment_intent.succeeded', { ...paid, currency: 'usd' });
    const other = await awaitingPayment();
    const wrongOrder = fake.event('payment_intent.succeeded', {
      ...paid,
      metadata: { ...paid.metadata, orderId: other.orderId },
    });
    for (const event of [wrongAmount, wrongCurrency, wrongOrder]) {
      expect((await fake.deliver(server, event)).status).toBe(200); // acknowledged: Stripe need not resend it
    }
    expect(await orderStatus(server, orderId)).toBe('AWAITING_FUNDING');
    expect(await orderStatus(server, other.orderId)).toBe('AWAITING_FUNDING');
    expect(await transactionKinds(server, orderId)).toEqual({});
    const logs = server.logs();
    expect(logs).toContain(
      `${wrongAmount.id} for ${intent.id}: amount 90.00 CNY differs from the order's 100.00 CNY; nothing is funded`,
    );
    expect(logs).toContain(
      `${wrongCurrency.id} for ${intent.id}: currency USD differs from the order's CNY; nothing is funded`,
    );
    expect(logs).toContain(
      `${wrongOrder.id} for ${intent.id}: it names order ${other.orderId}, the charge is for order ${orderId}; nothing is funded`,
    );
    const [row] = await server.sql(`SELECT outcome FROM provider_events WHERE event_id = $1`, [
      wrongAmount.id,
    ]);
    expect(row.outcome).toMatch(/^not funded: amount 90.00 CNY differs/);

    // The genuine event still funds it.
    expect((await fake.deliver(server, fake.event('payment_intent.succeeded', paid))).status).toBe(200);
    expect(await orderStatus(server, orderId)).toBe('IN_PROGRESS');
  });

  it('funds correctly when the succeeded event arrives before the funding request recorded the PaymentIntent', async () => {
    const orderId = await orderIn(parties, 'AWAITING_FUNDING');
    const hold = fake.holdNext('/v1/payment_intents');
    const funding = orderCalls(server.gql).fund(parties.merchant.token, orderId, key('fund'));
    const request = await hold.arrived;
    const intent = intentOf(fake, orderId);
    // The intent exists at Stripe, but V-Task has not heard back: its operation is PENDING, no reference.
    const [pending] = await server.sql(
      `SELECT id, status, provider_reference FROM provider_operations WHERE order_id = $1`,
      [orderId],
    );
    expect(pending).toMatchObject({
      status: 'PENDING',
      provider_reference: null,
      id: request.body.metadata.operationId,
    });

    const early = await fake.deliver(server, fake.event('payment_intent.succeeded', fake.pay(intent.id)));
    expect(early).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await orderStatus(server, orderId)).toBe('IN_PROGRESS');

    hold.release();
    const answered = await funding;
    expect(answered.data?.fundOrder).toEqual({
      status: 'SUCCEEDED',
      order: { id: orderId, status: 'IN_PROGRESS' },
    });
    const [operation] = await server.sql(
      `SELECT status, provider_reference FROM provider_operations WHERE order_id = $1`,
      [orderId],
    );
    expect(operation).toEqual({ status: 'SUCCEEDED', provider_reference: intent.id });
    expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1 });
    expect(await eventTypes(server, orderId)).toEqual(['CREATED', 'FUNDED']);
  });

  it('records a failed payment (FAILED, order still AWAITING_FUNDING); a later success on the same intent funds it', async () => {
    const { orderId, intent, fundingKey } = await awaitingPayment();
    const failed = fake.event(
      'payment_intent.payment_failed',
      fake.decline(intent.id, 'Your card has insufficient funds.'),
    );
    expect((await fake.deliver(server, failed)).status).toBe(200);
    expect(await orderStatus(server, orderId)).toBe('AWAITING_FUNDING');
    expect(await eventTypes(server, orderId)).toEqual(['CREATED', 'FUNDING_FAILED']);
    const replay = await orderCalls(server.gql).fund(parties.merchant.token, orderId, fundingKey);
    expect(replay.data?.fundOrder.status).toBe('FAILED');
    const [row] = await server.sql(`SELECT failure_reason FROM provider_operations WHERE order_id = $1`, [
      orderId,
    ]);
    expect(row.failure_reason).toBe('Your card has insufficient funds.');

    // The payer tries another card on the same payment form: Stripe reports success for the intent.
    expect(
      (await fake.deliver(server, fake.event('payment_intent.succeeded', fake.pay(intent.id)))).status,
    ).toBe(200);
    expect(await orderStatus(server, orderId)).toBe('IN_PROGRESS');
    expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1 });
  });

  it('after a declined payment, a new key starts a new PaymentIntent (what the console sends on the next click), and its success funds the order', async () => {
    const { orderId, intent } = await awaitingPayment();
    const failed = fake.event(
      'payment_intent.payment_failed',
      fake.decline(intent.id, 'Your card was declined.'),
    );
    expect((await fake.deliver(server, failed)).status).toBe(200);
    const retry = await server.gql.ok(
      `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status clientSecret } }`,
      { id: orderId, key: key('fund-retry') },
      parties.merchant.token,
    );
    expect(retry.fundOrder.status).toBe('REQUIRES_ACTION');
    const second = intentOf(fake, orderId);
    expect(second.id).not.toBe(intent.id);
    expect(retry.fundOrder.clientSecret).toBe(second.client_secret);
    expect(
      (await fake.deliver(server, fake.event('payment_intent.succeeded', fake.pay(second.id)))).status,
    ).toBe(200);
    expect(await orderStatus(server, orderId)).toBe('IN_PROGRESS');
    expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1 });
    expect(await eventTypes(server, orderId)).toEqual(['CREATED', 'FUNDING_FAILED', 'FUNDED']);
  });

  it('is unmoved by events out of order: a stale failure after success, a success for a replaced intent is refunded', async () => {
    // A failure report older than the success changes nothing.
    const first = await awaitingPayment();
    const declined = fake.event(
      'payment_intent.payment_failed',
      fake.decline(first.intent.id),
      new Date(Date.now() - 60_000),
    );
    const succeeded = fake.event('payment_intent.succeeded', fake.pay(first.intent.id));
    expect((await fake.deliver(server, succeeded)).status).toBe(200);
    expect((await fake.deliver(server, declined)).status).toBe(200);
    expect(await orderStatus(server, first.orderId)).toBe('IN_PROGRESS');
    expect(await eventTypes(server, first.orderId)).toEqual(['CREATED', 'FUNDED']);

    // The merchant funds again after a failure; the old intent then succeeds too: that money goes back.
    const second = await awaitingPayment();
    replacedOrderId = second.orderId;
    expect(
      (
        await fake.deliver(
          server,
          fake.event('payment_intent.payment_failed', fake.decline(second.intent.id)),
        )
      ).status,
    ).toBe(200);
    const again = await orderCalls(server.gql).fund(
      parties.merchant.token,
      second.orderId,
      key('fund-again'),
    );
    expect(again.data?.fundOrder.status).toBe('REQUIRES_ACTION');
    const replacement = intentOf(fake, second.orderId);
    expect(replacement.id).not.toBe(second.intent.id);
    expect(
      (await fake.deliver(server, fake.event('payment_intent.succeeded', fake.pay(replacement.id)))).status,
    ).toBe(200);
    expect(
      (await fake.deliver(server, fake.event('payment_intent.succeeded', fake.pay(second.intent.id)))).status,
    ).toBe(200);
    expect(await orderStatus(server, second.orderId)).toBe('IN_PROGRESS');
    expect(await transactionKinds(server, second.orderId)).toEqual({ FUND: 1 });
    const refunds = fake
      .posts('/v1/refunds')
      .filter((request) => request.body.payment_intent === second.intent.id);
    expect(refunds).toHaveLength(1);
    expect(refunds[0].idempotencyKey).toMatch(new RegExp(`^order:${second.orderId}:refund-late-charge:`));
  });

  it('charge.refunded completes a refund whose answer was lost', async () => {
    const orderId = await orderIn(parties, 'AWAITING_FUNDING');
    const intent = await fundWithStripe(parties, fake, orderId);
    fake.unreachable('/v1/refunds', 10);
    const cancelled = await orderCalls(server.gql).cancel(parties.merchant.token, orderId);
    expect(cancelled.data?.cancelOrder.status).toBe('CANCELLED');
    const [refund] = await server.sql(
      `SELECT id, status FROM provider_operations WHERE order_id = $1 AND kind = 'REFUND'`,
      [orderId],
    );
    expect(refund.status).toBe('PENDING');

    // The refund did go through at Stripe (say, from the Dashboard); its report settles the operation.
    fake.reachable('/v1/refunds');
    const made = fake.refundOutside(intent.id, 10000, { orderId, operationId: refund.id });
    expect((await fake.deliver(server, fake.event('charge.refunded', fake.chargeOf(intent.id)))).status).toBe(
      200,
    );
    const [settled] = await server.sql(
      `SELECT status, provider_reference FROM provider_operations WHERE id = $1`,
      [refund.id],
    );
    expect(settled).toEqual({ status: 'SUCCEEDED', provider_reference: made.id });
  });

  it('acknowledges events it does not act on, and leaves the ledger balanced', async () => {
    const other = await fake.deliver(
      server,
      fake.event('customer.created', { id: 'cus_1', object: 'customer' }),
    );
    expect(other).toEqual({ status: 200, body: { received: true, duplicate: false } });
    // The invariant helper counts only SUCCEEDED charges; the replaced intent that succeeded late is
    // recorded FAILED (one live charge per order) with its refund, so its order shows up there: the
    // ledger itself holds exactly the one funding (checked above).
    const violations = (await ledgerViolations(server)).filter(
      (line) => !(replacedOrderId && line.includes(replacedOrderId)),
    );
    expect(violations).toEqual([]);
  });
});
