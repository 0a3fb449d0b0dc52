import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeStripe, intentOf } from '../support/fake-stripe';
import type { TestServer } from '../support/harness';
import { Api } from './support/api';
import { startApiServer, type ApiServer } from './support/api-server';
import {
  expectToast,
  launchBrowser,
  logIn,
  newSession,
  screenshot,
  skipAfterFirstFailure,
  type Session,
} from './support/browser';
import { FAKE_STRIPE_JS } from './support/fake-stripe-js';
import { awaitingFundingOrder } from './support/market';

const PUBLISHABLE_KEY = 'pk_test_vtask_console';

interface StripeCall {
  name: string;
  detail: Record<string, unknown>;
}

/**
 * With PAYMENT_PROVIDER=stripe: its own API (on a fake Stripe API) and a stand-in Stripe.js, since
 * neither api.stripe.com nor js.stripe.com can be reached here. The page's part is real: the dialog,
 * the Payment Element's mount, confirmPayment, and the order page catching up with the webhook.
 */
describe('a merchant pays an order with Stripe’s Payment Element', () => {
  let fake: FakeStripe;
  let server: ApiServer;
  let browser: Browser;
  let merchant: Session;
  let orderId = '';
  skipAfterFirstFailure();

  beforeAll(async () => {
    fake = await FakeStripe.start();
    server = await startApiServer({ env: { ...fake.env(), STRIPE_PUBLISHABLE_KEY: PUBLISHABLE_KEY } });
    orderId = await awaitingFundingOrder(
      new Api(server.url),
      'merchant@demo.vtask',
      'xiaoyu.home@demo.vtask',
    );
    browser = await launchBrowser();
    merchant = await newSession(browser, server.url);
    await merchant.context.route('https://js.stripe.com/**', (route) =>
      route.fulfill({ contentType: 'application/javascript', body: FAKE_STRIPE_JS }),
    );
  });

  afterAll(async () => {
    expect(merchant?.pageErrors ?? []).toEqual([]);
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  const stripeCalls = () =>
    merchant.page.evaluate(() => (window as unknown as { __stripeCalls: StripeCall[] }).__stripeCalls);

  it('opens the Payment Element for the order’s PaymentIntent', async () => {
    const { page } = merchant;
    await logIn(page, 'merchant@demo.vtask');
    await page.goto(`/orders/${orderId}`);
    await page.locator('[data-status="AWAITING_FUNDING"]').first().waitFor();
    await page.getByTestId('fund-order').filter({ hasText: '付款到担保账户' }).click();
    await page.getByTestId('fund-confirm').click();
    await page.getByTestId('fake-payment-element').waitFor();
    await screenshot(page, '40-stripe-payment-dialog');

    const intent = intentOf(fake, orderId);
    expect(intent.amount).toBe(50000);
    const calls = await stripeCalls();
    expect(calls.filter((call) => call.name === 'Stripe')).toEqual([
      { name: 'Stripe', detail: { publishableKey: PUBLISHABLE_KEY } },
    ]);
    expect(calls).toContainEqual({
      name: 'elements',
      detail: { clientSecret: intent.client_secret, locale: 'zh' },
    });
    expect(calls).toContainEqual({ name: 'create', detail: { type: 'payment' } });
  });

  it("shows a declined card's message and keeps the dialog open, then pays", async () => {
    const { page } = merchant;
    await page.evaluate(() => {
      (window as unknown as { __declineNext: string }).__declineNext = 'Your card was declined.';
    });
    await page.getByTestId('stripe-pay').click();
    await page.getByTestId('stripe-error').getByText('Your card was declined.').waitFor();
    await page.getByTestId('stripe-pay').click();
    await expectToast(page, '已收到付款');
    await page.getByTestId('stripe-payment-form').waitFor({ state: 'detached' });
    const confirmations = (await stripeCalls()).filter((call) => call.name === 'confirmPayment');
    expect(confirmations).toEqual(
      Array(2).fill({
        name: 'confirmPayment',
        detail: { redirect: 'if_required', returnUrl: `${server.url}/orders/${orderId}` },
      }),
    );
    // Paid at Stripe, not yet in escrow: that is the webhook's to say.
    await page.locator('[data-status="AWAITING_FUNDING"]').first().waitFor();
  });

  it('funds the escrow when Stripe’s webhook arrives, and the open order page shows it', async () => {
    const { page } = merchant;
    const intent = intentOf(fake, orderId);
    const delivered = await fake.deliver(
      { url: server.url } as TestServer,
      fake.event('payment_intent.succeeded', fake.pay(intent.id)),
    );
    expect(delivered.status).toBe(200);
    await page.locator('[data-status="IN_PROGRESS"]').first().waitFor();
    await page.getByTestId('order-timeline').getByText('付款托管').waitFor();
    await screenshot(page, '41-stripe-order-funded');
  });
});
