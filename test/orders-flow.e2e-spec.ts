import {
  ADMIN_ENV,
  logInAdmin,
  signUpAgency,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';

const DAY = 86_400_000;

const ORDER = /* GraphQL */ `
  fragment O on Order {
    id
    status
    revisionsUsed
    reviewDeadline
    price {
      amount
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
      paymentReference
    }
    deliverables {
      version
      status
      feedback
    }
    events {
      type
      actor {
        id
      }
      note
    }
    reviewOfCreator {
      rating
    }
  }
`;

describe('an order from bid to acceptance, with the escrow in the ledger', () => {
  let server: TestServer;
  let admin: string;
  let merchant: Account;
  let creator: Account;
  let agency: Account;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    admin = await logInAdmin(server.gql);
    merchant = await signUpMerchant(server.gql);
    creator = await signUpCreatorWithTier(server.gql, admin, 'EXPERT');
    agency = await signUpAgency(server.gql, 2000);
    await server.gql.ok(
      `mutation($id: ID!) { inviteToAgency(creatorId: $id) { id } }`,
      { id: creator.profileId },
      agency.token,
    );
    await server.gql.ok(
      `mutation($id: ID!) { joinAgency(agencyId: $id) { id } }`,
      { id: agency.profileId },
      creator.token,
    );
  });
  afterAll(() => server.close());

  /** Tasks here keep no retention (SPEC "Usage rights, publication and retention"): acceptance releases it all. */
  async function orderFromBid(price: string): Promise<string> {
    const task = await server.gql.ok(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      {
        input: {
          title: 'Sofa review',
          brief: 'A week with the sofa.',
          contentType: 'VIDEO',
          channels: ['HEADLINES'],
          domainTags: ['home.furniture'],
          budget: { amount: price, currencyCode: 'CNY' },
          slots: 1,
          applyBy: new Date(Date.now() + DAY).toISOString(),
          deliverBy: new Date(Date.now() + 7 * DAY).toISOString(),
          retentionDays: 0,
          publish: true,
        },
      },
      merchant.token,
    );
    const bid = await server.gql.ok(
      `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
      {
        input: {
          taskId: task.postTask.id,
          price: { amount: price, currencyCode: 'CNY' },
          pitch: 'I review sofas',
        },
      },
      creator.token,
    );
    const order = await server.gql.ok(
      `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
      { id: bid.placeBid.id },
      merchant.token,
    );
    return order.acceptBid.id;
  }

  it('funds, delivers, revises, delivers again and accepts a task without retention: the whole price released, fee 10%, agency 20% of the rest, creator the remainder', async () => {
    const orderId = await orderFromBid('1000.00');
    const funded = await server.gql.ok(
      `mutation($id: ID!) { fundOrder(orderId: $id, idempotencyKey: "fund-1") { status order { ...O } } } ${ORDER}`,
      { id: orderId },
      merchant.token,
    );
    expect(funded.fundOrder.status).toBe('SUCCEEDED');
    expect(funded.fundOrder.order.status).toBe('IN_PROGRESS');
    expect(funded.fundOrder.order.escrow).toMatchObject({ status: 'HELD', held: { amount: '1000.00' } });

    const deliver = (title: string) =>
      server.gql.ok(
        `mutation($input: SubmitDeliverableInput!) { submitDeliverable(input: $input) { version status } }`,
        { input: { orderId, title, body: 'The video', mediaUrls: ['https://cdn.example.com/v.mp4'] } },
        creator.token,
      );
    expect((await deliver('First cut')).submitDeliverable.version).toBe(1);
    const revised = await server.gql.ok(
      `mutation($id: ID!) { requestRevision(orderId: $id, feedback: "Show the fabric up close") { ...O } } ${ORDER}`,
      { id: orderId },
      merchant.token,
    );
    expect(revised.requestRevision).toMatchObject({ status: 'REVISION_REQUESTED', revisionsUsed: 1 });
    expect((await deliver('Second cut')).submitDeliverable.version).toBe(2);

    const accepted = await server.gql.ok(
      `mutation($id: ID!) { acceptDelivery(orderId: $id, rating: 5, idempotencyKey: "accept-1") { ...O } } ${ORDER}`,
      { id: orderId },
      merchant.token,
    );
    const order = accepted.acceptDelivery;
    expect(order.status).toBe('COMPLETED');
    expect(order).toMatchObject({
      platformFee: { amount: '100.00' },
      agencyShare: { amount: '180.00' },
      creatorPayout: { amount: '720.00' },
      escrow: {
        status: 'RELEASED',
        held: { amount: '0.00' },
        released: { amount: '1000.00' },
        refunded: { amount: '0.00' },
      },
      reviewOfCreator: { rating: 5 },
    });
    expect(order.deliverables.map((d: any) => d.status)).toEqual(['CHANGES_REQUESTED', 'APPROVED']);
    expect(order.events.map((e: any) => e.type)).toEqual([
      'CREATED',
      'FUNDED',
      'DELIVERED',
      'REVISION_REQUESTED',
      'DELIVERED',
      'ACCEPTED',
    ]);

    const ledger = await server.gql.ok(
      `query($id: ID!) { ledgerEntries(orderId: $id) { kind account amount { amount } } }`,
      { id: orderId },
      creator.token,
    );
    const lines = ledger.ledgerEntries
      .map((e: any) => `${e.kind} ${e.account.split('/')[0]} ${e.amount.amount}`)
      .sort();
    expect(lines).toEqual(
      [
        'AGENCY_SHARE agency 180.00',
        'FEE platform:fees 100.00',
        'FUND escrow:order 1000.00',
        'FUND external:sandbox -1000.00',
        'RELEASE creator 720.00',
        'RELEASE escrow:order -1000.00',
      ].sort(),
    );
    const sum = ledger.ledgerEntries.reduce(
      (total: number, e: any) => total + Math.round(Number(e.amount.amount) * 100),
      0,
    );
    expect(sum).toBe(0);

    const creatorWallet = await server.gql.ok(
      `{ myWallet { available { amount } inEscrow { amount } paidOut { amount } } }`,
      {},
      creator.token,
    );
    expect(creatorWallet.myWallet.available.amount).toBe('720.00');
    const agencyWallet = await server.gql.ok(`{ myWallet { available { amount } } }`, {}, agency.token);
    expect(agencyWallet.myWallet.available.amount).toBe('180.00');

    const payout = await server.gql.ok(
      `mutation { requestPayout(amount: { amount: "700.00", currencyCode: CNY }, idempotencyKey: "po-1") { status amount { amount } } }`,
      {},
      creator.token,
    );
    expect(payout.requestPayout).toMatchObject({ status: 'PAID', amount: { amount: '700.00' } });
    const tooMuch = await server.gql.fail(
      `mutation { requestPayout(amount: { amount: "20.01", currencyCode: CNY }, idempotencyKey: "po-2") { status } }`,
      {},
      creator.token,
    );
    expect(tooMuch.extensions?.code).toBe('INSUFFICIENT_FUNDS');
    const after = await server.gql.ok(
      `{ myWallet { available { amount } paidOut { amount } } myPayouts { status } }`,
      {},
      creator.token,
    );
    expect(after.myWallet).toEqual({ available: { amount: '20.00' }, paidOut: { amount: '700.00' } });

    const stats = await server.gql.ok(
      `query($id: ID!) { creator(id: $id) { stats { completedOrders onTimeRate averageRating } } }`,
      { id: creator.profileId },
    );
    expect(stats.creator.stats).toEqual({ completedOrders: 1, onTimeRate: 1, averageRating: 5 });
  });

  it('replays an idempotency key without moving money again, and refuses the key for another request', async () => {
    const orderId = await orderFromBid('50.00');
    const fund = (key: string, id = orderId) =>
      server.gql.request(
        `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status } }`,
        { id, key },
        merchant.token,
      );
    expect((await fund('k1')).data?.fundOrder.status).toBe('SUCCEEDED');
    expect((await fund('k1')).data?.fundOrder.status).toBe('SUCCEEDED');
    const other = await orderFromBid('60.00');
    expect((await fund('k1', other)).errors?.[0].extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await fund('k2')).errors?.[0].extensions?.code).toBe('CONFLICT');
    const funds = await server.sql(
      `SELECT count(*)::int AS n FROM ledger_transactions WHERE order_id = $1 AND kind = 'FUND'`,
      [orderId],
    );
    expect(funds[0].n).toBe(1);
  });

  it('splits a disputed escrow as the admin decides, fees on the released part', async () => {
    const orderId = await orderFromBid('200.00');
    await server.gql.ok(
      `mutation($id: ID!) { fundOrder(orderId: $id, idempotencyKey: "f") { status } }`,
      { id: orderId },
      merchant.token,
    );
    await server.gql.ok(
      `mutation($id: ID!) { submitDeliverable(input: { orderId: $id, title: "t", body: "b" }) { id } }`,
      { id: orderId },
      creator.token,
    );
    await server.gql.ok(
      `mutation($id: ID!) { openDispute(orderId: $id, reason: "Not what we agreed") { status } }`,
      { id: orderId },
      merchant.token,
    );
    const resolved = await server.gql.ok(
      `mutation($id: ID!) { resolveDispute(input: { orderId: $id, creatorAmount: { amount: "100.00", currencyCode: CNY }, note: "Half" }, idempotencyKey: "r") { status escrow { status released { amount } refunded { amount } held { amount } } } }`,
      { id: orderId },
      admin,
    );
    expect(resolved.resolveDispute).toEqual({
      status: 'RESOLVED',
      escrow: {
        status: 'SPLIT',
        released: { amount: '100.00' },
        refunded: { amount: '100.00' },
        held: { amount: '0.00' },
      },
    });

    // The order shows what moved (issue 13, defect 7): the released 100.00 split 10% fee, 20% of the rest
    // to the agency, the remainder to the creator; not the full price's 20.00 / 36.00 / 144.00.
    const shown = await server.gql.ok(
      `query($id: ID!) { order(id: $id) { platformFee { amount } agencyShare { amount } creatorPayout { amount } } }`,
      { id: orderId },
      merchant.token,
    );
    expect(shown.order).toEqual({
      platformFee: { amount: '10.00' },
      agencyShare: { amount: '18.00' },
      creatorPayout: { amount: '72.00' },
    });
    const ledger = await server.sql(
      `SELECT e.kind, (e.amount_minor / 100.0)::numeric(12, 2)::text AS amount
         FROM ledger_entries e WHERE e.order_id = $1 AND e.kind IN ('FEE', 'AGENCY_SHARE', 'RELEASE')
        ORDER BY e.kind`,
      [orderId],
    );
    expect(ledger).toEqual([
      { kind: 'RELEASE', amount: '72.00' },
      { kind: 'FEE', amount: '10.00' },
      { kind: 'AGENCY_SHARE', amount: '18.00' },
    ]);
  });

  it('cancels a funded order with a full refund', async () => {
    const orderId = await orderFromBid('80.00');
    await server.gql.ok(
      `mutation($id: ID!) { fundOrder(orderId: $id, idempotencyKey: "f2") { status } }`,
      { id: orderId },
      merchant.token,
    );
    const cancelled = await server.gql.ok(
      `mutation($id: ID!) { cancelOrder(orderId: $id, reason: "Sick", idempotencyKey: "c") { status escrow { status refunded { amount } held { amount } } } }`,
      { id: orderId },
      creator.token,
    );
    expect(cancelled.cancelOrder).toEqual({
      status: 'CANCELLED',
      escrow: { status: 'REFUNDED', refunded: { amount: '80.00' }, held: { amount: '0.00' } },
    });
    const ops = await server.sql(
      `SELECT kind, status FROM provider_operations WHERE order_id = $1 ORDER BY created_at`,
      [orderId],
    );
    expect(ops).toEqual([
      { kind: 'CHARGE', status: 'SUCCEEDED' },
      { kind: 'REFUND', status: 'SUCCEEDED' },
    ]);
  });
});
