import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterEach, beforeEach, expect } from 'vitest';

export const SCREENSHOTS = join(__dirname, '../screenshots');
export const DEMO_PASSWORD = 'vtask-demo-2026';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags that keep it quiet and sandbox-free in CI. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page: a scenario fails when there are any. */
  pageErrors: string[];
}

/**
 * A fresh browser profile (its own log-in) at a desktop size, or a phone's 375 px; `userAgent` stands in
 * for a real phone's where the server tells people from bots (headless Chromium says it is headless).
 */
export async function newSession(
  browser: Browser,
  baseUrl: string,
  options: { width?: number; userAgent?: string } = {},
): Promise<Session> {
  const width = options.width ?? 1366;
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width, height: width < 500 ? 812 : 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, pageErrors };
}

/** Logs in through the form, as a person would, and waits for the role's home page. */
export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Saves a full-page screenshot, after checking that no part of the page failed to load. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const failures = await page.locator('.ant-alert-error').allTextContents();
  if (failures.length) throw new Error(`${name}: the page shows an error: ${failures.join(' | ')}`);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The success toast antd shows after an action, by its text. An error toast instead (the API refused,
 * the network failed) fails at once with what it says, rather than after the timeout with nothing.
 */
export async function expectToast(page: Page, text: string | RegExp): Promise<void> {
  const wanted = page.locator('.ant-message-notice').filter({ hasText: text }).first();
  // Error toasts already showing belong to an earlier step (a refusal the test asked for).
  await page.evaluate(() =>
    document
      .querySelectorAll('.ant-message-notice')
      .forEach((notice) => notice.setAttribute('data-seen', '')),
  );
  const refusal = page.locator('.ant-message-notice:not([data-seen]) .ant-message-error').first();
  // No error toast by the timeout: this side never settles, and the wanted toast's wait decides.
  const refused = refusal.waitFor().then(
    async () => `expected the toast "${String(text)}", the page said: ${await refusal.textContent()}`,
    () => new Promise<never>(() => undefined),
  );
  // The toast follows a mutation's answer, which on CI's two shared cores can take longer than a click.
  const shown = wanted.waitFor({ timeout: 40_000 }).then(
    () => null,
    async () => `no toast "${String(text)}" within 40 s; ${await whatThePageShows(page)}`,
  );
  const outcome = await Promise.race([shown, refused]);
  if (outcome) throw new Error(outcome);
}

/** For a failed wait: the open dialogs' titles and the toasts on screen, so the failure says where it stood. */
async function whatThePageShows(page: Page): Promise<string> {
  const dialogs = await page.locator('.ant-modal:visible .ant-modal-title').allTextContents();
  const notices = await page.locator('.ant-message-notice').allTextContents();
  return `open dialogs: [${dialogs.join(' | ')}], toasts: [${notices.join(' | ')}], at ${page.url()}`;
}

/** Confirms the open Popconfirm (its primary button). */
export async function confirmPopover(page: Page): Promise<void> {
  await page.locator('.ant-popconfirm .ant-btn-primary, .ant-popover .ant-btn-primary').last().click();
}

/** The open dialog: fill it, then press its OK button. */
export function dialog(page: Page) {
  return page.locator('.ant-modal:visible').last();
}

/**
 * Waits for a dialog to finish zooming in: on a loaded machine a click during the animation can land
 * beside the moving button, and the dialog simply stays open (a confirm ignores its mask too).
 */
export async function finishedOpening(modal: Locator): Promise<void> {
  await modal.waitFor({ timeout: 5000 });
  await expect.poll(async () => (await modal.getAttribute('class')) ?? '').not.toMatch(/ant-zoom/);
}

/**
 * Picks an option of the open Select's dropdown once it has slid in, then waits for it to close: on a
 * loaded machine a click during the slide can miss, and the dropdown then stays over the dialog's
 * buttons (the OK press lands on an option instead).
 */
export async function chooseOption(page: Page, text: string | RegExp): Promise<void> {
  const dropdown = page.locator('.ant-select-dropdown:visible').last();
  await dropdown.waitFor({ timeout: 5000 });
  await expect.poll(async () => (await dropdown.getAttribute('class')) ?? '').not.toMatch(/ant-slide-up/);
  await dropdown.locator('.ant-select-item-option').filter({ hasText: text }).click();
  await page.locator('.ant-select-dropdown:visible').last().waitFor({ state: 'detached' });
}

export async function submitDialog(page: Page): Promise<void> {
  const open = dialog(page);
  await finishedOpening(open);
  await open.locator('.ant-modal-footer .ant-btn-primary').click();
}

/**
 * Resolves once the page has subscribed to `operation` (a subscription's name) over graphql-ws: events
 * raised before that reach it through the query, not live. Call before the page loads the console.
 */
export function subscribedTo(page: Page, operation: string): Promise<void> {
  return new Promise((resolve) => {
    page.on('websocket', (socket) => {
      socket.on('framesent', (frame) => {
        const payload = String(frame.payload);
        if (payload.includes('"type":"subscribe"') && payload.includes(operation)) resolve();
      });
    });
  });
}

/** The page has subscribed to its notifications (see subscribedTo). */
export function subscribedToNotifications(page: Page): Promise<void> {
  return subscribedTo(page, 'NotificationAdded');
}

/**
 * A scenario's steps build on one another: after a failed step the rest are skipped rather than fail
 * again for the same reason. Call once in the scenario's describe.
 */
export function skipAfterFirstFailure(): void {
  let failed = false;
  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed = true;
  });
  beforeEach((context) => {
    if (failed) context.skip();
  });
}
