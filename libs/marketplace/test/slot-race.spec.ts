import { Channel, CreatorTier } from '@vtask/accounts';
import { ContentType, CurrencyCode, Money, type Viewer } from '@vtask/core';
import { BidsService, TasksService } from '@vtask/marketplace';
import { startServiceTest, type ServiceTestContext } from '../../../test/support/service-harness';
import {
  codeOf,
  ensureAdmin,
  signUpCreatorWithTier,
  signUpMerchant,
} from '../../../test/support/service-fixtures';

// Slot counting under races, as BidsService decides it: the last slot goes to exactly one bid, and an
// accept racing a withdrawal ends one way or the other, never both. Moved from test/marketplace-bids.

describe('the slot race (services)', () => {
  let context: ServiceTestContext;
  let bids: BidsService;
  let merchant: Viewer;
  let creators: Viewer[];

  const DAY_MS = 24 * 3600 * 1000;
  const price = Money.fromDecimal('450.00', CurrencyCode.CNY);
  const postTask = () =>
    context.get(TasksService).post(merchant, {
      title: 'One slot',
      brief: 'A short video about furniture.',
      contentType: ContentType.VIDEO,
      channels: [Channel.HEADLINES],
      domainTags: ['home.furniture'],
      budget: price,
      slots: 1,
      applyBy: new Date(Date.now() + DAY_MS),
      deliverBy: new Date(Date.now() + 7 * DAY_MS),
      publish: true,
    });
  const placeBid = (creator: Viewer, taskId: string) =>
    bids.place(creator, { taskId, price, pitch: 'Pick me' });

  beforeAll(async () => {
    context = await startServiceTest();
    bids = context.get(BidsService);
    const admin = await ensureAdmin(context);
    merchant = await signUpMerchant(context);
    creators = await Promise.all(
      [0, 1, 2].map(() => signUpCreatorWithTier(context, admin, CreatorTier.CREATOR)),
    );
  });
  afterAll(() => context?.close());

  it('two accepts of the last slot at once: exactly one order and one CONFLICT, ten times over', async () => {
    for (let round = 0; round < 10; round += 1) {
      const task = await postTask();
      const a = await placeBid(creators[0], task.id);
      const b = await placeBid(creators[1], task.id);
      const results = await Promise.all([a, b].map((bid) => codeOf(bids.accept(merchant, bid.id))));
      expect(results.sort()).toEqual(['CONFLICT', 'OK']);
      const orders = await context.sql(`SELECT id FROM orders WHERE task_id = $1`, [task.id]);
      expect(orders).toHaveLength(1);
      const [row] = await context.sql(`SELECT status, slots_filled FROM tasks WHERE id = $1`, [task.id]);
      expect(row).toEqual({ status: 'CLOSED', slots_filled: 1 });
      const statuses = (
        await context.sql(`SELECT status, order_id FROM bids WHERE task_id = $1 ORDER BY status`, [task.id])
      ).map((r) => [r.status, r.order_id]);
      expect(statuses).toEqual([
        ['ACCEPTED', orders[0].id],
        ['EXPIRED', null],
      ]);
    }
  });

  it('accept racing a withdrawal: either an order or a withdrawn bid, never both', async () => {
    for (let round = 0; round < 5; round += 1) {
      const task = await postTask();
      const bid = await placeBid(creators[2], task.id);
      const [accept, withdraw] = await Promise.all([
        codeOf(bids.accept(merchant, bid.id)),
        codeOf(bids.withdraw(creators[2], bid.id)),
      ]);
      expect([accept, withdraw].sort()).toEqual(['CONFLICT', 'OK']);
      const [row] = await context.sql(`SELECT status, order_id FROM bids WHERE id = $1`, [bid.id]);
      const orders = await context.sql(`SELECT id FROM orders WHERE task_id = $1`, [task.id]);
      if (accept === 'CONFLICT') {
        expect(row).toEqual({ status: 'WITHDRAWN', order_id: null });
        expect(orders).toEqual([]);
      } else {
        expect(row).toEqual({ status: 'ACCEPTED', order_id: orders[0].id });
      }
    }
  });
});
