import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerBaseUrl } from './support/base-url';
import { launchBrowser, logIn, newSession } from './support/browser';

/** Issue 18: a fast first load, a favicon and a title per role and page. */
describe('the first load', () => {
  const baseUrl = workerBaseUrl();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('serves the favicon the page names, and no request of a load fails', async () => {
    const { context, page, pageErrors } = await newSession(browser, baseUrl);
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto('/login');
    await page.getByTestId('login-submit').waitFor();
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBeTruthy();
    const favicon = await page.request.get(new URL(icon!, baseUrl).toString());
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()['content-type']).toMatch(/^image\//);
    expect(failed).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('sends its scripts compressed, hashed ones cached for a year, the page itself never cached', async () => {
    const { context, page } = await newSession(browser, baseUrl);
    const scripts: Response[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response);
    });
    const document = await page.goto('/login');
    await page.getByTestId('login-submit').waitFor();
    expect(document!.headers()['cache-control']).toBe('no-cache');
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const headers = await script.allHeaders();
      // Under 1 KB a file is sent as it is (the build and the API compress nothing smaller).
      if ((await script.body()).length < 1024) continue;
      expect({ url: script.url(), encoding: headers['content-encoding'] }).toEqual({
        url: script.url(),
        encoding: 'br',
      });
      expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    await context.close();
  });

  it("loads a page's own code only: no charts, Stripe or English on the log-in page", async () => {
    const { context, page } = await newSession(browser, baseUrl);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto('/login');
    await page.getByTestId('login-submit').waitFor();
    await page.waitForLoadState('networkidle');
    expect(
      scripts.filter((path) => /(BarChart|TrendChart|Stripe|locale-en|Dashboard|OrderPage)/.test(path)),
    ).toEqual([]);
    await context.close();
  });

  it('asks who the user is (Me) beside the page’s own data on a reload, not before it', async () => {
    const { context, page } = await newSession(browser, baseUrl);
    await logIn(page, 'merchant@demo.vtask');
    await page.getByTestId('dashboard-tasks').waitFor();
    const sent: { name: string; at: number }[] = [];
    let meAnsweredAt = Infinity;
    page.on('request', (request) => {
      const name = /"operationName":"(\w+)"/.exec(request.postData() ?? '')?.[1];
      if (name) sent.push({ name, at: Date.now() });
    });
    // Me answers late (a slow sign-in check): the page must not wait for it to ask for its own data.
    await page.route('**/graphql', async (route) => {
      if ((route.request().postData() ?? '').includes('"operationName":"Me"')) {
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        meAnsweredAt = Date.now();
      }
      await route.continue();
    });
    await page.reload();
    await page.getByTestId('task-row').first().waitFor();
    const tasks = sent.find((request) => request.name === 'Tasks');
    expect(sent.map((request) => request.name)).toContain('Me');
    expect(tasks).toBeDefined();
    expect(tasks!.at).toBeLessThanOrEqual(meAnsweredAt);
    await context.close();
  });

  it('names the tab by role and page, in both languages', async () => {
    const expectations: [string, string, string][] = [
      ['merchant@demo.vtask', '/orders', '订单管理 · 商家工作台 · V任务'],
      ['xiaoyu.home@demo.vtask', '/feed', '任务广场 · 达人工作台 · V任务'],
      ['admin@demo.vtask', '/admin/creators', '达人等级 · 管理后台 · V任务'],
      ['agency@demo.vtask', '/agency', '我的达人 · 机构工作台 · V任务'],
    ];
    for (const [email, path, title] of expectations) {
      const { context, page } = await newSession(browser, baseUrl);
      await logIn(page, email);
      await page.goto(path);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe(title);
      if (email.startsWith('merchant')) {
        await page.getByTestId('lang-switch').getByText('EN').click();
        await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('Orders · Merchant console · V-Task');
        const firstOrder = page.getByTestId('order-row').first().locator('a').first();
        await firstOrder.click();
        await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('Order · Merchant console · V-Task');
      }
      await context.close();
    }
    const { context, page } = await newSession(browser, baseUrl);
    await page.goto('/login');
    await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('登录 · V任务');
    await context.close();
  });
});
