import { randomUUID } from 'node:crypto';
import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type GqlError, type TestServer } from './support/harness';
import {
  BOOK_OFFER,
  INVITE_CREATOR,
  offerInput,
  PLACE_BID,
  POST_OFFER,
  POST_TASK,
  postOffer,
  postTask,
  taskInput,
} from './support/market-fixtures';

const cny = (amount: string) => ({ amount, currencyCode: 'CNY' });
const REQUEST_PAYOUT = `mutation($amount: MoneyInput!) { requestPayout(amount: $amount, idempotencyKey: "${randomUUID()}") { id } }`;
const RESOLVE_DISPUTE = `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input, idempotencyKey: "${randomUUID()}") { id } }`;

/** The refusal SPEC "Limits" asks for: BAD_USER_INPUT naming the field, with the ceiling in the message. */
function expectOverCeiling(error: GqlError, field: string, ceiling = '999999.99'): void {
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error.extensions?.fields).toEqual({ [field]: expect.stringContaining(`At most ${ceiling} CNY`) });
}

/**
 * Every price is at most MAX_ORDER_AMOUNT (default 999999.99, Stripe's ceiling), checked where prices
 * enter the API, so one party's volume cannot push the ledger's sums out of range. Issue 13, defect 3.
 */
describe('MAX_ORDER_AMOUNT', () => {
  describe('at its default, 999999.99', () => {
    let server: TestServer;
    let merchant: Account;
    let creator: Account;
    let adminToken: string;
    beforeAll(async () => {
      server = await startTestServer({ env: ADMIN_ENV });
      adminToken = await logInAdmin(server.gql);
      [merchant, creator] = await Promise.all([
        signUpMerchant(server.gql),
        signUpCreatorWithTier(server.gql, adminToken, 'CREATOR'),
      ]);
    });
    afterAll(async () => {
      expectWellFormedErrors(server.gql.errorsSeen);
      await server.close();
    });

    it('takes a task budget, bid and offer of exactly the ceiling', async () => {
      const task = await postTask(server.gql, merchant.token, { budget: cny('999999.99') });
      expect(task.budget.amount).toBe('999999.99');
      const bid = await server.gql.ok(
        PLACE_BID,
        { input: { taskId: task.id, price: cny('999999.99'), pitch: 'At the ceiling.' } },
        creator.token,
      );
      expect(bid.placeBid.price.amount).toBe('999999.99');
      expect((await postOffer(server.gql, creator.token, { price: cny('999999.99') })).price.amount).toBe(
        '999999.99',
      );
    });

    it('refuses one fen more as a task budget, a bid, an invitation and an offer, naming the field', async () => {
      const over = cny('1000000.00');
      expectOverCeiling(
        await server.gql.fail(POST_TASK, { input: taskInput({ budget: over }) }, merchant.token),
        'budget.amount',
      );
      const task = await postTask(server.gql, merchant.token);
      expectOverCeiling(
        await server.gql.fail(
          PLACE_BID,
          { input: { taskId: task.id, price: over, pitch: 'Too much.' } },
          creator.token,
        ),
        'price.amount',
      );
      expectOverCeiling(
        await server.gql.fail(
          INVITE_CREATOR,
          { input: { taskId: task.id, creatorId: creator.profileId, price: over } },
          merchant.token,
        ),
        'price.amount',
      );
      expectOverCeiling(
        await server.gql.fail(POST_OFFER, { input: offerInput({ price: over }) }, creator.token),
        'price.amount',
      );
    });

    it('refuses the amounts of the attack (15 digits) the same way, and nothing is stored', async () => {
      const error = await server.gql.fail(
        POST_OFFER,
        { input: offerInput({ price: cny('999999999999999.99') }) },
        creator.token,
      );
      expectOverCeiling(error, 'price.amount');
      const [row] = await server.sql(`SELECT count(*)::int AS n FROM offers WHERE price_minor > 99999999`);
      expect(row.n).toBe(0);
    });

    it('refuses to start with a MAX_ORDER_AMOUNT that is not an amount, or the other limits out of range', async () => {
      for (const [setting, value] of [
        ['MAX_ORDER_AMOUNT', '1.001'],
        ['MAX_ORDER_AMOUNT', '0'],
        ['MAX_ALIASES', 'many'],
        ['EXPENSIVE_OPERATIONS_PER_USER', '0'],
      ]) {
        const failed = startTestServer({
          databaseUrl: server.databaseUrl,
          dropOnClose: false,
          env: { [setting]: value },
        });
        await expect(failed).rejects.toThrow(new RegExp(`cannot start: ${setting} must be`));
      }
    });

    it('refuses a payout and a dispute split over the ceiling before anything else is looked at', async () => {
      expectOverCeiling(
        await server.gql.fail(REQUEST_PAYOUT, { amount: cny('1000000.00') }, creator.token),
        'amount.amount',
      );
      expectOverCeiling(
        await server.gql.fail(
          RESOLVE_DISPUTE,
          { input: { orderId: randomUUID(), creatorAmount: cny('1000000.00'), note: 'Split.' } },
          adminToken,
        ),
        'creatorAmount.amount',
      );
    });
  });

  describe('raised, then lowered again', () => {
    let server: TestServer;
    let databaseUrl: string;
    let creator: Account;
    let merchant: Account;
    let offerId: string;

    afterAll(async () => {
      expectWellFormedErrors(server.gql.errorsSeen);
      await server.close();
    });

    it('takes larger prices when the setting allows them', async () => {
      const raised = await startTestServer({
        env: { ...ADMIN_ENV, MAX_ORDER_AMOUNT: '2000000' },
        dropOnClose: false,
      });
      databaseUrl = raised.databaseUrl;
      try {
        const adminToken = await logInAdmin(raised.gql);
        [merchant, creator] = await Promise.all([
          signUpMerchant(raised.gql),
          signUpCreatorWithTier(raised.gql, adminToken, 'CREATOR'),
        ]);
        const offer = await postOffer(raised.gql, creator.token, { price: cny('1500000.00') });
        offerId = offer.id;
        expect(offer.price.amount).toBe('1500000.00');
        expectOverCeiling(
          await raised.gql.fail(
            POST_OFFER,
            { input: offerInput({ price: cny('2000000.01') }) },
            creator.token,
          ),
          'price.amount',
          '2000000.00',
        );
        expectWellFormedErrors(raised.gql.errorsSeen);
      } finally {
        await raised.close();
      }
    });

    it('makes no order above the ceiling in force, even from an offer priced before it was lowered', async () => {
      server = await startTestServer({ databaseUrl, dropOnClose: true, env: ADMIN_ENV });
      const error = await server.gql.fail(
        BOOK_OFFER,
        { input: { offerId, brief: 'Our product, please.' } },
        merchant.token,
      );
      expectOverCeiling(error, 'price');
      const [row] = await server.sql(`SELECT count(*)::int AS n FROM orders`);
      expect(row.n).toBe(0);
    });
  });
});
