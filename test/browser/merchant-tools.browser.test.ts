import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerBaseUrl } from './support/base-url';
import { Api } from './support/api';
import {
  dialog,
  expectToast,
  launchBrowser,
  logIn,
  newSession,
  screenshot,
  skipAfterFirstFailure,
  submitDialog,
  type Session,
} from './support/browser';

const DAY = 24 * 3600_000;

/** Issue 18's merchant tools: comparing bids, editing and duplicating a task, confirming a payment. */
describe('merchant tools', () => {
  let browser: Browser;
  let merchant: Session;
  const baseUrl = workerBaseUrl();
  const api = new Api(baseUrl);
  const title = `客厅收纳短视频 ${Date.now()}`;
  let taskId = '';
  const bidIds: Record<string, string> = {};
  let creatorTokens: Record<string, string> = {};

  beforeAll(async () => {
    browser = await launchBrowser();
    merchant = await newSession(browser, baseUrl);
    const merchantToken = await api.token('merchant@demo.vtask');
    const { postTask } = await api.call(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      {
        input: {
          title,
          brief: '拍一条客厅收纳的短视频，展示我们的橡木收纳柜。',
          contentType: 'VIDEO',
          channels: ['HEADLINES'],
          domainTags: ['home'],
          budget: { amount: '500.00', currencyCode: 'CNY' },
          slots: 2,
          applyBy: new Date(Date.now() + 3 * DAY).toISOString(),
          deliverBy: new Date(Date.now() + 10 * DAY).toISOString(),
          publish: true,
        },
      },
      merchantToken,
    );
    taskId = postTask.id;
    // A celebrity at 450, an expert at 300 and an expert above the budget at 650.
    const bids: [string, string][] = [
      ['xiaoyu.home@demo.vtask', '450.00'],
      ['techtalk.li@demo.vtask', '300.00'],
      ['glowlab@demo.vtask', '650.00'],
    ];
    creatorTokens = Object.fromEntries(
      await Promise.all(bids.map(async ([email]) => [email, await api.token(email)] as const)),
    );
    for (const [email, amount] of bids) {
      const { placeBid } = await api.call(
        `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
        { input: { taskId, price: { amount, currencyCode: 'CNY' }, pitch: '我很适合这个任务。' } },
        creatorTokens[email],
      );
      bidIds[email] = placeBid.id;
    }
  });

  skipAfterFirstFailure();

  afterAll(async () => {
    expect(merchant.pageErrors).toEqual([]);
    await browser?.close();
  });

  it('compares the bids side by side, sorted by price or tier, with the over-budget bid flagged', async () => {
    const { page } = merchant;
    await logIn(page, 'merchant@demo.vtask');
    await page.goto(`/tasks/${taskId}`);
    const table = page.getByTestId('bid-comparison');
    await table.waitFor();
    const rows = table.getByTestId('compare-row');
    await expect.poll(() => rows.count()).toBe(3);
    // By price, lowest first (the default).
    await expect.poll(() => rows.first().textContent()).toContain('techtalk_li');
    await expect.poll(() => rows.last().textContent()).toContain('glowlab');
    expect(await table.getByTestId('over-budget').count()).toBe(1);
    expect(await rows.last().getByTestId('over-budget').count()).toBe(1);
    await screenshot(page, '50-merchant-bid-comparison');
    // By tier, highest first: the celebrity leads.
    await table.getByText('等级从高到低').click();
    await expect.poll(() => rows.first().textContent()).toContain('xiaoyu_home');
  });

  it('edits the task in a dialog; bidders are told', async () => {
    const { page } = merchant;
    await page.getByTestId('edit-task').click();
    const form = dialog(page);
    await form.getByLabel('任务标题').fill(`${title}（加急）`);
    await screenshot(page, '51-merchant-edit-task');
    await submitDialog(page);
    await expectToast(page, '任务已更新');
    await page.getByText(`${title}（加急）`).first().waitFor();
    const { notifications } = await api.call(
      `{ notifications(first: 20) { nodes { type task { id } } } }`,
      {},
      creatorTokens['xiaoyu.home@demo.vtask'],
    );
    expect(
      notifications.nodes.filter((n: any) => n.type === 'TASK_UPDATED' && n.task?.id === taskId),
    ).toHaveLength(1);
  });

  it('duplicates the task as a draft and opens it', async () => {
    const { page } = merchant;
    await page.getByTestId('duplicate-task').click();
    await expectToast(page, '已复制为草稿');
    await page.waitForURL(
      (url) => /\/tasks\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(taskId),
    );
    await page.locator('[data-status="DRAFT"]').first().waitFor();
    await page.getByText(`${title}（加急）`).first().waitFor();
  });

  it('confirms the payment with its amount and what happens next before funding', async () => {
    const { page } = merchant;
    const { acceptBid } = await api.call(
      `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
      { id: bidIds['xiaoyu.home@demo.vtask'] },
      await api.token('merchant@demo.vtask'),
    );
    await page.goto(`/orders/${acceptBid.id}`);
    await page.locator('[data-status="AWAITING_FUNDING"]').first().waitFor();
    await page.getByTestId('fund-order').click();
    const confirm = page.getByTestId('fund-confirm-dialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('450.00');
    expect(await confirm.textContent()).toContain('担保账户');
    await screenshot(page, '52-merchant-fund-confirm');
    await page.getByTestId('fund-confirm').click();
    await expectToast(page, '付款成功');
    await page.locator('[data-status="IN_PROGRESS"]').first().waitFor();
  });
});
