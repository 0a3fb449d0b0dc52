import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerBaseUrl } from './support/base-url';
import {
  confirmPopover,
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

/** "YYYY-MM-DD HH:mm" in Beijing time (the sessions' zone), as the date pickers take it. */
function pickerTime(offsetMs: number): string {
  return new Date(Date.now() + offsetMs).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
}

async function setPicker(page: Page, label: string, value: string): Promise<void> {
  const openPanels = page.locator('.ant-picker-dropdown:visible');
  // The previous picker's panel may still be closing on a slow machine: one panel at a time.
  await expect.poll(() => openPanels.count()).toBe(0);
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  // The panel's OK closes it (Enter takes the typed date too, without submitting the form).
  await openPanels.locator('.ant-picker-ok button').click();
  await expect.poll(() => openPanels.count()).toBe(0);
}

/** The form item (label, control and its messages) for a label. */
function formItem(page: Page, label: string) {
  return page.locator('.ant-form-item').filter({ has: page.getByText(label, { exact: true }) });
}

const DAY = 24 * 3600_000;

describe('a task from posting to accepted delivery', () => {
  let browser: Browser;
  let merchant: Session;
  let creator: Session;
  const baseUrl = workerBaseUrl();
  const title = `客厅改造短视频 ${Date.now()}`;
  let taskUrl = '';
  let orderUrl = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    merchant = await newSession(browser, baseUrl);
    creator = await newSession(browser, baseUrl);
  });

  skipAfterFirstFailure();

  afterAll(async () => {
    expect([...merchant.pageErrors, ...creator.pageErrors]).toEqual([]);
    await browser?.close();
  });

  it('the merchant logs in to the dashboard', async () => {
    const { page } = merchant;
    await logIn(page, 'merchant@demo.vtask');
    await page.waitForURL('**/dashboard');
    await page.getByTestId('dashboard-orders').getByTestId('order-row').first().waitFor();
    await page.getByTestId('countdown').first().waitFor();
    await screenshot(page, '01-merchant-dashboard');
  });

  it('posts a task, with money checked in the form and the API field errors on their fields', async () => {
    const { page } = merchant;
    await page.getByRole('menuitem', { name: '发布任务' }).click();
    await page.waitForURL('**/tasks/new');
    await page.getByLabel('任务标题').fill(title);
    await page.getByLabel('任务说明').fill('用一个周末改造小户型客厅，展示模块沙发的可拆洗布套。');
    await page.getByLabel('领域标签').click();
    // Tag names follow the console's language: typing Chinese finds the Chinese name.
    await page.getByLabel('领域标签').fill('家具');
    await page.locator('.ant-select-tree-node-content-wrapper[title="家具"]').click();
    await page.keyboard.press('Escape');

    // Three decimals: refused in the browser, in Chinese.
    await page.getByLabel('单个名额预算').fill('12.345');
    await page.getByLabel('任务标题').click();
    await formItem(page, '单个名额预算').getByText('金额最多两位小数').waitFor();
    await page.getByLabel('单个名额预算').fill('2888.5');

    // applyBy in the past: only the API knows; its extensions.fields message lands under that field.
    await setPicker(page, '报名截止', '2020-01-01 10:00');
    await screenshot(page, '02-post-task-form');
    await page.getByTestId('post-task-submit').click();
    await formItem(page, '报名截止').getByText('须晚于当前时间。').waitFor();
    await screenshot(page, '02b-post-task-field-error');

    await setPicker(page, '报名截止', pickerTime(2 * DAY));
    await setPicker(page, '交付截止', pickerTime(9 * DAY));
    await page.getByTestId('post-task-submit').click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    taskUrl = new URL(page.url()).pathname;
    await page.getByText('¥2,888.50').first().waitFor();
    await page.getByText('还没有达人报名', { exact: false }).waitFor();
  });

  it('a creator finds it in the feed and bids', async () => {
    const { page } = creator;
    await logIn(page, 'xiaoyu.home@demo.vtask');
    await page.waitForURL('**/feed');
    const inFeed = page.getByTestId('task-row').getByRole('link', { name: title });
    await inFeed.waitFor();
    await screenshot(page, '03-creator-feed');
    await inFeed.click();
    await page.waitForURL(`**${taskUrl}`);
    await page.getByLabel('报价').fill('2666');
    await page
      .getByLabel('报名说明（你的思路、过往作品）')
      .fill('两百四十万粉丝的家居账号，上周刚做过同类沙发改造。');
    await page.getByTestId('place-bid').click();
    await expectToast(page, '报名成功');
    await page.getByTestId('my-bid').getByText('¥2,666.00').waitFor();
    await screenshot(page, '04-creator-task-bid');
  });

  it('the merchant, still on the task page, sees the bid arrive live: a pop-up, the bell and the list', async () => {
    const { page } = merchant;
    // No reload since posting: the notificationAdded subscription brings the bid in.
    expect(new URL(page.url()).pathname).toBe(taskUrl);
    const popup = page.locator('.ant-notification-notice').filter({ hasText: '@xiaoyu' });
    await popup.waitFor();
    expect(await popup.textContent()).toContain(title);
    await page.getByTestId('bid-row').first().waitFor();
    const unread = Number(
      await page.getByTestId('notification-count').locator('.ant-scroll-number').getAttribute('title'),
    );
    expect(unread).toBeGreaterThanOrEqual(1);
    await screenshot(page, '04b-merchant-live-bid');
  });

  it('the merchant sees the bid with tier, tags and stats, accepts and funds with the sandbox', async () => {
    const { page } = merchant;
    const bid = page.getByTestId('bid-row').first();
    await bid.getByText('明星达人').waitFor();
    await bid.getByText('家具', { exact: true }).waitFor();
    await bid.getByText(/完成单 \d+/).waitFor();
    await screenshot(page, '05-merchant-task-bids');
    await bid.getByTestId('accept-bid').click();
    await confirmPopover(page);
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    orderUrl = new URL(page.url()).pathname;
    await page.locator('[data-status="AWAITING_FUNDING"]').first().waitFor();
    await page.getByTestId('countdown').filter({ hasText: '付款剩余' }).first().waitFor();
    await page.getByTestId('fund-order').click();
    await page.getByTestId('fund-confirm').click();
    await expectToast(page, '付款成功');
    await page.locator('[data-status="IN_PROGRESS"]').first().waitFor();
    await page.getByTestId('order-timeline').getByText('付款托管').waitFor();
  });

  it('the creator delivers version 1', async () => {
    const { page } = creator;
    await page.goto(orderUrl);
    await page.getByLabel('标题', { exact: true }).fill('小户型客厅改造 v1');
    await page.getByLabel('正文 / 脚本').fill('脚本：开场三秒展示改造前后对比……');
    await page.getByLabel('发布链接').fill('https://example.com/v/1');
    await page.getByTestId('submit-deliverable').click();
    await expectToast(page, '已提交');
    await page.locator('[data-status="DELIVERED"]').first().waitFor();
  });

  it('the merchant requests a revision with feedback', async () => {
    const { page } = merchant;
    // Still on the order page since funding: the delivery arrives over the orderUpdated subscription.
    expect(new URL(page.url()).pathname).toBe(orderUrl);
    await page.locator('[data-status="DELIVERED"]').first().waitFor();
    await page.getByTestId('deliverable-v1').waitFor();
    await page.getByTestId('countdown').filter({ hasText: '自动验收' }).first().waitFor();
    await page.getByTestId('request-revision').click();
    await dialog(page).getByLabel('修改意见').fill('请在结尾加上布套拆洗的特写镜头。');
    await submitDialog(page);
    await expectToast(page, '已发送修改意见');
    await page.locator('[data-status="REVISION_REQUESTED"]').first().waitFor();
  });

  it('the creator reads the feedback and delivers version 2', async () => {
    const { page } = creator;
    await page.goto(orderUrl);
    await page.getByTestId('deliverables').getByText('请在结尾加上布套拆洗的特写镜头。').waitFor();
    await page.getByLabel('标题', { exact: true }).fill('小户型客厅改造 v2');
    await page.getByLabel('正文 / 脚本').fill('脚本：新增结尾布套拆洗特写。');
    await page.getByTestId('submit-deliverable').click();
    await expectToast(page, '已提交');
    await page.getByTestId('deliverable-v2').waitFor();
  });

  it('the merchant reviews version by version and accepts with a rating', async () => {
    const { page } = merchant;
    await page.goto(orderUrl);
    await page.getByTestId('deliverable-v2').waitFor();
    await page.getByTestId('deliverable-v1').click();
    await page.getByText('小户型客厅改造 v1').waitFor();
    await page.getByTestId('deliverable-v2').click();
    await page.getByTestId('accept-delivery').click();
    await dialog(page).getByLabel('评价').fill('改得很快，效果很好。');
    await submitDialog(page);
    await expectToast(page, '已验收');
    await page.locator('[data-status="COMPLETED"]').first().waitFor();
    const timeline = page.getByTestId('order-timeline');
    for (const step of ['付款托管', '提交交付', '要求修改', '验收通过'])
      await timeline.getByText(step).first().waitFor();
    await screenshot(page, '06-order-completed');
  });

  it('the creator is paid: the wallet shows it', async () => {
    const { page } = creator;
    await page.getByRole('menuitem', { name: '资金账户' }).click();
    await page.waitForURL('**/wallet');
    const available = page.getByTestId('wallet-available').locator('.ant-statistic-content');
    await available.waitFor();
    expect(await available.textContent()).toMatch(/¥[1-9]/);
    await screenshot(page, '07-creator-wallet');
  });

  it('the other main pages render (screenshots), in English too and at 375 px', async () => {
    const { page } = merchant;
    await page.goto('/orders');
    await page.getByTestId('order-row').first().waitFor();
    await screenshot(page, '08-merchant-orders');
    await page.goto('/offers');
    await page.getByTestId('offer-card').first().waitFor();
    await screenshot(page, '09-merchant-offer-catalogue');
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByText('Creator offers').first().waitFor();
    await screenshot(page, '10-offer-catalogue-english');
    await page.getByTestId('lang-switch').getByText('中文').click();

    for (const [path, name] of [
      ['/invitations', '11-creator-invitations'],
      ['/my-offers', '12-creator-offers'],
      ['/bids', '13-creator-bids'],
    ] as const) {
      await creator.page.goto(path);
      await creator.page
        .locator('.ant-skeleton')
        .first()
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      await screenshot(creator.page, name);
    }

    const phone = await newSession(browser, baseUrl, { width: 375 });
    await logIn(phone.page, 'merchant@demo.vtask');
    await phone.page.getByTestId('order-row').first().waitFor();
    await screenshot(phone.page, '14-phone-dashboard');
    await phone.page.goto(orderUrl);
    await phone.page.locator('[data-status="COMPLETED"]').first().waitFor();
    await screenshot(phone.page, '15-phone-order');
    const overflow = await phone.page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(phone.pageErrors).toEqual([]);
    await phone.context.close();
  });
});
