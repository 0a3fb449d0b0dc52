import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerBaseUrl } from './support/base-url';
import { Api } from './support/api';
import {
  confirmPopover,
  dialog,
  expectToast,
  launchBrowser,
  logIn,
  newSession,
  skipAfterFirstFailure,
  submitDialog,
  type Session,
} from './support/browser';
import { deliver, fundedOrder } from './support/market';

// Deal terms (issue 15) as the parties meet them on the order page: the kill fee a merchant pays to
// cancel mid-work, shown before they confirm; a cancellation split one party proposes and the other
// accepts; and the retention countdown once the content is published. Each scenario makes its own
// orders through the API, between a merchant and creators no other browser scenario pairs (no agency,
// so the creator's part is the price less the 10% platform fee), under the default kill-fee table
// (10% of the price until half the time to deliverBy has passed).

const MERCHANT = 'gadgets@demo.vtask';

/** The value shown beside a label in the order's facts. */
function orderFact(page: Page, label: string) {
  return page
    .locator('.ant-descriptions-item')
    .filter({ has: page.locator('.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) }) })
    .locator('.ant-descriptions-item-content');
}

/** The order's status: the header's tag comes first on the page. */
function orderStatus(page: Page, status: string) {
  return page.locator(`[data-status="${status}"]`).first();
}

describe('deal terms on the order page', () => {
  let browser: Browser;
  const sessions: Session[] = [];
  const baseUrl = workerBaseUrl();
  const api = new Api(baseUrl);

  async function session(email: string): Promise<Session> {
    const opened = await newSession(browser, baseUrl);
    sessions.push(opened);
    await logIn(opened.page, email);
    return opened;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    expect(sessions.flatMap((opened) => opened.pageErrors)).toEqual([]);
    await browser?.close();
  });

  describe('a. the merchant cancels mid-work', () => {
    skipAfterFirstFailure();

    it('sees the kill fee and the refund before confirming, then the order CANCELLED with the split', async () => {
      const order = await fundedOrder(api, MERCHANT, 'techtalk.li@demo.vtask', '500.00');
      const { order: before } = await api.call(
        `query($id: ID!) { order(id: $id) { status cancellationFeeNow { amount } } }`,
        { id: order.orderId },
        order.merchant,
      );
      expect(before).toEqual({ status: 'IN_PROGRESS', cancellationFeeNow: { amount: '50.00' } });

      const { page } = await session(MERCHANT);
      await page.goto(`/orders/${order.orderId}`);
      // The card states the fee now, before the merchant even thinks of cancelling.
      const feeNow = page.getByTestId('kill-fee-now');
      await feeNow.getByText('¥50.00').waitFor();
      await expect.poll(() => feeNow.textContent()).toContain('现在取消，达人保留');

      await page.getByTestId('cancel-order').click();
      const notice = dialog(page).getByTestId('kill-fee-confirm');
      await notice.waitFor();
      const said = (await notice.textContent()) ?? '';
      expect(said).toContain('¥50.00');
      expect(said).toContain('¥450.00');
      await dialog(page).locator('textarea').fill('新品推迟上市，这次合作先取消。');
      await submitDialog(page);
      await expectToast(page, '订单已取消');

      await orderStatus(page, 'CANCELLED').waitFor();
      await page.locator('[data-status="SPLIT"]').first().waitFor();
      // What actually moved, from the ledger: 50.00 kept (5.00 fee, 45.00 to the creator), 450.00 back.
      await orderFact(page, '退回商家').getByText('¥450.00').waitFor();
      await orderFact(page, '平台服务费').getByText('¥5.00').waitFor();
      await orderFact(page, '达人实收').getByText('¥45.00').waitFor();
      await expect.poll(() => page.getByTestId('kill-fee-now').count()).toBe(0);
    });
  });

  describe('b. the creator accepts a proposed split', () => {
    skipAfterFirstFailure();

    it('reads the amount in the proposal and its confirmation, and the order ends CANCELLED with it', async () => {
      const order = await fundedOrder(api, MERCHANT, 'styled.by.an@demo.vtask', '500.00');
      await api.call(
        `mutation($id: ID!, $amount: MoneyInput!) {
          proposeCancellation(orderId: $id, creatorAmount: $amount, reason: "需求变更，按已完成的脚本结算。") { id }
        }`,
        { id: order.orderId, amount: { amount: '200.00', currencyCode: 'CNY' } },
        order.merchant,
      );

      const { page } = await session('styled.by.an@demo.vtask');
      await page.goto(`/orders/${order.orderId}`);
      const proposal = page.getByTestId('cancellation-proposal');
      await proposal.getByText('需求变更，按已完成的脚本结算。').waitFor();
      await expect.poll(() => proposal.textContent()).toContain('达人所得 ¥200.00');
      await proposal.locator('[data-status="PENDING"]').waitFor();

      await proposal.getByTestId('accept-proposal').click();
      const confirm = page.locator('.ant-popconfirm').last();
      await confirm.getByText('同意后订单取消：¥200.00 归达人（另扣服务费），其余退回商家。').waitFor();
      await confirmPopover(page);
      await expectToast(page, '已同意取消，托管款已按提议分配');

      await orderStatus(page, 'CANCELLED').waitFor();
      await proposal.locator('[data-status="ACCEPTED"]').waitFor();
      await expect.poll(() => proposal.getByTestId('accept-proposal').count()).toBe(0);
      await page.locator('[data-status="SPLIT"]').first().waitFor();
      await orderFact(page, '退回商家').getByText('¥300.00').waitFor();
      await orderFact(page, '达人实收').getByText('¥180.00').waitFor();
    });
  });

  describe('c. publication and retention', () => {
    skipAfterFirstFailure();
    let orderId: string;

    it('the creator marks the accepted content published and the retention countdown starts', async () => {
      const order = await fundedOrder(api, MERCHANT, 'techtalk.li@demo.vtask', '500.00');
      orderId = order.orderId;
      await deliver(api, order, '降噪耳机一个月实测');
      await api.call(
        `mutation($id: ID!, $key: String!) { acceptDelivery(orderId: $id, rating: 5, idempotencyKey: $key) { status } }`,
        { id: order.orderId, key: `deal-terms-accept-${order.orderId}` },
        order.merchant,
      );

      const { page } = await session('techtalk.li@demo.vtask');
      await page.goto(`/orders/${orderId}`);
      const publication = page.getByTestId('publication');
      await publication.locator('[data-status="UNPUBLISHED"]').waitFor();
      // Nothing counts down before publication: the window starts when the content goes live.
      expect(await publication.getByTestId('countdown').count()).toBe(0);

      await page.getByTestId('mark-published').click();
      await dialog(page).getByPlaceholder('https://').fill('https://example.com/techtalk/anc-review');
      await submitDialog(page);
      await expectToast(page, '已标记发布，保留期开始计算');
      await publication.locator('[data-status="LIVE"]').waitFor();
      // Retention defaults to 30 days from publication.
      await expect
        .poll(() => publication.getByTestId('countdown').textContent())
        .toMatch(/^保留期剩余 (29天23小时|30天0小时)$/);
    });

    it('the merchant sees the countdown, the holdback and the published link on the order page', async () => {
      const { page } = await session(MERCHANT);
      await page.goto(`/orders/${orderId}`);
      const publication = page.getByTestId('publication');
      await publication.locator('[data-status="LIVE"]').waitFor();
      await expect
        .poll(() => publication.getByTestId('countdown').textContent())
        .toMatch(/^保留期剩余 (29天23小时|30天0小时)$/);
      await orderFact(page, '保留金').getByText('¥50.00').waitFor();
      await publication.getByText('https://example.com/techtalk/anc-review').waitFor();
      await page.getByTestId('report-takedown').waitFor();
    });
  });
});
