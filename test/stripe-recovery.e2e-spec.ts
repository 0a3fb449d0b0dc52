import { FakeStripe, fundWithStripe, PAYOUT_FIELDS } from './support/fake-stripe';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  eventually,
  key,
  ledgerViolations,
  orderCalls,
  orderIn,
  orderStatus,
  setUpParties,
  type Parties,
} from './support/order-fixtures';

/**
 * A crash between the Stripe call and recording its answer: the server is SIGKILLed while the fake
 * Stripe holds its answer to a Refund or a Transfer (which Stripe has already made). After a restart,
 * the recovery timer (ORDER_RECOVERY_DELAY_S, 2 s here) calls again with the same Idempotency-Key, the
 * fake answers with the object it made the first time, and the ledger and states come out right.
 */
describe('Stripe calls interrupted by a crash', () => {
  let fake: FakeStripe;
  let server: TestServer;
  let parties: Parties;
  const env = () => ({ ...ADMIN_ENV, ...fake.env(), ORDER_RECOVERY_DELAY_S: '2' });

  beforeAll(async () => {
    fake = await FakeStripe.start();
    server = await startTestServer({ env: env() });
    parties = await setUpParties(server);
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  /** SIGKILL, then the same database and settings again; the parties' tokens stay valid. */
  async function crashAndRestart(): Promise<void> {
    const databaseUrl = server.databaseUrl;
    await server.kill();
    server = await startTestServer({ databaseUrl, env: env(), dropOnClose: true });
    parties = { ...parties, server, gql: server.gql };
  }

  it('makes one refund after a crash during the Refund call; the order is CANCELLED and the ledger balanced', async () => {
    const orderId = await orderIn(parties, 'AWAITING_FUNDING');
    const intent = await fundWithStripe(parties, fake, orderId);
    const hold = fake.holdNext('/v1/refunds');
    const cancelling = orderCalls(server.gql)
      .cancel(parties.creator.token, orderId)
      .catch(() => null);
    const first = await hold.arrived;
    await crashAndRestart();
    await cancelling;
    hold.release();

    const refund = await eventually(async () => {
      const rows = await server.sql(
        `SELECT status, provider_reference, attempts FROM provider_operations WHERE order_id = $1 AND kind = 'REFUND'`,
        [orderId],
      );
      return rows[0]?.status === 'SUCCEEDED' ? rows[0] : undefined;
    }, 'recovery to finish the refund');
    const attempts = fake.posts('/v1/refunds').filter((request) => request.body.payment_intent === intent.id);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attempts.map((request) => request.idempotencyKey))).toEqual(
      new Set([first.idempotencyKey]),
    );
    const made = [...fake.refunds.values()].filter((r) => r.payment_intent === intent.id);
    expect(made).toHaveLength(1);
    expect(refund).toMatchObject({ status: 'SUCCEEDED', provider_reference: made[0].id });
    expect(await orderStatus(server, orderId)).toBe('CANCELLED');
    const escrow = await server.gql.ok(
      `query($id: ID!) { order(id: $id) { escrow { status held { amount } refunded { amount } } } }`,
      { id: orderId },
      parties.merchant.token,
    );
    expect(escrow.order.escrow).toEqual({
      status: 'REFUNDED',
      held: { amount: '0.00' },
      refunded: { amount: '100.00' },
    });
    expect(await ledgerViolations(server)).toEqual([]);
  });

  it('makes one transfer after a crash during the Transfer call; the payout is PAID and the ledger balanced', async () => {
    const orderId = await orderIn(parties, 'AWAITING_FUNDING');
    await fundWithStripe(parties, fake, orderId);
    const calls = orderCalls(server.gql);
    expect((await calls.deliver(parties.creator.token, orderId)).errors).toBeUndefined();
    expect((await calls.accept(parties.merchant.token, orderId)).errors).toBeUndefined();
    await server.gql.ok(
      `mutation { connectPayoutAccount(returnUrl: "https://app.example.com/done", refreshUrl: "https://app.example.com/again") { url } }`,
      {},
      parties.creator.token,
    );
    const accountId = [...fake.accounts.keys()][0];
    expect((await fake.deliver(server, fake.event('account.updated', fake.activate(accountId)))).status).toBe(
      200,
    );

    const hold = fake.holdNext('/v1/transfers');
    const requesting = server.gql
      .request(
        `mutation($key: String!) { requestPayout(amount: { amount: "90.00", currencyCode: CNY }, idempotencyKey: $key) { id } }`,
        { key: key('payout') },
        parties.creator.token,
      )
      .catch(() => null);
    const first = await hold.arrived;
    await crashAndRestart();
    await requesting;
    hold.release();

    const payoutId = first.body.metadata.payoutId;
    const payout = await eventually(async () => {
      const { myPayouts } = await server.gql.ok(
        `{ myPayouts { ...P } } ${PAYOUT_FIELDS}`,
        {},
        parties.creator.token,
      );
      const found = myPayouts.find((p: { id: string }) => p.id === payoutId);
      return found?.status === 'PAID' ? found : null;
    }, 'recovery to finish the payout');
    const attempts = fake.posts('/v1/transfers');
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attempts.map((request) => request.idempotencyKey))).toEqual(
      new Set([`payout:${payoutId}`]),
    );
    expect(fake.transfers.size).toBe(1);
    expect(payout).toMatchObject({
      status: 'PAID',
      providerReference: [...fake.transfers.keys()][0],
      amount: { amount: '90.00' },
    });
    const wallet = await server.gql.ok(
      `{ myWallet { available { amount } paidOut { amount } } }`,
      {},
      parties.creator.token,
    );
    expect(wallet.myWallet).toEqual({ available: { amount: '0.00' }, paidOut: { amount: '90.00' } });
    expect(await orderStatus(server, orderId)).toBe('COMPLETED');
    expect(await ledgerViolations(server)).toEqual([]);
  });
});
