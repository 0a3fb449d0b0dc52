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
  type Session,
} from './support/browser';

const PHONE = 375;
/** A shopper's phone: headless Chromium's own agent names it a bot, whose clicks are (rightly) not counted. */
const PHONE_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
/** What the picker calls the beauty tag in Chinese: the demo LIVE venue holds home content and one beauty piece. */
const BEAUTY = '美妆';

interface ShowcaseEntry {
  title: string;
  link: string | null;
}

/**
 * Issue 17 "Effect you can trust", end to end in the browser: a shopper on a phone opens the demo's LIVE
 * venue showcase (no sign-in), picks an interest and sees the order change, taps an entry and lands on the
 * shop's page with the `vt_click` the shop reports sales with; the merchant's order page then counts
 * that click among its verified figures. The shop's host is outside: a route answers for it. The only
 * data this scenario adds is one click on the demo's tracking link, which no other scenario counts.
 */
describe('a shopper clicks through a venue showcase and the merchant sees the verified click', () => {
  const baseUrl = workerBaseUrl();
  const api = new Api(baseUrl);
  let browser: Browser;
  let shopper: Session;
  let merchant: Session;
  let venueId = '';
  let linked: ShowcaseEntry = { title: '', link: null };
  let orderId = '';
  let clicksBefore = 0;
  /** The shop page the link leads to, as the merchant made it. */
  let target = new URL('https://invalid.example');

  skipAfterFirstFailure();

  beforeAll(async () => {
    browser = await launchBrowser();
    shopper = await newSession(browser, baseUrl, { width: PHONE, userAgent: PHONE_AGENT });
    merchant = await newSession(browser, baseUrl);
  });

  afterAll(async () => {
    expect([...(shopper?.pageErrors ?? []), ...(merchant?.pageErrors ?? [])]).toEqual([]);
    await browser?.close();
  });

  it('finds the LIVE venue whose showcase links through /go/, and the order behind the linked entry', async () => {
    const admin = await api.token('admin@demo.vtask');
    const { venues } = await api.call(`query { venues(phase: LIVE, first: 20) { nodes { id } } }`, {}, admin);
    for (const venue of venues.nodes as { id: string }[]) {
      const { showcase } = await api.call<{ showcase: ShowcaseEntry[] }>(
        `query($id: ID!) { showcase(venueId: $id) { title link } }`,
        { id: venue.id },
      );
      const entry = showcase.find((candidate) => candidate.link?.includes('/go/'));
      if (entry && showcase.length > 1) {
        venueId = venue.id;
        linked = entry;
        break;
      }
    }
    expect(venueId).not.toBe('');

    const code = linked.link!.split('/go/')[1];
    const token = await api.token('merchant@demo.vtask');
    const { myOrders } = await api.call(
      `query { myOrders(status: COMPLETED, first: 50) {
         nodes { id performance { verified { clicks } } deliverables { trackingLinks { code targetUrl } } } } }`,
      {},
      token,
    );
    const order = (
      myOrders.nodes as {
        id: string;
        performance: { verified: { clicks: number } };
        deliverables: { trackingLinks: { code: string; targetUrl: string }[] }[];
      }[]
    ).find((candidate) =>
      candidate.deliverables.some((deliverable) =>
        deliverable.trackingLinks.some((link) => link.code === code),
      ),
    );
    expect(order).toBeDefined();
    orderId = order!.id;
    clicksBefore = order!.performance.verified.clicks;
    const link = order!.deliverables
      .flatMap((deliverable) => deliverable.trackingLinks)
      .find((l) => l.code === code);
    target = new URL(link!.targetUrl);
  });

  it('on a 375 px phone, without signing in, the shopper picks an interest and the order changes', async () => {
    const { page } = shopper;
    await page.goto(`/showcase/${venueId}`);
    const entries = page.getByTestId('showcase-entry');
    await entries.first().waitFor();
    const titleOf = (index: number) => entries.nth(index).locator('.ant-typography strong').textContent();
    const firstBefore = await titleOf(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE);

    await page.getByTestId('interest-picker').getByText(BEAUTY, { exact: true }).click();
    await expect.poll(() => titleOf(0)).not.toBe(firstBefore);
    // The new first entry says why it moved up.
    expect(await entries.first().getByTestId('reasons').textContent()).toContain(`符合你的兴趣：${BEAUTY}`);
    await screenshot(page, '60-showcase-phone');
  });

  it('taps the linked entry and lands on the shop page with the click id', async () => {
    const { page, context } = shopper;
    // The shop is outside the test's network: answer for its host the way its page would.
    await context.route(
      (url) => url.host === target.host,
      (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Shop</h1>' }),
    );
    const card = page.getByTestId('showcase-entry').filter({ hasText: linked.title });
    await card.getByTestId('showcase-go').click();
    await page.waitForURL((url) => url.host === target.host);
    const landedOn = new URL(page.url());
    expect(landedOn.pathname).toBe(target.pathname);
    expect(landedOn.searchParams.get('vt_click')).toMatch(/\S/);
    await page.getByRole('heading', { name: 'Shop' }).waitFor();
  });

  it("the merchant's order page counts that click among its verified figures", async () => {
    const { page } = merchant;
    await logIn(page, 'merchant@demo.vtask');
    await page.goto(`/orders/${orderId}`);
    const verifiedClicks = page
      .getByTestId('verified-vs-reported')
      .locator('tr[data-figure="clicks"] td')
      .nth(1);
    const shown = async () => {
      // The order page is heavy and CI's two cores are shared: wait for the table as long as a person would.
      await verifiedClicks.waitFor({ timeout: 60_000 });
      return Number((await verifiedClicks.textContent())?.replace(/\D/g, ''));
    };
    // Clicks are written in batches off the shopper's path (about a second): reload until it is there.
    await expect
      .poll(
        async () => {
          const clicks = await shown();
          if (clicks !== clicksBefore + 1) await page.reload();
          return clicks;
        },
        { timeout: 90_000, interval: 1000 },
      )
      .toBe(clicksBefore + 1);
    await screenshot(page, '61-order-verified-click');
  });
});
