import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerBaseUrl } from './support/base-url';
import { launchBrowser, logIn, newSession } from './support/browser';

const PHONE = 375;

/** The page's width once it has loaded its data: wider than the screen means it scrolls sideways. */
async function pageWidth(page: Page, path: string): Promise<number> {
  await page.goto(path);
  await page.locator('.console-content h4').first().waitFor();
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** The first link in the list on `listPath` to a detail page (`/orders/…`), for pages only data leads to. */
async function firstDetail(page: Page, listPath: string, prefix: string): Promise<string> {
  await page.goto(listPath);
  const link = page.locator(`.console-content a[href^="${prefix}"]`).first();
  await link.waitFor();
  return (await link.getAttribute('href'))!;
}

/** Issue 18 "At 375 px": no page of any console wider than a phone's screen. */
describe('every page at 375 px', () => {
  const baseUrl = workerBaseUrl();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  const roles: [string, string[], [string, string][]][] = [
    [
      'merchant@demo.vtask',
      ['/dashboard', '/tasks/new', '/orders', '/offers', '/venues', '/matchmaking', '/wallet', '/profile'],
      [
        ['/orders', '/orders/'],
        ['/dashboard', '/tasks/'],
        ['/matchmaking', '/matchmaking/'],
      ],
    ],
    [
      'xiaoyu.home@demo.vtask',
      [
        '/feed',
        '/bids',
        '/invitations',
        '/orders',
        '/my-offers',
        '/venues',
        '/matchmaking',
        '/wallet',
        '/profile',
      ],
      [
        ['/orders', '/orders/'],
        ['/feed', '/tasks/'],
        ['/matchmaking', '/matchmaking/'],
      ],
    ],
    [
      'admin@demo.vtask',
      [
        '/admin/dashboard',
        '/admin/creators',
        '/admin/venues',
        '/admin/venues/new',
        '/admin/disputes',
        '/admin/matchmaking',
        '/orders',
      ],
      [
        ['/admin/venues', '/admin/venues/'],
        ['/admin/matchmaking', '/admin/matchmaking/'],
      ],
    ],
  ];

  for (const [email, paths, details] of roles) {
    it(`${email.split('@')[0]}: no page scrolls sideways`, async () => {
      const { context, page, pageErrors } = await newSession(browser, baseUrl, { width: PHONE });
      await logIn(page, email);
      const all = [...paths];
      for (const [list, prefix] of details) {
        const detail = await firstDetail(page, list, prefix);
        if (!detail.endsWith('/new')) all.push(detail);
      }
      const widths: Record<string, number> = {};
      for (const path of all) widths[path] = await pageWidth(page, path);
      expect(Object.entries(widths).filter(([, width]) => width > PHONE)).toEqual([]);
      expect(Object.keys(widths)).toHaveLength(all.length);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }

  it("shows the order ledger's amounts on the screen, as stacked rows", async () => {
    const { context, page } = await newSession(browser, baseUrl, { width: PHONE });
    await logIn(page, 'merchant@demo.vtask');
    await page.goto('/orders');
    // A completed order: its ledger has the charge, the escrow's release and the payout.
    await page.getByTestId('order-row').filter({ hasText: '已完成' }).locator('a').first().click();
    const amounts = page.getByTestId('order-ledger').locator('.ledger-amount');
    await amounts.first().waitFor();
    for (const box of await amounts.evaluateAll((nodes) =>
      nodes.map((node) => node.getBoundingClientRect().right),
    )) {
      expect(box).toBeLessThanOrEqual(PHONE);
    }
    await context.close();
  });
});
