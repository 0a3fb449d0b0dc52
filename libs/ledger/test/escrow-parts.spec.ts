import { AgenciesService } from '@vtask/accounts';
import { ledgerViolations } from '@vtask/ledger';
import { OrderPublicationService } from '@vtask/orders';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServiceTest, type ServiceTestContext } from '../../../test/support/service-harness';
import {
  completedOrders,
  setUpServiceParties,
  signUpAgency,
  type ServiceParties,
} from '../../../test/support/service-fixtures';

/**
 * SPEC "Ledger" with escrow parts: an order's escrow is 0, its price or its retention holdback; the MAIN
 * part leaves at acceptance (price less holdback), the HOLDBACK part once, when the retention window
 * ends (released with fees, or returned to the merchant's wallet); a unique index on (order, part)
 * refuses a second settlement of either part. A "day" is one second here, and so are the windows.
 */
describe('escrow in parts: main and retention holdback', () => {
  let context: ServiceTestContext;
  let p: ServiceParties;
  let agencyId: string;

  const balanceOf = async (account: string): Promise<bigint> => {
    const [row] = await context.sql(
      `SELECT coalesce(sum(amount_minor), 0)::text AS balance FROM ledger_entries WHERE account = $1 AND currency = 'CNY'`,
      [account],
    );
    return BigInt(row.balance);
  };
  const settlements = (orderId: string) =>
    context.sql(
      `SELECT kind::text, escrow_part FROM ledger_transactions
        WHERE order_id = $1 AND kind IN ('RELEASE', 'REFUND', 'SPLIT') ORDER BY created_at`,
      [orderId],
    );
  /** Waits until the publication's deadline has passed on the database clock (the windows are 1 s). */
  const afterDeadline = async (orderId: string, column: 'retain_until' | 'restore_by' | 'publish_by') => {
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
    context = await startServiceTest({
      env: { DAY_S: '1', RESTORE_WINDOW_S: '1', PUBLISH_WINDOW_S: '1' },
    });
    p = await setUpServiceParties(context);
    const agency = await signUpAgency(context, 2000);
    agencyId = agency.agencyId!;
    await context.get(AgenciesService).invite(agency, p.creator.creatorId!);
    await context.get(AgenciesService).join(p.creator, agencyId);
  });
  afterAll(async () => {
    if (context) expect(await ledgerViolations(context.dataSource)).toEqual([]);
    await context?.close();
  });

  it('acceptance releases the price less the holdback (rounded down); escrow keeps the holdback', async () => {
    const creatorBefore = await balanceOf(`creator/${p.creator.creatorId}`);
    const [orderId] = await completedOrders(context, p, 1, { price: '999.99', retentionDays: 1 });
    // Holdback: 10% of 999.99 = 99.999, rounded down to 99.99; released 900.00: fee 90.00, agency
    // 20% of 810.00 = 162.00, creator 648.00.
    expect(await balanceOf(`escrow:order/${orderId}`)).toBe(9999n);
    expect((await balanceOf(`creator/${p.creator.creatorId}`)) - creatorBefore).toBe(64800n);
    expect(await settlements(orderId)).toEqual([{ kind: 'RELEASE', escrow_part: 'MAIN' }]);
    expect(await ledgerViolations(context.dataSource)).toEqual([]);
  });

  it('the release timer pays the holdback out once, with the fee and agency share applied to it', async () => {
    const [orderId] = await completedOrders(context, p, 1, { price: '1000.00', retentionDays: 1 });
    const publications = context.get(OrderPublicationService);
    await publications.markPublished(p.creator, orderId, 'https://x.example/post');
    const creatorBefore = await balanceOf(`creator/${p.creator.creatorId}`);
    const agencyBefore = await balanceOf(`agency/${agencyId}`);
    await afterDeadline(orderId, 'retain_until');
    await publications.releaseHoldback(orderId);
    // A second firing (a retried job, another instance) finds it done.
    await publications.releaseHoldback(orderId);
    // 100.00 released: fee 10.00, agency 18.00, creator 72.00.
    expect((await balanceOf(`creator/${p.creator.creatorId}`)) - creatorBefore).toBe(7200n);
    expect((await balanceOf(`agency/${agencyId}`)) - agencyBefore).toBe(1800n);
    expect(await balanceOf(`escrow:order/${orderId}`)).toBe(0n);
    expect(await settlements(orderId)).toEqual([
      { kind: 'RELEASE', escrow_part: 'MAIN' },
      { kind: 'RELEASE', escrow_part: 'HOLDBACK' },
    ]);
    expect(await ledgerViolations(context.dataSource)).toEqual([]);
  });

  it('a breach returns the holdback to the merchant wallet, once; the order shows what moved', async () => {
    const [orderId] = await completedOrders(context, p, 1, { price: '500.00', retentionDays: 1 });
    const merchantBefore = await balanceOf(`merchant/${p.merchant.merchantId}`);
    await afterDeadline(orderId, 'publish_by');
    const publications = context.get(OrderPublicationService);
    await publications.breachUnpublished(orderId);
    await publications.breachUnpublished(orderId);
    expect((await balanceOf(`merchant/${p.merchant.merchantId}`)) - merchantBefore).toBe(5000n);
    expect(await balanceOf(`escrow:order/${orderId}`)).toBe(0n);
    expect(await settlements(orderId)).toEqual([
      { kind: 'RELEASE', escrow_part: 'MAIN' },
      { kind: 'REFUND', escrow_part: 'HOLDBACK' },
    ]);
    const [order] = await context.sql(
      `SELECT platform_fee_minor::text AS fee, agency_share_minor::text AS agency, creator_payout_minor::text AS creator,
              refunded_minor::text AS refunded FROM orders WHERE id = $1`,
      [orderId],
    );
    // 450.00 released: fee 45.00, agency 81.00, creator 324.00; 50.00 back to the merchant.
    expect(order).toEqual({ fee: '4500', agency: '8100', creator: '32400', refunded: '5000' });
    expect(await ledgerViolations(context.dataSource)).toEqual([]);
  });

  it('the database refuses a second settlement of either part (unique index on order and part) and an unknown part', async () => {
    const [orderId] = await completedOrders(context, p, 1, { price: '100.00', retentionDays: 1 });
    const insert = (part: string) =>
      context.sql(
        `INSERT INTO ledger_transactions (kind, currency, order_id, escrow_part) VALUES ('REFUND', 'CNY', $1, $2)`,
        [orderId, part],
      );
    await expect(insert('MAIN')).rejects.toMatchObject({ code: '23505' });
    await expect(insert('OTHER')).rejects.toMatchObject({ code: '23514' });
    expect(await settlements(orderId)).toEqual([{ kind: 'RELEASE', escrow_part: 'MAIN' }]);
    await afterDeadline(orderId, 'publish_by');
    await context.get(OrderPublicationService).breachUnpublished(orderId);
    await expect(insert('HOLDBACK')).rejects.toMatchObject({ code: '23505' });
    expect(await settlements(orderId)).toEqual([
      { kind: 'RELEASE', escrow_part: 'MAIN' },
      { kind: 'REFUND', escrow_part: 'HOLDBACK' },
    ]);
    expect(await ledgerViolations(context.dataSource)).toEqual([]);
  });
});
