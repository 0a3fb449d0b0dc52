import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerBaseUrl } from './support/base-url';
import { Api } from './support/api';
import {
  launchBrowser,
  logIn,
  newSession,
  screenshot,
  skipAfterFirstFailure,
  subscribedToNotifications,
  type Session,
} from './support/browser';

const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;

/** 定向匹配会: a merchant and a creator both accept their pairing; the merchant sees the order appear live. */
describe('a matchmaking pairing becomes an order', () => {
  let browser: Browser;
  let merchant: Session;
  let creator: Session;
  const baseUrl = workerBaseUrl();
  const api = new Api(baseUrl);
  const sessionName = `家居 Home 匹配会 ${Date.now()}`;
  let sessionId = '';

  skipAfterFirstFailure();

  beforeAll(async () => {
    browser = await launchBrowser();
    merchant = await newSession(browser, baseUrl);
    creator = await newSession(browser, baseUrl);
  });

  afterAll(async () => {
    expect([...merchant.pageErrors, ...creator.pageErrors]).toEqual([]);
    await browser?.close();
  });

  it('sets up: a session in sign-up, joined by the home merchant with a task and by a home creator', async () => {
    const [admin, merchantToken, creatorToken] = await Promise.all([
      api.token('admin@demo.vtask'),
      api.token('merchant@demo.vtask'),
      api.token('cozy.corner@demo.vtask'),
    ]);
    const { createMatchmakingSession } = await api.call(
      `mutation($input: CreateMatchmakingSessionInput!) { createMatchmakingSession(input: $input) { id } }`,
      {
        input: {
          name: sessionName,
          industry: 'home',
          signupOpensAt: new Date(Date.now() - SECOND).toISOString(),
          matchingStartsAt: new Date(Date.now() + 10 * SECOND).toISOString(),
          endsAt: new Date(Date.now() + DAY).toISOString(),
          pairingsPerTask: 1,
        },
      },
      admin,
    );
    sessionId = createMatchmakingSession.id;
    const { postTask } = await api.call(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      {
        input: {
          title: '匹配会：布艺沙发角落改造',
          brief: '用我们的布艺沙发改造一个客厅角落，拍出前后对比。',
          contentType: 'VIDEO',
          channels: ['HEADLINES'],
          domainTags: ['home.decor'],
          budget: { amount: '900.00', currencyCode: 'CNY' },
          slots: 1,
          applyBy: new Date(Date.now() + DAY).toISOString(),
          deliverBy: new Date(Date.now() + 5 * DAY).toISOString(),
          publish: true,
        },
      },
      merchantToken,
    );
    const join = `mutation($id: ID!, $taskId: ID) { joinMatchmakingSession(sessionId: $id, taskId: $taskId) { id } }`;
    await api.call(join, { id: sessionId, taskId: postTask.id }, merchantToken);
    await api.call(join, { id: sessionId }, creatorToken);
    // The proposal timer at matchingStartsAt pairs them.
    await expect
      .poll(
        async () =>
          (
            await api.call(
              `query($id: ID!) { matchmakingSession(id: $id) { myPairings { id } } }`,
              { id: sessionId },
              merchantToken,
            )
          ).matchmakingSession.myPairings.length,
        { timeout: 40 * SECOND, interval: 500 },
      )
      .toBe(1);
  });

  it('the merchant accepts its pairing and waits for the creator', async () => {
    const { page } = merchant;
    const subscribed = subscribedToNotifications(page);
    await logIn(page, 'merchant@demo.vtask');
    await subscribed;
    await page.getByRole('menuitem', { name: '定向匹配会' }).click();
    await page.getByRole('link', { name: sessionName }).click();
    await page.waitForURL(`**/matchmaking/${sessionId}`);
    const pairing = page.getByTestId('my-pairings').getByTestId('pairing');
    await expect.poll(() => pairing.getByTestId('pairing-reasons').textContent()).not.toBe('');
    await pairing.getByTestId('accept-pairing').click();
    await pairing.getByText('你已接受，等待对方回复').waitFor();
    await screenshot(page, '60-merchant-pairing-waiting');
  });

  it("the creator accepts, and the order appears on the merchant's page without a reload", async () => {
    const { page } = creator;
    await logIn(page, 'cozy.corner@demo.vtask');
    await page.goto('/matchmaking');
    await page.getByRole('link', { name: sessionName }).click();
    const pairing = page.getByTestId('my-pairings').getByTestId('pairing');
    await pairing.getByText('棉麻与橡木家居旗舰店').waitFor();
    await pairing.getByTestId('accept-pairing').click();
    await page.locator('[data-testid="pairing"][data-status="MATCHED"]').waitFor();
    await screenshot(page, '61-creator-pairing-matched');

    const merchantPairing = merchant.page.locator('[data-testid="pairing"][data-status="MATCHED"]');
    await merchantPairing.getByTestId('pairing-order').waitFor();
    await screenshot(merchant.page, '62-merchant-pairing-order-live');
    await merchantPairing.getByTestId('pairing-order').click();
    await merchant.page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  });
});
