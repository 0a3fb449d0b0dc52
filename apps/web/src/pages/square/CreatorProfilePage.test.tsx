import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { CreatorProfileDocument, MyOpenTasksDocument, MyShortlistsDocument } from '../../graphql/generated';
import { I18nProvider } from '../../i18n/i18n';
import { CreatorProfilePage } from './CreatorProfilePage';

afterEach(cleanup);

const money = (amount: string) => ({ __typename: 'Money', amount, currencyCode: 'CNY' });

function profile(retentionRate: number | null) {
  return {
    __typename: 'Creator',
    id: 'creator-1',
    handle: 'oak_home',
    displayName: '林小木',
    tier: 'EXPERT',
    isBigV: true,
    followerCount: 32_000,
    channels: ['LIVE'],
    domainTags: [{ __typename: 'DomainTag', slug: 'home.furniture', name: '家具' }],
    priceRange: {
      __typename: 'PriceRange',
      typical: money('800.00'),
      low: money('600.00'),
      high: money('1200.00'),
    },
    stats: {
      __typename: 'CreatorStats',
      completedOrders: 12,
      averageRating: 4.75,
      onTimeRate: 0.92,
      reliability: {
        __typename: 'CreatorReliability',
        cancelledByCreator: 1,
        lateDeliveries: 2,
        retentionRate,
      },
    },
    bio: '小户型收纳。',
    agency: null,
    inMyShortlists: [],
    offers: { __typename: 'OfferConnection', nodes: [] },
    portfolio: { __typename: 'PortfolioConnection', totalCount: 0, nodes: [] },
    reviews: { __typename: 'CreatorReviewConnection', totalCount: 0, nodes: [] },
  };
}

function renderProfile(retentionRate: number | null) {
  const mocks = [
    {
      request: { query: CreatorProfileDocument, variables: { id: 'creator-1' } },
      result: { data: { creator: profile(retentionRate) } },
    },
    {
      request: { query: MyOpenTasksDocument },
      result: {
        data: {
          me: {
            __typename: 'User',
            id: 'user-1',
            merchant: {
              __typename: 'Merchant',
              id: 'merchant-1',
              tasks: { __typename: 'TaskConnection', nodes: [] },
            },
          },
        },
      },
    },
    { request: { query: MyShortlistsDocument }, result: { data: { myShortlists: [] } } },
  ];
  return render(
    <I18nProvider>
      <AntApp>
        <MockedProvider mocks={mocks}>
          <MemoryRouter initialEntries={['/creators/creator-1']}>
            <Routes>
              <Route path="/creators/:id" element={<CreatorProfilePage />} />
            </Routes>
          </MemoryRouter>
        </MockedProvider>
      </AntApp>
    </I18nProvider>,
  );
}

/** The value beside a label in the profile's overview. */
function fact(label: string): HTMLElement {
  const item = screen
    .getByText(label, { selector: '.ant-descriptions-item-label' })
    .closest('.ant-descriptions-item');
  if (!item) throw new Error(`no fact labelled ${label}`);
  return item.querySelector('.ant-descriptions-item-content') as HTMLElement;
}

describe("the creator's profile for merchants", () => {
  it('states the reliability record: cancellations, late deliveries and content kept up', async () => {
    renderProfile(0.875);
    await screen.findByText('小户型收纳。');
    expect(within(fact('履约记录')).getByTestId('creator-reliability').textContent).toBe(
      '达人取消 1 · 逾期交付 2 · 保留率 88%',
    );
  });

  it('shows a dash for the retention rate before any retention window has ended', async () => {
    renderProfile(null);
    await screen.findByText('小户型收纳。');
    expect(within(fact('履约记录')).getByTestId('creator-reliability').textContent).toBe(
      '达人取消 1 · 逾期交付 2 · 保留率 —',
    );
  });
});
