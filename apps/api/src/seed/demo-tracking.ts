import type { INestApplication } from '@nestjs/common';
import { AuthService, ProfilesService, type MerchantEntity } from '@vtask/accounts';
import type { Viewer } from '@vtask/core';
import {
  ClickRecorderService,
  ConversionKeysService,
  ConversionsService,
  TrackingLinksService,
} from '@vtask/insights';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';

const DEMO_SHOP_HOST = 'shop.demo.vtask.cn';
/** Visitors of the demo link and how often each clicked (a few came back). */
const VISITS = [3, 1, 1, 2, 1, 1, 4, 1, 1, 1, 2, 1];
/** Sales the demo shop reported: the visitor's index, the amount. */
const SALES: [number, string][] = [
  [0, '299.00'],
  [3, '158.00'],
  [6, '899.00'],
];

/**
 * Effect you can trust in the demo: the merchant of the first COMPLETED order lists a shop host, makes a
 * tracking link for the content, shoppers click it (some twice) and the shop reports three signed sales,
 * all through the real services, so the order page shows verified beside reported figures and the LIVE
 * venue's showcase links through /go/. Runs once: nothing when the order already has a link.
 */
export async function seedDemoTracking(app: INestApplication): Promise<void> {
  const dataSource = app.get(DataSource);
  const [order]: { id: string; merchant_id: string; deliverable_id: string }[] = await dataSource.query(
    `SELECT o.id::text, o.merchant_id::text, d.id::text AS deliverable_id
       FROM orders o JOIN deliverables d ON d.order_id = o.id
      WHERE o.status = 'COMPLETED' ORDER BY o.created_at, d.version DESC LIMIT 1`,
  );
  if (!order) return;
  const links = app.get(TrackingLinksService);
  if ((await links.byDeliverables([order.deliverable_id])).length) return;
  const [merchant] = await app.get(ProfilesService).merchantsByIds([order.merchant_id]);
  const viewer = (await app.get(AuthService).viewerFor((merchant as MerchantEntity).userId)) as Viewer;
  await app
    .get(ProfilesService)
    .updateMerchantProfile(viewer, merchant.shopName, undefined, [DEMO_SHOP_HOST]);
  const link = await links.create(
    viewer,
    order.deliverable_id,
    `https://${DEMO_SHOP_HOST}/item/balcony-garden`,
  );

  const clicks = app.get(ClickRecorderService);
  const clickIds: string[] = [];
  VISITS.forEach((times, visitor) => {
    for (let i = 0; i < times; i++) {
      const clickId = clicks.record(link.id, `demo-visitor-${visitor}`);
      if (i === 0) clickIds[visitor] = clickId;
    }
  });
  await clicks.flush();

  const { secret } = await app.get(ConversionKeysService).create(viewer);
  const conversions = app.get(ConversionsService);
  for (const [visitor, amount] of SALES) {
    const body = Buffer.from(
      JSON.stringify({
        clickId: clickIds[visitor],
        shopOrderId: `DEMO-${visitor + 1001}`,
        amount,
        currency: 'CNY',
        occurredAt: new Date().toISOString(),
      }),
    );
    const t = Math.floor(Date.now() / 1000);
    const v1 = createHmac('sha256', secret!).update(`${t}.${body.toString()}`).digest('hex');
    await conversions.report(body, `t=${t},v1=${v1}`);
  }
}
