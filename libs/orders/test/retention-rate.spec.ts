import { setTimeout as sleep } from 'node:timers/promises';
import { OrderPublicationService } from '@vtask/orders';
import { startServiceTest, type ServiceTestContext } from '../../../test/support/service-harness';
import {
  completedOrders,
  setUpServiceParties,
  type ServiceParties,
} from '../../../test/support/service-fixtures';

/**
 * A creator's retention rate (for CreatorReliability.retentionRate): content kept up through its
 * retention window over all retention windows that ended; null before the first; orders without
 * retention are left out. One query for any number of creators. Windows are one second long here.
 */
describe('retention rate', () => {
  let context: ServiceTestContext;
  let p: ServiceParties;
  let publications: OrderPublicationService;

  const afterDeadline = async (orderId: string, column: 'retain_until' | 'publish_by') => {
    for (;;) {
      const [row] = await context.sql(
        `SELECT ${column} <= clock_timestamp() AS passed FROM order_publications WHERE order_id = $1`,
        [orderId],
      );
      if (row.passed) return;
      await sleep(100);
    }
  };

  beforeAll(async () => {
    context = await startServiceTest({ env: { DAY_S: '1', PUBLISH_WINDOW_S: '1' } });
    p = await setUpServiceParties(context);
    publications = context.get(OrderPublicationService);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('is null before any retention window ended, then kept / ended, leaving out orders without retention', async () => {
    const creator = p.creator.creatorId!;
    const other = p.otherCreator.creatorId!;
    expect(await publications.retentionRates([creator, other])).toEqual(
      new Map([
        [creator, null],
        [other, null],
      ]),
    );

    const [kept, breached] = await completedOrders(context, p, 2, { retentionDays: 1 });
    const [noRetention] = await completedOrders(context, p, 1, { retentionDays: 0 });
    await publications.markPublished(p.creator, kept, 'https://x.example/kept');
    await publications.markPublished(p.creator, noRetention, 'https://x.example/none');
    // Still in their windows: nothing has ended yet (the order without retention does not count).
    expect((await publications.retentionRates([creator])).get(creator)).toBeNull();

    await afterDeadline(kept, 'retain_until');
    await publications.releaseHoldback(kept);
    expect((await publications.retentionRates([creator])).get(creator)).toBe(1);

    await afterDeadline(breached, 'publish_by');
    await publications.breachUnpublished(breached);
    const rates = await publications.retentionRates([creator, other]);
    expect(rates.get(creator)).toBe(0.5);
    expect(rates.get(other)).toBeNull();
  });
});
