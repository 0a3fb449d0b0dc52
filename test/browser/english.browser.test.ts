import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerBaseUrl } from './support/base-url';
import { Api } from './support/api';
import { launchBrowser, newSession, screenshot, type Session } from './support/browser';
import { postTask } from './support/market';

const PASSWORD = 'english-pass-2026';
/** Chinese characters (CJK ideographs and CJK punctuation): none may reach an English reader. */
const CHINESE = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/u;

/**
 * The English pass (issue 18): the whole suite reads the console in Chinese, its default; here a
 * merchant and a creator who chose English walk an order from bid to revision. Everything they read
 * — labels, and the server's own text: timeline entries, tag names, notifications, the ledger — is
 * English. Their data is written in English too, so any Chinese on these pages came from the console
 * or the server, never from what the users typed.
 */
describe('the console in English', () => {
  const baseUrl = workerBaseUrl();
  const api = new Api(baseUrl);
  let browser: Browser;
  let orderId: string;
  const run = Date.now();
  const merchantEmail = `oak-linen-${run}@example.com`;
  const creatorEmail = `mia-makes-${run}@example.com`;

  async function signUp(input: Record<string, unknown>): Promise<{ token: string; creatorId?: string }> {
    const { signUp } = await api.call(
      `mutation($input: SignUpInput!) { signUp(input: $input) { token user { creator { id } } } }`,
      { input: { password: PASSWORD, ...input } },
    );
    return { token: signUp.token, creatorId: signUp.user.creator?.id };
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const { token: merchant } = await signUp({
      email: merchantEmail,
      displayName: 'Olivia Oak',
      role: 'MERCHANT',
      merchant: { shopName: 'Oak and Linen', industry: 'home' },
    });
    const { token: creator, creatorId } = await signUp({
      email: creatorEmail,
      displayName: 'Mia Makes',
      role: 'CREATOR',
      creator: {
        handle: `mia_makes_${run}`,
        bio: 'Small homes, big ideas.',
        domainTags: ['home.furniture'],
        channels: ['HEADLINES'],
        followerCount: 5000,
      },
    });
    // Paid work is for big-V creators: the platform's admin promotes her, as it would after a review.
    await api.call(
      `mutation($id: ID!) { setCreatorTier(creatorId: $id, tier: CREATOR, reason: "Reviewed her channel") { id } }`,
      { id: creatorId },
      await api.token('admin@demo.vtask'),
    );
    const taskId = await postTask(
      api,
      merchant,
      'Balcony garden makeover video',
      1,
      '800.00',
      'Show the planter set on a small balcony, before and after.',
    );
    const { placeBid } = await api.call(
      `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
      {
        input: {
          taskId,
          price: { amount: '800.00', currencyCode: 'CNY' },
          pitch: 'I film balconies every week.',
        },
      },
      creator,
    );
    const { acceptBid } = await api.call(
      `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
      { id: placeBid.id },
      merchant,
    );
    orderId = acceptBid.id;
    await api.call(
      `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status } }`,
      { id: orderId, key: `english-fund-${orderId}` },
      merchant,
    );
    const deliver = (title: string) =>
      api.call(
        `mutation($input: SubmitDeliverableInput!) { submitDeliverable(input: $input) { id } }`,
        { input: { orderId, title, body: `${title}: script, shot list and a first cut.` } },
        creator,
      );
    await deliver('Balcony garden, first cut');
    await api.call(
      `mutation($id: ID!) { requestRevision(orderId: $id, feedback: "Please show the planters closer.") { status } }`,
      { id: orderId },
      merchant,
    );
    await deliver('Balcony garden, second cut');
  });
  afterAll(() => browser?.close());

  /** A session that chose English before its first page, as the language switch saves it. */
  async function englishSession(email: string): Promise<Session> {
    const session = await newSession(browser, baseUrl);
    await session.context.addInitScript(() => localStorage.setItem('vtask.lang', 'en'));
    await session.page.goto('/login');
    await session.page.getByLabel('Email').fill(email);
    await session.page.getByLabel('Password').fill(PASSWORD);
    await session.page.getByTestId('login-submit').click();
    await session.page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return session;
  }

  /** The page's own content (the frame's language switch names 中文 in Chinese on purpose). */
  async function contentText(page: Page): Promise<string> {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    return page.locator('.console-content').innerText();
  }

  function chineseIn(text: string): string[] {
    return text.split('\n').filter((line) => CHINESE.test(line));
  }

  it('shows the merchant the order, its timeline, ledger and tags in English', async () => {
    const { context, page, pageErrors } = await englishSession(merchantEmail);
    await page.goto(`/orders/${orderId}`);
    await page.getByText('Balcony garden, second cut', { exact: true }).first().waitFor();
    await page.getByTestId('order-ledger').locator('.ledger-entry').first().waitFor();
    const text = await contentText(page);
    expect(text).toContain('Balcony garden makeover video');
    expect(chineseIn(text)).toEqual([]);
    await screenshot(page, 'en-01-order-merchant');

    await page.goto('/dashboard');
    await page.getByTestId('dashboard-orders').waitFor();
    expect(chineseIn(await contentText(page))).toEqual([]);
    await screenshot(page, 'en-02-dashboard');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("writes the merchant's notifications in English", async () => {
    const { context, page, pageErrors } = await englishSession(merchantEmail);
    await page.goto('/dashboard');
    await page.getByTestId('notification-count').click();
    const list = page.locator('.ant-dropdown:visible').last();
    await list
      .getByText(/second cut|delivered|version/i)
      .first()
      .waitFor();
    expect(chineseIn(await list.innerText())).toEqual([]);
    await screenshot(page, 'en-03-notifications');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('shows the creator the same order, the revision asked for and the wallet in English', async () => {
    const { context, page, pageErrors } = await englishSession(creatorEmail);
    await page.goto(`/orders/${orderId}`);
    await page.getByText('Please show the planters closer.').first().waitFor();
    expect(chineseIn(await contentText(page))).toEqual([]);
    await screenshot(page, 'en-04-order-creator');

    await page.goto('/bids');
    await page.getByText('Balcony garden makeover video').first().waitFor();
    expect(chineseIn(await contentText(page))).toEqual([]);

    await page.goto('/wallet');
    await page.locator('.console-content h4').first().waitFor();
    expect(chineseIn(await contentText(page))).toEqual([]);
    await screenshot(page, 'en-05-wallet');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
