import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FAKE_SECRET_KEY, FakeStripe, fundWithStripe, intentOf, PAYOUT_FIELDS } from './support/fake-stripe';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from './support/harness';
import {
  eventually,
  key,
  ledgerViolations,
  orderCalls,
  orderIn,
  setUpParties,
  type Parties,
} from './support/order-fixtures';

const run = promisify(execFile);
const RECONCILE = join(__dirname, '../dist/apps/api/src/cli/reconcile-stripe.js');

/**
 * Stripe as the payment provider, against a local fake of Stripe's API that records every request:
 * what V-Task sends (amounts in minor units, currency, transfer_group, metadata, Idempotency-Key) and
 * what the whole flow looks like (PaymentIntent, webhook, escrow, connected account, Transfer, Refund).
 */
describe('Stripe payments', () => {
  let fake: FakeStripe;
  let server: TestServer;
  let parties: Parties;

  beforeAll(async () => {
    fake = await FakeStripe.start();
    // MAX_ORDER_AMOUNT raised past Stripe's ceiling, so a price only Stripe refuses reaches Stripe.
    server = await startTestServer({ env: { ...ADMIN_ENV, ...fake.env(), MAX_ORDER_AMOUNT: '2000000' } });
    parties = await setUpParties(server);
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it('refuses to start with PAYMENT_PROVIDER=stripe and a missing key, saying which', async () => {
    for (const [missing, env] of [
      ['STRIPE_SECRET_KEY', { ...fake.env(), STRIPE_SECRET_KEY: '' }],
      ['STRIPE_WEBHOOK_SECRET', { ...fake.env(), STRIPE_WEBHOOK_SECRET: '' }],
    ] as const) {
      const failed = startTestServer({ databaseUrl: server.databaseUrl, dropOnClose: false, env });
      await expect(failed).rejects.toThrow(
        new RegExp(`cannot start: PAYMENT_PROVIDER=stripe needs ${missing}`),
      );
    }
  });

  it('funds an order by PaymentIntent: minor units, lower-case currency, transfer group, metadata, one intent despite a dropped connection', async () => {
    const orderId = await orderIn(parties, 'AWAITING_FUNDING', { price: '123.45' });
    const fundingKey = key('fund');
    fake.dropNext('/v1/payment_intents');
    const funded = await server.gql.ok(
      `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) {
         status clientSecret failureReason order { status escrow { status held { amount } } } } }`,
      { id: orderId, key: fundingKey },
      parties.merchant.token,
    );
    const intent = intentOf(fake, orderId);
    expect(funded.fundOrder).toEqual({
      status: 'REQUIRES_ACTION',
      clientSecret: intent.client_secret,
      failureReason: null,
      order: { status: 'AWAITING_FUNDING', escrow: { status: 'PENDING', held: { amount: '0.00' } } },
    });

    // The SDK retried the dropped request with the same key; the fake (like Stripe) created one intent.
    const [operation] = await server.sql(
      `SELECT id, idempotency_key, provider_reference FROM provider_operations WHERE order_id = $1`,
      [orderId],
    );
    const attempts = fake
      .posts('/v1/payment_intents')
      .filter((request) => request.body.metadata?.orderId === orderId);
    expect(attempts).toHaveLength(2);
    for (const attempt of attempts) {
      expect(attempt.idempotencyKey).toBe(`order:${orderId}:charge:${parties.merchant.userId}:${fundingKey}`);
      expect(attempt.body).toEqual({
        amount: '12345',
        currency: 'cny',
        transfer_group: `order:${orderId}`,
        description: `V-Task order ${orderId}`,
        metadata: { orderId, operationId: operation.id },
      });
    }
    expect([...fake.paymentIntents.values()].filter((pi) => pi.metadata.orderId === orderId)).toHaveLength(1);
    expect(operation.provider_reference).toBe(intent.id);

    // The payer confirms in the browser; Stripe's signed webhook moves the escrow to HELD.
    const delivered = await fake.deliver(server, fake.event('payment_intent.succeeded', fake.pay(intent.id)));
    expect(delivered).toEqual({ status: 200, body: { received: true, duplicate: false } });
    const order = await server.gql.ok(
      `query($id: ID!) { order(id: $id) { status escrow { status held { amount } paymentReference } events { type } } }`,
      { id: orderId },
      parties.merchant.token,
    );
    expect(order.order).toMatchObject({
      status: 'IN_PROGRESS',
      escrow: { status: 'HELD', held: { amount: '123.45' }, paymentReference: intent.id },
    });
    expect(order.order.events.map((event: { type: string }) => event.type)).toEqual(['CREATED', 'FUNDED']);
    const lines = await server.sql(
      `SELECT e.account, e.amount_minor::int AS amount FROM ledger_entries e WHERE e.order_id = $1 ORDER BY e.amount_minor`,
      [orderId],
    );
    expect(lines).toEqual([
      { account: 'external:stripe', amount: -12345 },
      { account: `escrow:order/${orderId}`, amount: 12345 },
    ]);
    // The funding request's answer follows the payment: a replay of the key now says SUCCEEDED.
    const replay = await orderCalls(server.gql).fund(parties.merchant.token, orderId, fundingKey);
    expect(replay.data?.fundOrder.status).toBe('SUCCEEDED');
  });

  it('answers PAYMENT_FAILED while Stripe cannot be reached; the same key then goes through', async () => {
    const orderId = await orderIn(parties, 'AWAITING_FUNDING');
    const fundingKey = key('fund');
    fake.unreachable('/v1/payment_intents', 10);
    const away = await orderCalls(server.gql).fund(parties.merchant.token, orderId, fundingKey);
    expect(away.errors?.[0].extensions?.code).toBe('PAYMENT_FAILED');
    fake.reachable('/v1/payment_intents');
    const back = await orderCalls(server.gql).fund(parties.merchant.token, orderId, fundingKey);
    expect(back.data?.fundOrder.status).toBe('REQUIRES_ACTION');
    const keys = new Set(
      fake
        .posts('/v1/payment_intents')
        .filter((request) => request.body.metadata?.orderId === orderId)
        .map((request) => request.idempotencyKey),
    );
    expect(keys).toEqual(new Set([`order:${orderId}:charge:${parties.merchant.userId}:${fundingKey}`]));
    expect([...fake.paymentIntents.values()].filter((pi) => pi.metadata.orderId === orderId)).toHaveLength(1);
  });

  it("takes Stripe's refusal of a price (amount_too_large) as a final failure with Stripe's reason, without retrying", async () => {
    const orderId = await orderIn(parties, 'AWAITING_FUNDING', { price: '1500000.00' });
    const fundingKey = key('fund');
    const refused = await server.gql.request(
      `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status failureReason order { status } } }`,
      { id: orderId, key: fundingKey },
      parties.merchant.token,
    );
    expect(refused.errors).toBeUndefined();
    expect(refused.data?.fundOrder).toEqual({
      status: 'FAILED',
      failureReason: expect.stringMatching(/Stripe refused: Amount must be no more than 999,999.99 CNY/),
      order: { status: 'AWAITING_FUNDING' },
    });
    const [operation] = await server.sql(
      `SELECT status::text, attempts FROM provider_operations WHERE order_id = $1 AND kind = 'CHARGE'`,
      [orderId],
    );
    expect(operation).toEqual({ status: 'FAILED', attempts: 1 });
    // Final: nothing is left for recovery to call again, and a replay of the key gives the same answer.
    const jobs = await server.sql(
      `SELECT count(*)::int AS n FROM provider_operations WHERE order_id = $1 AND status = 'PENDING'`,
      [orderId],
    );
    expect(jobs[0].n).toBe(0);
    const replay = await orderCalls(server.gql).fund(parties.merchant.token, orderId, fundingKey);
    expect(replay.data?.fundOrder.status).toBe('FAILED');
    const posts = fake
      .posts('/v1/payment_intents')
      .filter((request) => request.body.metadata?.orderId === orderId);
    expect(posts).toHaveLength(1);
    expect(posts[0].body.amount).toBe('150000000');
    expect([...fake.paymentIntents.values()].filter((pi) => pi.metadata.orderId === orderId)).toHaveLength(0);
  });

  it('fails an order priced beyond what Stripe can encode (made before MAX_ORDER_AMOUNT) at once, instead of retrying it as unreachable', async () => {
    const orderId = await orderIn(parties, 'AWAITING_FUNDING');
    // The attack's price of issue 13, as an order posted before the ceiling existed would still have it.
    await server.sql(
      `UPDATE orders SET price_minor = 99999999999999999,
                         creator_payout_minor = 99999999999999999 - platform_fee_minor - agency_share_minor
        WHERE id = $1`,
      [orderId],
    );
    const refused = await orderCalls(server.gql).fund(parties.merchant.token, orderId);
    expect(refused.errors).toBeUndefined();
    expect(refused.data?.fundOrder.status).toBe('FAILED');
    const [operation] = await server.sql(
      `SELECT status::text, attempts, failure_reason FROM provider_operations WHERE order_id = $1 AND kind = 'CHARGE'`,
      [orderId],
    );
    expect(operation).toEqual({
      status: 'FAILED',
      attempts: 1,
      failure_reason: expect.stringMatching(/Stripe cannot take 999999999999999.99 CNY/),
    });
    expect(
      fake.posts('/v1/payment_intents').filter((request) => request.body.metadata?.orderId === orderId),
    ).toEqual([]);
  });

  it('cancels a funded order with a Refund of its PaymentIntent, keyed by the order', async () => {
    const orderId = await orderIn(parties, 'AWAITING_FUNDING');
    const intent = await fundWithStripe(parties, fake, orderId);
    const cancelled = await orderCalls(server.gql).cancel(parties.creator.token, orderId);
    expect(cancelled.data?.cancelOrder.status).toBe('CANCELLED');
    const [refundRequest] = fake
      .posts('/v1/refunds')
      .filter((request) => request.body.metadata?.orderId === orderId);
    const [refundOperation] = await server.sql(
      `SELECT id, status, provider_reference FROM provider_operations WHERE order_id = $1 AND kind = 'REFUND'`,
      [orderId],
    );
    expect(refundRequest.idempotencyKey).toBe(`order:${orderId}:refund:cancel`);
    expect(refundRequest.body).toEqual({
      payment_intent: intent.id,
      amount: '10000',
      metadata: { orderId, operationId: refundOperation.id },
    });
    expect(refundOperation).toMatchObject({
      status: 'SUCCEEDED',
      provider_reference: expect.stringMatching(/^re_/),
    });

    // Stripe's charge.refunded then agrees with what was recorded: nothing changes.
    const refunded = await fake.deliver(server, fake.event('charge.refunded', fake.chargeOf(intent.id)));
    expect(refunded.status).toBe(200);
    const [event] = await server.sql(`SELECT outcome FROM provider_events WHERE type = 'charge.refunded'`);
    expect(event.outcome).toMatch(/refunded 100.00 CNY, V-Task asked 100.00 CNY; 0 refund/);
    const escrow = await server.gql.ok(
      `query($id: ID!) { order(id: $id) { escrow { status refunded { amount } } } }`,
      { id: orderId },
      parties.merchant.token,
    );
    expect(escrow.order.escrow).toEqual({ status: 'REFUNDED', refunded: { amount: '100.00' } });
  });

  it('holds payouts until the creator connects an Express account, then pays by Transfer; a reversed transfer returns the money', async () => {
    const orderId = await orderIn(parties, 'AWAITING_FUNDING');
    await fundWithStripe(parties, fake, orderId);
    const calls = orderCalls(server.gql);
    expect((await calls.deliver(parties.creator.token, orderId)).errors).toBeUndefined();
    expect((await calls.accept(parties.merchant.token, orderId)).errors).toBeUndefined();

    const requested = await server.gql.ok(
      `mutation($key: String!) { requestPayout(amount: { amount: "50.00", currencyCode: CNY }, idempotencyKey: $key) { ...P } } ${PAYOUT_FIELDS}`,
      { key: key('payout') },
      parties.creator.token,
    );
    const payoutId = requested.requestPayout.id;
    expect(requested.requestPayout).toMatchObject({ status: 'PENDING', providerReference: null });
    expect(requested.requestPayout.failureReason).toMatch(/connectPayoutAccount/);
    expect(fake.posts('/v1/transfers')).toHaveLength(0);

    const CONNECT = `mutation { connectPayoutAccount(returnUrl: "https://app.example.com/payouts/done", refreshUrl: "https://app.example.com/payouts/again") { url expiresAt ready } }`;
    const link = await server.gql.ok(CONNECT, {}, parties.creator.token);
    const [accountRequest] = fake.posts('/v1/accounts');
    const wallet = `creator/${parties.creator.profileId}`;
    expect(accountRequest.idempotencyKey).toBe(`payout-account:${wallet}`);
    expect(accountRequest.body).toEqual({
      type: 'express',
      capabilities: { transfers: { requested: 'true' } },
      metadata: { walletAccount: wallet },
    });
    const accountId = [...fake.accounts.keys()][0];
    const [linkRequest] = fake.posts('/v1/account_links');
    expect(linkRequest.body).toEqual({
      account: accountId,
      return_url: 'https://app.example.com/payouts/done',
      refresh_url: 'https://app.example.com/payouts/again',
      type: 'account_onboarding',
    });
    expect(link.connectPayoutAccount).toMatchObject({
      url: expect.stringContaining(accountId),
      ready: false,
    });
    // Asking again opens no second account, only a new link.
    await server.gql.ok(CONNECT, {}, parties.creator.token);
    expect(fake.posts('/v1/accounts')).toHaveLength(1);
    expect(fake.posts('/v1/account_links')).toHaveLength(2);
    const merchantTry = await server.gql.fail(CONNECT, {}, parties.merchant.token);
    expect(merchantTry.extensions?.code).toBe('FORBIDDEN');

    // Onboarding finished: account.updated makes the account ready and the waiting payout goes.
    expect((await fake.deliver(server, fake.event('account.updated', fake.activate(accountId)))).status).toBe(
      200,
    );
    const paid = await eventually(async () => {
      const { myPayouts } = await server.gql.ok(
        `{ myPayouts { ...P } } ${PAYOUT_FIELDS}`,
        {},
        parties.creator.token,
      );
      const payout = myPayouts.find((p: { id: string }) => p.id === payoutId);
      return payout.status === 'PAID' ? payout : null;
    }, 'the payout to be paid');
    const [transferRequest] = fake.posts('/v1/transfers');
    const [payoutOperation] = await server.sql(`SELECT id FROM provider_operations WHERE payout_id = $1`, [
      payoutId,
    ]);
    expect(transferRequest.idempotencyKey).toBe(`payout:${payoutId}`);
    expect(transferRequest.body).toEqual({
      amount: '5000',
      currency: 'cny',
      destination: accountId,
      transfer_group: `payout:${payoutId}`,
      metadata: { payoutId, operationId: payoutOperation.id, walletAccount: wallet },
    });
    expect(paid).toMatchObject({
      status: 'PAID',
      providerReference: expect.stringMatching(/^tr_/),
      failureReason: null,
    });

    // Stripe reverses the transfer: the payout fails and the money is back in the wallet.
    const before = await server.gql.ok(
      `{ myWallet { available { amount } paidOut { amount } } }`,
      {},
      parties.creator.token,
    );
    expect(before.myWallet).toEqual({ available: { amount: '40.00' }, paidOut: { amount: '50.00' } });
    const reversal = fake.event('transfer.reversed', fake.reverse(paid.providerReference));
    expect((await fake.deliver(server, reversal)).status).toBe(200);
    expect((await fake.deliver(server, reversal)).body).toEqual({ received: true, duplicate: true });
    const after = await server.gql.ok(
      `{ myWallet { available { amount } paidOut { amount } } myPayouts { ...P } } ${PAYOUT_FIELDS}`,
      {},
      parties.creator.token,
    );
    expect(after.myWallet).toEqual({ available: { amount: '90.00' }, paidOut: { amount: '0.00' } });
    expect(after.myPayouts.find((p: { id: string }) => p.id === payoutId)).toMatchObject({
      status: 'FAILED',
      failureReason: expect.stringMatching(/reversed/),
    });
  });

  it('sends an Idempotency-Key with every POST, and keeps the ledger balanced', async () => {
    const posts = fake.requests.filter((request) => request.method === 'POST');
    expect(posts.length).toBeGreaterThan(5);
    expect(posts.filter((request) => !request.idempotencyKey)).toEqual([]);
    expect(await ledgerViolations(server)).toEqual([]);
  });

  it('reconciles the ledger with Stripe per transfer group (npm run reconcile:stripe)', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: server.databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      STRIPE_SECRET_KEY: FAKE_SECRET_KEY,
      STRIPE_API_BASE: fake.url,
    };
    const clean = await run(process.execPath, [RECONCILE, '--all'], { env });
    expect(clean.stdout).toMatch(/transfer group\(s\) checked, 0 with differences/);
    expect(clean.stdout).toMatch(/^OK {3}order:/m);

    // A refund made in the Dashboard, unknown to the ledger, is a difference.
    const orderId = await orderIn(parties, 'AWAITING_FUNDING');
    const intent = await fundWithStripe(parties, fake, orderId);
    fake.refundOutside(intent.id, 2500);
    const differs = await run(process.execPath, [RECONCILE], { env }).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(differs?.code).toBe(1);
    expect(differs?.stdout).toContain(
      `DIFF order:${orderId}: the ledger holds 100.00 (funded 100.00, refunded 0.00), Stripe 75.00 (charged 100.00, refunded 25.00)`,
    );
  });
});
