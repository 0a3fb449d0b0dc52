import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerBaseUrl } from './support/base-url';
import { Api } from './support/api';
import {
  chooseOption,
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
import { completedOrders } from './support/market';

const SECOND = 1000;

/** The lineup entries' titles, top to bottom. */
async function lineupTitles(page: Page): Promise<string[]> {
  return page
    .getByTestId('lineup-entry')
    .evaluateAll((entries) =>
      entries.map((entry) => entry.querySelector('.ant-typography')?.textContent ?? ''),
    );
}

describe('an admin curates and publishes a venue lineup', () => {
  let browser: Browser;
  let admin: Session;
  let merchant: Session;
  const baseUrl = workerBaseUrl();
  const api = new Api(baseUrl);
  const venueName = `双11 家居好物会场 ${Date.now()}`;
  let venueId = '';
  let orderIds: string[] = [];
  let deadline = 0;

  skipAfterFirstFailure();

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await newSession(browser, baseUrl);
    merchant = await newSession(browser, baseUrl);
  });

  afterAll(async () => {
    expect([...admin.pageErrors, ...merchant.pageErrors]).toEqual([]);
    await browser?.close();
  });

  it('the admin creates a venue with the timeline editor (times in Asia/Shanghai)', async () => {
    const { page } = admin;
    await logIn(page, 'admin@demo.vtask');
    await page.getByRole('menuitem', { name: '会场管理' }).click();
    await page.getByRole('button', { name: '创建会场' }).click();
    await page.waitForURL('**/admin/venues/new');
    await page.getByLabel('会场名称').fill('双11 预热会场（界面创建）');
    await screenshot(page, '20-admin-venue-create');
    await page.getByTestId('create-venue').click();
    await expectToast(page, '会场已创建');
    await page.waitForURL(/\/admin\/venues\/[0-9a-f-]{36}$/);
    await page.getByText('(Asia/Shanghai)').first().waitFor();
    await page.locator('[data-status="UPCOMING"]').first().waitFor();
  });

  it('sets up: completed orders and a recruiting venue whose submission deadline is about to pass', async () => {
    orderIds = await completedOrders(api, 'merchant@demo.vtask', [
      'xiaoyu.home@demo.vtask',
      'styled.by.an@demo.vtask',
      'babysteps@demo.vtask',
    ]);
    const adminToken = await api.token('admin@demo.vtask');
    const now = Date.now();
    // Long enough for the enrollment and three submissions below on a busy machine (about 8 s in CI with
    // one scenario at a time; another scenario now shares the cores), short enough that the wait for the
    // deadline does not dominate the run (the other worker's scenario goes on meanwhile).
    deadline = now + 60 * SECOND;
    const { createVenue } = await api.call(
      `mutation($input: CreateVenueInput!) { createVenue(input: $input) { id phase } }`,
      {
        input: {
          name: venueName,
          kind: 'CREATOR',
          event: 'Double 11 2026',
          capacity: 2,
          recruitmentOpensAt: new Date(now - 3600 * SECOND).toISOString(),
          recruitmentClosesAt: new Date(deadline - 5 * SECOND).toISOString(),
          submissionDeadline: new Date(deadline).toISOString(),
          goLiveAt: new Date(now + 2 * 3600 * SECOND).toISOString(),
          endsAt: new Date(now + 3 * 3600 * SECOND).toISOString(),
        },
      },
      adminToken,
    );
    venueId = createVenue.id;
    expect(createVenue.phase).toBe('RECRUITING');
  });

  it('the merchant enrolls, the admin approves, the merchant submits content from an order page', async () => {
    await logIn(merchant.page, 'merchant@demo.vtask');
    await merchant.page.goto('/venues');
    const row = merchant.page.getByTestId('venue-row').filter({ hasText: venueName });
    await row.getByRole('button', { name: '报名会场' }).click();
    await expectToast(merchant.page, '报名已提交');

    await admin.page.goto(`/admin/venues/${venueId}`);
    await admin.page.getByRole('tab', { name: /报名审核/ }).click();
    await admin.page.getByRole('button', { name: /^通\s?过$/ }).click();
    await admin.page.locator('[data-status="APPROVED"]').first().waitFor();

    await merchant.page.goto(`/orders/${orderIds[0]}`);
    await merchant.page.getByRole('button', { name: '提交到会场' }).click();
    await dialog(merchant.page).getByLabel('目标会场').click();
    await chooseOption(merchant.page, venueName);
    await submitDialog(merchant.page);
    await expectToast(merchant.page, '已提交到会场');

    // The other two straight through the API.
    const merchantToken = await api.token('merchant@demo.vtask');
    for (const orderId of orderIds.slice(1)) {
      await api.call(
        `mutation($input: SubmitToVenueInput!) { submitToVenue(input: $input) { id } }`,
        { input: { venueId, orderId } },
        merchantToken,
      );
    }
  });

  it('after the deadline the admin accepts two submissions and rejects one with a reason', async () => {
    await new Promise((done) => setTimeout(done, Math.max(0, deadline - Date.now() + 2 * SECOND)));
    const { page } = admin;
    await page.reload();
    await page.locator('[data-status="CURATING"]').first().waitFor();
    await page.getByRole('tab', { name: /内容审核/ }).click();
    const rows = page.getByTestId('submission-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    await screenshot(page, '21-admin-venue-submissions');
    for (let accepted = 0; accepted < 2; accepted++) {
      await page.getByTestId('accept-submission').first().click();
      await page.locator('[data-status="ACCEPTED"]').nth(accepted).waitFor();
    }
    await page.getByRole('button', { name: '不入选' }).click();
    await dialog(page).getByLabel('原因').fill('画面与会场主题不符');
    await submitDialog(page);
    await page.locator('[data-status="REJECTED"]').first().waitFor();
  });

  it('orders the lineup by drag and drop up to capacity, saves and publishes it', async () => {
    const { page } = admin;
    await page.getByRole('tab', { name: /排期/ }).click();
    const add = page.getByTestId('add-to-lineup');
    await add.first().click();
    await add.first().click();
    await page.getByText('名额已满').waitFor();
    const before = await lineupTitles(page);
    expect(before).toHaveLength(2);

    // Drag the second entry above the first.
    const handles = page.getByTestId('lineup-handle');
    const from = (await handles.nth(1).boundingBox())!;
    const to = (await handles.nth(0).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 2, { steps: 10 });
    await page.mouse.up();
    const after = await lineupTitles(page);
    expect(after).toEqual([before[1], before[0]]);

    // dnd-kit swallows clicks for a moment after a drop (so the drop is not also a click): click
    // again until the save goes out, as a person would.
    const save = page.getByTestId('save-lineup');
    await expect
      .poll(
        async () => {
          const sent = page
            .waitForRequest((request) => /"operationName":"SetVenueLineup"/.test(request.postData() ?? ''), {
              timeout: 1000,
            })
            .then(
              () => true,
              () => false,
            );
          if (await save.isEnabled()) await save.click();
          return sent;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await expectToast(page, '排期已保存');
    await screenshot(page, '22-admin-venue-lineup');
    await page.getByTestId('publish-lineup').click();
    await confirmPopover(page);
    await expectToast(page, '排期已发布');
    await page.getByText('排期已冻结', { exact: false }).waitFor();
    expect(await lineupTitles(page)).toEqual(after);
    await screenshot(page, '23-admin-venue-published');
  });

  it('the admin pages render: creator tiers and disputes', async () => {
    const { page } = admin;
    await page.getByRole('menuitem', { name: '达人等级' }).click();
    await page.getByRole('button', { name: '调整等级' }).first().waitFor();
    await screenshot(page, '24-admin-creator-tiers');
    await page.getByRole('button', { name: '调整等级' }).last().click();
    await dialog(page).getByLabel('调整原因（记入审计）').fill('Browser test: verified channel data');
    await submitDialog(page);
    await expectToast(page, '等级已调整');
    await page.getByRole('menuitem', { name: '纠纷处理' }).click();
    await page.getByTestId('order-row').first().waitFor();
    await screenshot(page, '25-admin-disputes');
  });
});
