import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerBaseUrl } from './support/base-url';
import { Api } from './support/api';
import {
  confirmPopover,
  launchBrowser,
  logIn,
  newSession,
  screenshot,
  skipAfterFirstFailure,
  type Session,
} from './support/browser';

const DAY = 24 * 3600_000;
const MERCHANT = 'merchant@demo.vtask';
const CREATOR = 'xiaoyu.home@demo.vtask';

/**
 * Resolves once the page has subscribed to a thread's messages over graphql-ws: a message sent before
 * that reaches it through the query, not live. Call before the page loads the thread's host.
 */
function subscribedToMessages(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on('websocket', (socket) => {
      socket.on('framesent', (frame) => {
        const payload = String(frame.payload);
        if (payload.includes('"type":"subscribe"') && payload.includes('MessageAdded')) resolve();
      });
    });
  });
}

/** Types into the chat's send box as a person would: Shift+Enter for a new line, Enter to send. */
async function typeMessage(page: Page, lines: string[]): Promise<void> {
  const box = page.getByTestId('chat-body');
  await box.click();
  for (const [index, line] of lines.entries()) {
    if (index > 0) await box.press('Shift+Enter');
    await box.pressSequentially(line);
  }
  await box.press('Enter');
}

describe('a merchant and a creator talk about a bid and carry on in the order; an admin reads a dispute', () => {
  let browser: Browser;
  let merchant: Session;
  let creator: Session;
  let admin: Session;
  const baseUrl = workerBaseUrl();
  const api = new Api(baseUrl);
  const title = `沙发布套种草 ${Date.now()}`;
  let taskId = '';
  let bidId = '';
  let orderId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    merchant = await newSession(browser, baseUrl);
    creator = await newSession(browser, baseUrl);
    admin = await newSession(browser, baseUrl);
    // Set-up that is not what this scenario tests: a published task and the creator's pending bid.
    const merchantToken = await api.token(MERCHANT);
    const { postTask } = await api.call(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      {
        input: {
          title,
          brief: '为可拆洗沙发布套拍一条改造短视频。',
          contentType: 'VIDEO',
          channels: ['HEADLINES'],
          domainTags: ['home'],
          budget: { amount: '800.00', currencyCode: 'CNY' },
          slots: 1,
          applyBy: new Date(Date.now() + DAY).toISOString(),
          deliverBy: new Date(Date.now() + 5 * DAY).toISOString(),
          publish: true,
        },
      },
      merchantToken,
    );
    taskId = postTask.id;
    const { placeBid } = await api.call(
      `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
      {
        input: {
          taskId,
          price: { amount: '760.00', currencyCode: 'CNY' },
          pitch: '家居号，擅长改造类视频。',
        },
      },
      await api.token(CREATOR),
    );
    bidId = placeBid.id;
  });

  skipAfterFirstFailure();

  afterAll(async () => {
    expect([...merchant.pageErrors, ...creator.pageErrors, ...admin.pageErrors]).toEqual([]);
    await browser?.close();
  });

  it('the creator waits on their bid while the merchant writes with a link; it arrives live, unread', async () => {
    const listening = subscribedToMessages(creator.page);
    await logIn(creator.page, CREATOR);
    await creator.page.goto(`/tasks/${taskId}`);
    await creator.page.getByTestId('my-bid').getByTestId('open-bid-chat').waitFor();
    await listening;

    const { page } = merchant;
    await logIn(page, MERCHANT);
    await page.goto(`/tasks/${taskId}`);
    await page.getByTestId('bid-row').getByTestId('open-bid-chat').click();
    const drawer = page.getByTestId('chat-drawer');
    await drawer.getByText('还没有消息', { exact: false }).waitFor();
    // A link that is not http(s) is refused by its own field, before anything is sent.
    await drawer.getByTestId('chat-add-attachment').click();
    await drawer.getByTestId('chat-attachment-input').fill('ftp://example.com/brief.pdf');
    await drawer.getByTestId('chat-send').click();
    await drawer.getByText('请填写 http(s) 链接', { exact: false }).waitFor();
    await drawer.getByTestId('chat-attachment-input').fill('https://example.com/brief.pdf');
    await typeMessage(page, ['你好！布套有三种颜色，', '想先看看你的拍摄思路。']);
    const sent = drawer.getByTestId('chat-message').filter({ hasText: '想先看看你的拍摄思路' });
    await sent.waitFor();
    expect(await sent.getAttribute('data-own')).toBe('true');
    expect(await sent.getByTestId('chat-attachment').getAttribute('href')).toBe(
      'https://example.com/brief.pdf',
    );
    await screenshot(page, '40-merchant-bid-chat');

    // The creator's page did not reload: the badge on 沟通 counts the new message.
    const badge = creator.page.getByTestId('my-bid').getByTestId('bid-chat-unread');
    await expect.poll(() => badge.locator('.ant-badge-count').textContent()).toBe('1');
    await screenshot(creator.page, '41-creator-bid-unread');
  });

  it('the creator opens the thread (marked read) and answers; the merchant sees it live', async () => {
    const { page } = creator;
    await page.getByTestId('my-bid').getByTestId('open-bid-chat').click();
    const drawer = page.getByTestId('chat-drawer');
    const received = drawer.getByTestId('chat-message').filter({ hasText: '布套有三种颜色' });
    await received.waitFor();
    expect(await received.getAttribute('data-own')).toBe('false');
    expect(await received.textContent()).toContain('想先看看你的拍摄思路');
    await received.getByRole('link', { name: 'https://example.com/brief.pdf' }).waitFor();
    await expect.poll(() => page.getByTestId('my-bid').locator('.ant-badge-count').count()).toBe(0);
    await typeMessage(page, ['收到，先拆洗再上身对比，', '周末就能拍。']);
    await drawer.getByTestId('chat-message').filter({ hasText: '周末就能拍' }).waitFor();
    await screenshot(page, '42-creator-bid-chat');

    await merchant.page
      .getByTestId('chat-drawer')
      .getByTestId('chat-message')
      .filter({ hasText: '先拆洗再上身对比' })
      .waitFor();

    // Read on the server too: after a reload nothing is counted unread.
    await page.reload();
    await page.getByTestId('my-bid').getByTestId('open-bid-chat').waitFor();
    expect(await page.getByTestId('my-bid').locator('.ant-badge-count').count()).toBe(0);
  });

  it("a message the creator has not opened is counted on the creator's bid list", async () => {
    await api.call(
      `mutation($bidId: ID!, $body: String!) { sendBidMessage(bidId: $bidId, body: $body) { id } }`,
      { bidId, body: '价格没问题，我这就接受报价。' },
      await api.token(MERCHANT),
    );
    const { page } = creator;
    await page.goto('/bids');
    const row = page.locator('.ant-list-item').filter({ hasText: title });
    await expect
      .poll(() => row.getByTestId('bid-unread').locator('.ant-badge-count').textContent())
      .toBe('1');
    await screenshot(page, '43-creator-bids-unread');
  });

  it('after acceptance the order page carries on the same thread, with the unread badge on its card', async () => {
    const { page } = merchant;
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('chat-drawer').waitFor({ state: 'detached' });
    await page.getByTestId('accept-bid').click();
    await confirmPopover(page);
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    orderId = new URL(page.url()).pathname.split('/').pop()!;
    const chat = page.getByTestId('order-chat');
    await chat.getByTestId('chat-message').filter({ hasText: '布套有三种颜色' }).waitFor();
    await chat.getByTestId('chat-message').filter({ hasText: '我这就接受报价' }).waitFor();
    await typeMessage(page, ['订单已创建，付款后请按约定交付。']);
    await chat.getByTestId('chat-message').filter({ hasText: '订单已创建' }).waitFor();
    await screenshot(page, '44-merchant-order-chat');

    // The creator's order list counts the two messages not read yet.
    const creatorPage = creator.page;
    await creatorPage.goto('/orders');
    const row = creatorPage.getByTestId('order-row').filter({ hasText: title });
    await expect
      .poll(() => row.getByTestId('order-unread').locator('.ant-badge-count').textContent())
      .toBe('2');
    await screenshot(creatorPage, '45-creator-orders-unread');
    await row.getByRole('link', { name: title }).click();
    await creatorPage.waitForURL(`**/orders/${orderId}`);
    const creatorChat = creatorPage.getByTestId('order-chat');
    await creatorChat.getByTestId('chat-message').filter({ hasText: '订单已创建' }).waitFor();
    // On screen, so read: the card's badge clears.
    await expect
      .poll(() => creatorChat.getByTestId('chat-unread').locator('.ant-badge-count').count())
      .toBe(0);
  });

  it('an admin reads a disputed order’s thread as evidence, without a send box', async () => {
    const merchantToken = await api.token(MERCHANT);
    const creatorToken = await api.token(CREATOR);
    await api.call(
      `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status } }`,
      { id: orderId, key: `browser-chat-fund-${orderId}` },
      merchantToken,
    );
    await api.call(
      `mutation($input: SubmitDeliverableInput!) { submitDeliverable(input: $input) { id } }`,
      { input: { orderId, title: '沙发布套改造 第一版', body: '成片。' } },
      creatorToken,
    );
    await api.call(
      `mutation($id: ID!, $reason: String!) { openDispute(orderId: $id, reason: $reason) { status } }`,
      { id: orderId, reason: '成片没有出现三种颜色的布套。' },
      merchantToken,
    );

    const { page } = admin;
    await logIn(page, 'admin@demo.vtask');
    await page.goto('/admin/disputes');
    const row = page.getByTestId('order-row').filter({ hasText: title });
    await row.getByTestId('open-chat').click();
    const drawer = page.getByTestId('chat-drawer');
    await drawer.getByTestId('chat-message').filter({ hasText: '布套有三种颜色' }).waitFor();
    await drawer.getByTestId('chat-message').filter({ hasText: '订单已创建' }).waitFor();
    await drawer.getByTestId('chat-read-only').waitFor();
    expect(await drawer.getByTestId('chat-send-form').count()).toBe(0);
    await screenshot(page, '46-admin-dispute-evidence');

    await page.goto(`/orders/${orderId}`);
    const card = page.getByTestId('order-chat');
    await card.getByTestId('chat-message').filter({ hasText: '先拆洗再上身对比' }).waitFor();
    await card.getByTestId('chat-read-only').waitFor();
    expect(await card.getByTestId('chat-send-form').count()).toBe(0);
  });
});
