import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerBaseUrl } from './support/base-url';
import { Api } from './support/api';
import {
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

const DAY = 24 * 3600_000;

/** Issue 16's 找达人: filter the square, open a profile, shortlist three creators, invite them all. */
describe('creator square', () => {
  let browser: Browser;
  let merchant: Session;
  const baseUrl = workerBaseUrl();
  const api = new Api(baseUrl);
  const taskTitle = `找达人邀请任务 ${Date.now()}`;
  const listName = `清单 ${Date.now() % 100000}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    merchant = await newSession(browser, baseUrl);
    const token = await api.token('merchant@demo.vtask');
    await api.call(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      {
        input: {
          title: taskTitle,
          brief: '拍一条家居好物短视频。',
          contentType: 'VIDEO',
          channels: ['HEADLINES'],
          domainTags: ['home'],
          budget: { amount: '800.00', currencyCode: 'CNY' },
          slots: 5,
          applyBy: new Date(Date.now() + 3 * DAY).toISOString(),
          deliverBy: new Date(Date.now() + 10 * DAY).toISOString(),
          publish: true,
        },
      },
      token,
    );
  });

  skipAfterFirstFailure();

  afterAll(async () => {
    expect(merchant.pageErrors).toEqual([]);
    await browser?.close();
  });

  async function shortlistFromProfile(handle: string, createList: boolean) {
    const { page } = merchant;
    await page.goto('/creators');
    await page.getByTestId('square-filters').getByRole('combobox').nth(1).waitFor();
    await page.getByPlaceholder('搜索达人账号、昵称或简介').fill(handle);
    await page.getByPlaceholder('搜索达人账号、昵称或简介').press('Enter');
    await page
      .getByTestId('creator-card')
      .filter({ hasText: `@${handle}` })
      .click();
    await page.waitForURL(/\/creators\/[0-9a-f-]{36}$/);
    await page.getByTestId('add-to-shortlist').click();
    if (createList) {
      await dialog(page).getByPlaceholder('清单名称').fill(listName);
    } else {
      await dialog(page).getByRole('combobox').click();
      await page.locator('.ant-select-item-option').filter({ hasText: listName }).click();
    }
    await submitDialog(page);
    await expectToast(page, '已加入清单');
  }

  it('filters the square by "has offers" and opens a profile with its portfolio and reviews', async () => {
    const { page } = merchant;
    await logIn(page, 'merchant@demo.vtask');
    await page.getByRole('menuitem', { name: '找达人' }).click();
    await page.getByTestId('creator-card').first().waitFor();
    await page.getByText('有在售服务').click();
    await expect
      .poll(() => page.getByTestId('creator-card').filter({ hasText: '@xiaoyu_home' }).count())
      .toBe(1);
    await expect.poll(() => page.getByTestId('creator-card').filter({ hasText: '@glowlab' }).count()).toBe(0);
    await screenshot(page, 'creator-square');
    await page.getByTestId('creator-card').filter({ hasText: '@xiaoyu_home' }).click();
    await page.getByTestId('portfolio').getByText('阳台小花园').waitFor();
    await page.getByText('需求清楚').or(page.getByText('拍得很美，准时交付。')).first().waitFor();
    await screenshot(page, 'creator-profile');
  });

  it('shortlists three creators from their profiles, one of them ORDINARY', async () => {
    await shortlistFromProfile('xiaoyu_home', true);
    await shortlistFromProfile('glowlab', false);
    // An ORDINARY creator is only listed when the merchant asks for every tier.
    const { page } = merchant;
    await page.goto('/creators');
    await page.getByTestId('square-filters').getByRole('combobox').nth(1).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '普通达人' }).click();
    await page.getByPlaceholder('搜索达人账号、昵称或简介').fill('snack_scout');
    await page.getByPlaceholder('搜索达人账号、昵称或简介').press('Enter');
    await page.getByTestId('creator-card').filter({ hasText: '@snack_scout' }).click();
    await page.getByTestId('add-to-shortlist').click();
    await dialog(page).getByRole('combobox').click();
    await page.locator('.ant-select-item-option').filter({ hasText: listName }).click();
    await submitDialog(page);
    await expectToast(page, '已加入清单');
  });

  it('invites the whole list and sees who was skipped and why', async () => {
    const { page } = merchant;
    await page.getByRole('menuitem', { name: '达人清单' }).click();
    await page.getByTestId('shortlist-item').filter({ hasText: listName }).click();
    await page.getByText('3 位达人').first().waitFor();
    await page.getByTestId('invite-shortlist').click();
    await dialog(page).getByRole('combobox').click();
    await page.locator('.ant-select-item-option').filter({ hasText: taskTitle }).click();
    await submitDialog(page);
    const report = page.getByTestId('bulk-invitation-report');
    await report.getByText('已邀请 2 位达人').waitFor();
    await report.getByText('1 位达人未邀请').waitFor();
    const skipped = page.getByTestId('skipped-invitation');
    await expect.poll(() => skipped.count()).toBe(1);
    expect(await skipped.textContent()).toContain('@snack_scout');
    expect(await skipped.textContent()).toContain('TIER_TOO_LOW');
    expect(await skipped.textContent()).toContain('只有大V达人');
    await screenshot(page, 'shortlist-bulk-invite');
  });
});
