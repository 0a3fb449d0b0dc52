import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskBidsDocument } from '../../graphql/generated';
import { I18nProvider } from '../../i18n/i18n';
import { PAGE_SIZE } from '../../lib/pagination';
import { BidComparison } from './BidComparison';
import { BidsPanel } from './BidsPanel';
import type { TaskDetail } from './task-detail';

afterEach(cleanup);

const money = (amount: string) => ({ __typename: 'Money', amount, currencyCode: 'CNY' });

function bid(
  id: string,
  handle: string,
  price: string,
  reliability: { cancelledByCreator: number; lateDeliveries: number; retentionRate: number | null },
) {
  return {
    __typename: 'Bid',
    id,
    price: money(price),
    pitch: `${handle} pitches.`,
    status: 'PENDING',
    rejectReason: null,
    createdAt: '2026-11-01T08:00:00.000Z',
    order: null,
    unreadMessages: 0,
    creator: {
      __typename: 'Creator',
      id: `creator-${id}`,
      handle,
      displayName: handle,
      tier: 'EXPERT',
      isBigV: true,
      followerCount: 52_000,
      channels: ['HEADLINES'],
      domainTags: [{ __typename: 'DomainTag', slug: 'home', name: '家居' }],
      stats: {
        __typename: 'CreatorStats',
        completedOrders: 9,
        onTimeRate: 0.9,
        averageRating: 4.5,
        reliability: { __typename: 'CreatorReliability', ...reliability },
      },
    },
  };
}

const bidsMock = {
  request: { query: TaskBidsDocument, variables: { id: 'task-1', first: PAGE_SIZE } },
  result: {
    data: {
      task: {
        __typename: 'Task',
        id: 'task-1',
        bids: {
          __typename: 'BidConnection',
          totalCount: 2,
          pageInfo: { __typename: 'PageInfo', totalCountIsExact: true, endCursor: null, hasNextPage: false },
          nodes: [
            bid('bid-1', 'flaky_fan', '800.00', {
              cancelledByCreator: 2,
              lateDeliveries: 3,
              retentionRate: 0.5,
            }),
            bid('bid-2', 'new_face', '900.00', {
              cancelledByCreator: 0,
              lateDeliveries: 0,
              retentionRate: null,
            }),
          ],
        },
      },
    },
  },
  maxUsageCount: 2,
};

function renderBids() {
  const task = { id: 'task-1', budget: money('1000.00') } as unknown as TaskDetail;
  return render(
    <I18nProvider>
      <AntApp>
        <MockedProvider mocks={[bidsMock]}>
          <MemoryRouter>
            <BidComparison task={task} />
            <BidsPanel taskId="task-1" canDecide={false} />
          </MemoryRouter>
        </MockedProvider>
      </AntApp>
    </I18nProvider>,
  );
}

describe("creators' reliability where the merchant chooses among bids", () => {
  it('shows cancellations, late deliveries and the retention rate on each bid and in the comparison', async () => {
    renderBids();
    const rows = await screen.findAllByTestId('bid-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByTestId('creator-reliability').textContent).toBe(
      '达人取消 2 · 逾期交付 3 · 保留率 50%',
    );
    // No retention window has ended yet: a dash, not a 0% the creator never earned.
    expect(within(rows[1]).getByTestId('creator-reliability').textContent).toBe(
      '达人取消 0 · 逾期交付 0 · 保留率 —',
    );

    const comparison = await screen.findByTestId('bid-comparison');
    expect(within(comparison).getAllByText('履约（取消 / 逾期 / 保留率）').length).toBeGreaterThan(0);
    const cells = within(comparison)
      .getAllByTestId('compare-reliability')
      .map((cell) => cell.textContent);
    // Sorted by price, lowest first: the same order as the list here.
    expect(cells).toEqual(['2 / 3 / 50%', '0 / 0 / —']);
  });
});
