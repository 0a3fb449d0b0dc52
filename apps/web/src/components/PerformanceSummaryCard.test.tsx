import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CreatorPerformanceDocument,
  PlatformPerformanceDocument,
  type PerformanceFieldsFragment,
} from '../graphql/generated';
import { I18nProvider } from '../i18n/i18n';
import { PlatformDashboardPage } from '../pages/admin/PlatformDashboardPage';
import { CreatorEffectCard } from '../pages/profile/CreatorEffectCard';
import { PerformanceSummaryCard } from './PerformanceSummaryCard';

afterEach(cleanup);

const cny = (amount: string) => ({ __typename: 'Money' as const, amount, currencyCode: 'CNY' as const });

/** Reported: 5,000 views, 400 clicks, 40 orders, ¥4,000; counted: 3 clicks by 2 visitors, 1 sale of ¥250. */
function performance(overrides: Partial<PerformanceFieldsFragment> = {}): PerformanceFieldsFragment {
  return {
    __typename: 'ContentPerformance',
    views: 5000,
    clicks: 400,
    favorites: 0,
    addToCarts: 0,
    orders: 40,
    gmv: cny('4000.00'),
    spend: cny('100.00'),
    clickThroughRate: 0.08,
    conversionRate: 0.1,
    returnOnSpend: 40,
    verified: {
      __typename: 'VerifiedFigures',
      clicks: 3,
      uniqueVisitors: 2,
      orders: 1,
      gmv: cny('250.00'),
      conversionRate: 1 / 3,
      returnOnSpend: 2.5,
    },
    ...overrides,
  } as PerformanceFieldsFragment;
}

function wrap(node: React.ReactNode, mocks: MockedProviderProps['mocks'] = []) {
  return render(
    <I18nProvider>
      <App>
        <MockedProvider mocks={mocks}>{node}</MockedProvider>
      </App>
    </I18nProvider>,
  );
}

/** The verified and reported cells of one figure's row. */
function row(table: HTMLElement, figure: string): [string, string] {
  const cells = table.querySelectorAll(`tr[data-figure="${figure}"] td`);
  return [cells[1].textContent ?? '', cells[2].textContent ?? ''];
}

describe('PerformanceSummaryCard: verified beside reported', () => {
  it('puts each counted figure beside the reported one and marks the reported column as such', () => {
    wrap(<PerformanceSummaryCard title="店铺内容效果" performance={performance()} />);
    const table = screen.getByTestId('verified-vs-reported');
    expect(within(table).getByText('平台实测')).toBeTruthy();
    expect(within(table).getByText('达人填报 *')).toBeTruthy();
    expect(row(table, 'clicks')).toEqual(['3', '400']);
    expect(row(table, 'visitors')).toEqual(['2', '—']);
    expect(row(table, 'orders')).toEqual(['1', '40']);
    expect(row(table, 'gmv')[0]).toContain('250.00');
    expect(row(table, 'gmv')[1]).toContain('4,000.00');
    expect(row(table, 'cvr')).toEqual(['33.3%', '10.0%']);
    expect(row(table, 'roi')).toEqual(['2.50', '40.00']);
    // What only one side has: reported views, and the price paid.
    const extra = screen.getByTestId('performance-extra');
    expect(within(extra).getByText('浏览（填报）')).toBeTruthy();
    expect(extra.textContent).toContain('5,000');
    expect(extra.textContent).toContain('100.00');
    expect(screen.getByText(/被付费方自行录入/)).toBeTruthy();
  });

  it('says what to expect while nothing was counted or reported', () => {
    const none = performance({
      views: 0,
      clicks: 0,
      orders: 0,
      verified: { ...performance().verified, clicks: 0, uniqueVisitors: 0, orders: 0 },
    });
    wrap(<PerformanceSummaryCard title="任务内容效果" performance={none} />);
    expect(screen.queryByTestId('verified-vs-reported')).toBeNull();
    expect(screen.getByText(/达人发布内容并记录数据后/)).toBeTruthy();
  });
});

describe("the creator's profile and the admin's platform dashboard", () => {
  it("shows the creator their content's verified figures", async () => {
    wrap(<CreatorEffectCard />, [
      {
        request: { query: CreatorPerformanceDocument },
        result: {
          data: {
            me: {
              __typename: 'User',
              id: 'user-1',
              creator: { __typename: 'Creator', id: 'creator-1', performance: performance() },
            },
          },
        },
      },
    ]);
    const card = await screen.findByTestId('creator-effect');
    expect(within(card).getByText('我的内容效果')).toBeTruthy();
    expect(row(within(card).getByTestId('verified-vs-reported'), 'clicks')).toEqual(['3', '400']);
  });

  it('shows admins the platform, counted beside reported', async () => {
    wrap(<PlatformDashboardPage />, [
      {
        request: { query: PlatformPerformanceDocument },
        result: { data: { platformPerformance: performance() } },
      },
    ]);
    const card = await screen.findByTestId('platform-effect');
    expect(screen.getByText('平台看板')).toBeTruthy();
    expect(within(card).getByText('全平台内容效果')).toBeTruthy();
    expect(row(within(card).getByTestId('verified-vs-reported'), 'orders')).toEqual(['1', '40']);
  });
});
