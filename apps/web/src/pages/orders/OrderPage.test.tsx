import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../../apollo';
import { SessionProvider } from '../../auth/auth';
import {
  MessageAddedDocument,
  OrderDocument,
  OrderLedgerDocument,
  OrderMessagesDocument,
  OrderPerformanceDocument,
  OrderTrackingDocument,
  OrderUpdatedDocument,
  VenuesDocument,
  type OrderStatus,
} from '../../graphql/generated';
import { I18nProvider } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time';
import { MERCHANT_VIEWER, meMock, money, pending, SessionGate } from '../../test-support';
import { OrderPage } from './OrderPage';

afterEach(cleanup);
beforeEach(() => tokenStore.set('token'));
afterEach(() => tokenStore.clear());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Half an hour past whole days: the countdown reads whole days however long the render takes. */
const inDays = (days: number) => new Date(Date.now() + days * DAY + HOUR / 2).toISOString();

const SUMMARY = '可在淘宝头条、直播二次使用 90 天；不可投流；同行业独家 14 天。';

/** The order as the page's query answers it, for the demo merchant; `changes` set what a test is about. */
function order(status: OrderStatus, changes: Record<string, unknown> = {}) {
  return {
    __typename: 'Order',
    id: 'order-1',
    source: 'BID',
    status,
    contentType: 'VIDEO',
    createdAt: inDays(-10),
    deliverBy: inDays(8),
    fundingDeadline: null,
    reviewDeadline: null,
    revisionDueBy: null,
    disputeDecideBy: null,
    price: money('1000.00'),
    task: { __typename: 'Task', id: 'task-1', title: '新款香薰机种草视频' },
    offer: null,
    merchant: { __typename: 'Merchant', id: MERCHANT_VIEWER.merchant.id, shopName: '居家好物旗舰店' },
    creator: {
      __typename: 'Creator',
      id: 'creator-1',
      handle: 'xiaoyu_home',
      displayName: '小鱼',
      tier: 'EXPERT',
    },
    brief: '60 秒竖屏视频，展示香薰机的静音与定时。',
    usageRights: {
      __typename: 'UsageRights',
      reuseDays: 90,
      channels: ['HEADLINES', 'LIVE'],
      paidAds: false,
      exclusivityDays: 14,
      summary: SUMMARY,
    },
    retentionDays: 30,
    publication: {
      __typename: 'Publication',
      status: 'UNPUBLISHED',
      url: null,
      publishedAt: null,
      retainUntil: null,
      restoreBy: null,
      holdback: money('100.00'),
    },
    cancellationTerms: [
      { __typename: 'CancellationStage', untilElapsedBps: 5000, creatorShareBps: 1000 },
      { __typename: 'CancellationStage', untilElapsedBps: 10000, creatorShareBps: 3000 },
    ],
    cancellationFeeNow: money('300.00'),
    cancellationProposals: [],
    maxRevisions: 2,
    revisionsUsed: 1,
    platformFee: money('100.00'),
    agencyShare: money('0.00'),
    creatorPayout: money('900.00'),
    escrow: {
      __typename: 'Escrow',
      status: 'HELD',
      paymentReference: 'sandbox-1',
      held: money('1000.00'),
      released: money('0.00'),
      refunded: money('0.00'),
    },
    deliverables: [
      {
        __typename: 'Deliverable',
        id: 'deliverable-1',
        version: 1,
        title: '香薰机 60 秒',
        body: '初稿',
        mediaUrls: [],
        publishedUrl: null,
        status: 'CHANGES_REQUESTED',
        feedback: '开头再短一些',
        submittedAt: inDays(-3),
      },
    ],
    events: [{ __typename: 'OrderEvent', type: 'FUNDED', at: inDays(-9), note: null, actor: null }],
    reviewOfCreator: null,
    reviewOfMerchant: null,
    ...changes,
  };
}

function renderPage(value: ReturnType<typeof order>) {
  return render(
    <I18nProvider>
      <AntApp>
        <MockedProvider
          mocks={[
            meMock(),
            {
              request: { query: OrderDocument, variables: { id: 'order-1' } },
              result: { data: { order: value } },
            },
            // The order's other cards (conversation, tracking, performance, ledger), the venues a completed
            // order may go to, and its live updates.
            ...pending(
              OrderUpdatedDocument,
              OrderMessagesDocument,
              MessageAddedDocument,
              OrderTrackingDocument,
              OrderPerformanceDocument,
              OrderLedgerDocument,
              VenuesDocument,
            ),
          ]}
        >
          <SessionProvider>
            <SessionGate>
              <MemoryRouter initialEntries={['/orders/order-1']}>
                <Routes>
                  <Route path="/orders/:id" element={<OrderPage />} />
                </Routes>
              </MemoryRouter>
            </SessionGate>
          </SessionProvider>
        </MockedProvider>
      </AntApp>
    </I18nProvider>,
  );
}

/** The order's title, with its status and the countdown to the deadline that matters now. */
function findTitle(): Promise<HTMLElement> {
  return screen.findByRole('heading', { level: 4, name: /新款香薰机种草视频/ });
}

describe('OrderPage', () => {
  it('counts down to the revision deadline while a revision is requested, not to deliverBy', async () => {
    renderPage(order('REVISION_REQUESTED', { revisionDueBy: inDays(3) }));
    const title = await findTitle();
    expect(within(title).getByText('修改中')).toBeTruthy();
    expect(within(title).getByTestId('countdown').textContent).toBe('修改稿剩余 3天0小时');
  });

  it("counts down to the admin's decision while the order is disputed", async () => {
    renderPage(order('DISPUTED', { revisionDueBy: inDays(3), disputeDecideBy: inDays(5) }));
    const title = await findTitle();
    expect(within(title).getByText('纠纷中')).toBeTruthy();
    expect(within(title).getByTestId('countdown').textContent).toBe('裁定剩余 5天0小时');
  });

  it('states the retention the order was made with beside its usage rights, before anything is published', async () => {
    renderPage(order('IN_PROGRESS'));
    const terms = await screen.findByTestId('deal-terms');
    expect(terms.textContent).toBe(`${SUMMARY} 发布后须保留 30 天。`);
  });

  it('says so when the order asks for no retention', async () => {
    renderPage(
      order('IN_PROGRESS', {
        retentionDays: 0,
        publication: { ...order('IN_PROGRESS').publication, holdback: money('0.00') },
      }),
    );
    expect((await screen.findByTestId('deal-terms')).textContent).toBe(`${SUMMARY} 无保留期要求。`);
  });

  it('shows the usage rights as a sentence and, once published, the retention window with its countdown', async () => {
    const retainUntil = inDays(29);
    const accepted = order('COMPLETED');
    renderPage(
      order('COMPLETED', {
        deliverables: [{ ...accepted.deliverables[0], status: 'APPROVED', feedback: null }],
        escrow: { ...accepted.escrow, status: 'HOLDBACK_HELD', held: money('100.00') },
        publication: {
          ...accepted.publication,
          status: 'LIVE',
          url: 'https://example.com/post/1',
          publishedAt: inDays(-1),
          retainUntil,
        },
      }),
    );
    const terms = await screen.findByTestId('deal-terms');
    expect(terms.textContent).toContain(SUMMARY);
    const publication = screen.getByTestId('publication');
    expect(within(publication).getByText('保留期中')).toBeTruthy();
    expect(within(publication).getByTestId('countdown').textContent).toBe('保留期剩余 29天0小时');
    expect(within(publication).getByText(formatDateTime(retainUntil))).toBeTruthy();
    // A completed order has no deadline of its own: only the retention counts down.
    expect(screen.getAllByTestId('countdown')).toHaveLength(1);
  });
});
