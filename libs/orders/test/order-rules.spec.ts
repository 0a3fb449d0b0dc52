import { randomUUID } from 'node:crypto';
import { LedgerService } from '@vtask/ledger';
import { OrderLifecycleService, OrdersService, type SubmitDeliverableCommand } from '@vtask/orders';
import { startServiceTest, type ServiceTestContext } from '../../../test/support/service-harness';
import {
  codeOf,
  NO_SUCH_ID,
  orderFromTask,
  refusal,
  setUpServiceParties,
  type ServiceParties,
} from '../../../test/support/service-fixtures';

// The order rules of SPEC "Orders, escrow and delivery" that OrderLifecycleService decides, each refusal
// with its code, through its public commands only. test/orders-rules.e2e-spec.ts keeps cancellation,
// disputes, reviews and what the API shows of them.

describe('order rules (services)', () => {
  let context: ServiceTestContext;
  let p: ServiceParties;
  let lifecycle: OrderLifecycleService;

  const statusOf = async (orderId: string) => (await context.get(OrdersService).byIds([orderId]))[0].status;
  /** How many ledger transactions of each kind the order has. */
  const transactionKinds = async (orderId: string) => {
    const kinds: Record<string, number> = {};
    for (const { kind } of await context.get(LedgerService).transactionsOfOrders([orderId]))
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    return kinds;
  };
  const deliver = (orderId: string, extra: Partial<SubmitDeliverableCommand> = {}) =>
    lifecycle.submitDeliverable(p.creator, { orderId, title: 'Delivered', body: 'The video.', ...extra });
  const fund = (orderId: string, key = randomUUID()) => lifecycle.fund(p.merchant, orderId, key);
  const accept = (orderId: string, rating?: number, key = randomUUID()) =>
    lifecycle.acceptDelivery(p.merchant, orderId, { rating }, key);

  beforeAll(async () => {
    context = await startServiceTest();
    lifecycle = context.get(OrderLifecycleService);
    p = await setUpServiceParties(context);
  });
  afterAll(() => context?.close());

  describe('fund', () => {
    it('is refused to the creator (FORBIDDEN), a stranger (NOT_FOUND) and after the funding deadline (DEADLINE_PASSED)', async () => {
      const orderId = await orderFromTask(context, p);
      expect(await codeOf(lifecycle.fund(p.creator, orderId, randomUUID()))).toBe('FORBIDDEN');
      expect(await codeOf(lifecycle.fund(p.otherMerchant, orderId, randomUUID()))).toBe('NOT_FOUND');
      expect(await codeOf(fund(NO_SUCH_ID))).toBe('NOT_FOUND');
      // The window closed (its timer is due in 48 h and has not run): the deadline is moved, not waited for.
      await context.sql(`UPDATE orders SET funding_deadline = now() - interval '1 minute' WHERE id = $1`, [
        orderId,
      ]);
      expect(await codeOf(fund(orderId))).toBe('DEADLINE_PASSED');
      expect(await statusOf(orderId)).toBe('AWAITING_FUNDING');
      expect(await transactionKinds(orderId)).toEqual({});
      const ops = await context.sql(
        `SELECT count(*)::int AS n FROM provider_operations WHERE order_id = $1`,
        [orderId],
      );
      expect(ops[0].n).toBe(0);
    });

    it('answers a second funding with another key with CONFLICT and a replay with the first result', async () => {
      const orderId = await orderFromTask(context, p);
      const first = randomUUID();
      expect((await fund(orderId, first)).status).toBe('SUCCEEDED');
      expect(await codeOf(fund(orderId))).toBe('CONFLICT');
      expect((await fund(orderId, first)).status).toBe('SUCCEEDED');
      expect(await transactionKinds(orderId)).toEqual({ FUND: 1 });
    });
  });

  describe('submitDeliverable', () => {
    it('is refused to the merchant (FORBIDDEN), a stranger (NOT_FOUND) and on an unfunded order (CONFLICT)', async () => {
      const orderId = await orderFromTask(context, p);
      expect(await codeOf(deliver(orderId))).toBe('CONFLICT');
      await fund(orderId);
      const command = { orderId, title: 'Delivered', body: 'The video.' };
      expect(await codeOf(lifecycle.submitDeliverable(p.merchant, command))).toBe('FORBIDDEN');
      expect(await codeOf(lifecycle.submitDeliverable(p.otherCreator, command))).toBe('NOT_FOUND');
      expect(await statusOf(orderId)).toBe('IN_PROGRESS');
    });

    it('takes http(s) URLs only, no blank title, says which field is wrong, and one delivery until a revision', async () => {
      const orderId = await orderFromTask(context, p);
      await fund(orderId);
      const fieldsOf = async (extra: Partial<SubmitDeliverableCommand>) => {
        const refused = await refusal(deliver(orderId, extra));
        expect(refused.code).toBe('BAD_USER_INPUT');
        return Object.keys(refused.fields ?? {});
      };
      expect(
        await fieldsOf({ mediaUrls: ['https://ok.example.com/a.jpg', 'ftp://files.example.com/b.jpg'] }),
      ).toEqual(['mediaUrls.1']);
      expect(await fieldsOf({ publishedUrl: 'javascript:alert(1)' })).toContain('publishedUrl');
      expect(await fieldsOf({ title: '   ' })).toContain('title');
      expect(await statusOf(orderId)).toBe('IN_PROGRESS');
      expect(await deliver(orderId, { publishedUrl: 'http://example.com/post/1' })).toMatchObject({
        version: 1,
        status: 'SUBMITTED',
      });
      // A delivered order takes no second delivery until a revision is requested.
      expect(await codeOf(deliver(orderId))).toBe('CONFLICT');
    });
  });

  describe('requestRevision', () => {
    it('allows maxRevisions revisions, then CONFLICT: accept or dispute', async () => {
      const orderId = await orderFromTask(context, p, { maxRevisions: 1 });
      await fund(orderId);
      await deliver(orderId);
      expect(await codeOf(lifecycle.requestRevision(p.creator, orderId, 'Shorter'))).toBe('FORBIDDEN');
      expect(await lifecycle.requestRevision(p.merchant, orderId, 'Shorter')).toMatchObject({
        status: 'REVISION_REQUESTED',
        revisionsUsed: 1,
      });
      expect(await codeOf(lifecycle.requestRevision(p.merchant, orderId, 'Again'))).toBe('CONFLICT'); // not DELIVERED
      await deliver(orderId);
      expect(await codeOf(lifecycle.requestRevision(p.merchant, orderId, 'Again'))).toBe('CONFLICT'); // used up
      expect(await statusOf(orderId)).toBe('DELIVERED');
      await accept(orderId);
      const events = await context.get(OrdersService).eventsOf([orderId]);
      expect(events.map((event) => event.type)).toEqual([
        'CREATED',
        'FUNDED',
        'DELIVERED',
        'REVISION_REQUESTED',
        'DELIVERED',
        'ACCEPTED',
      ]);
    });

    it('with maxRevisions 0 refuses the first revision, and a blank feedback is an input error', async () => {
      const orderId = await orderFromTask(context, p, { maxRevisions: 0 });
      await fund(orderId);
      await deliver(orderId);
      expect(await codeOf(lifecycle.requestRevision(p.merchant, orderId, 'Shorter'))).toBe('CONFLICT');
      expect(await codeOf(lifecycle.requestRevision(p.merchant, orderId, '   '))).toBe('BAD_USER_INPUT');
      expect(await statusOf(orderId)).toBe('DELIVERED');
    });
  });

  describe('acceptDelivery', () => {
    it('takes a rating from 1 to 5 only, from the merchant of a DELIVERED order, once per key', async () => {
      const orderId = await orderFromTask(context, p);
      await fund(orderId);
      expect(await codeOf(accept(orderId))).toBe('CONFLICT');
      await deliver(orderId);
      for (const rating of [6, 0, -1]) expect(await codeOf(accept(orderId, rating))).toBe('BAD_USER_INPUT');
      expect(await codeOf(lifecycle.acceptDelivery(p.creator, orderId, {}, randomUUID()))).toBe('FORBIDDEN');
      expect(await codeOf(lifecycle.acceptDelivery(p.otherMerchant, orderId, {}, randomUUID()))).toBe(
        'NOT_FOUND',
      );
      expect(await statusOf(orderId)).toBe('DELIVERED');
      expect(await transactionKinds(orderId)).toEqual({ FUND: 1 });
      const acceptKey = randomUUID();
      await accept(orderId, 4, acceptKey);
      // A replay answers again and moves nothing; the key with other input is refused.
      expect((await accept(orderId, 4, acceptKey)).status).toBe('COMPLETED');
      expect(await codeOf(accept(orderId, 5, acceptKey))).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await codeOf(accept(orderId))).toBe('CONFLICT');
      expect(await transactionKinds(orderId)).toEqual({ FUND: 1, RELEASE: 1 });
      const reviews = await context.get(OrdersService).reviewsOf([orderId]);
      expect(reviews.map((review) => review.rating)).toEqual([4]);
    });
  });
});
