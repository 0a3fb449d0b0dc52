import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionProvider, useSession } from '../../auth/auth';
import { MeDocument, type OrderDetailFragment } from '../../graphql/generated';
import { tokenStore } from '../../apollo';
import { I18nProvider } from '../../i18n/i18n';
import { CancellationCard } from './CancellationCard';

afterEach(cleanup);
beforeEach(() => tokenStore.set('token'));
afterEach(() => tokenStore.clear());

// antd's List measures itself; jsdom has no ResizeObserver.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const me = {
  __typename: 'User',
  id: 'user-merchant',
  email: 'merchant@demo.vtask',
  displayName: '居家好物旗舰店',
  role: 'MERCHANT',
  merchant: { __typename: 'Merchant', id: 'merchant-1', shopName: '居家好物旗舰店' },
  creator: null,
  agency: null,
};
const meMock = { request: { query: MeDocument }, result: { data: { me } }, maxUsageCount: 5 };

const DAY = 86_400_000;
const money = (amount: string) => ({ __typename: 'Money', amount, currencyCode: 'CNY' });

function order(proposedBy: string | null): OrderDetailFragment {
  return {
    id: 'order-1',
    status: 'IN_PROGRESS',
    deliverBy: new Date(Date.now() + 6 * DAY).toISOString(),
    price: money('1000.00'),
    cancellationTerms: [
      { untilElapsedBps: 5000, creatorShareBps: 1000 },
      { untilElapsedBps: 10000, creatorShareBps: 3000 },
    ],
    cancellationFeeNow: money('100.00'),
    events: [{ type: 'FUNDED', at: new Date(Date.now() - DAY).toISOString(), note: null, actor: null }],
    cancellationProposals: proposedBy
      ? [
          {
            id: 'proposal-1',
            status: 'PENDING',
            reason: '档期冲突，协商取消',
            createdAt: new Date().toISOString(),
            respondedAt: null,
            creatorAmount: money('300.00'),
            proposedBy: {
              id: proposedBy,
              displayName: proposedBy === me.id ? me.displayName : '小鱼',
              role: 'CREATOR',
            },
          },
        ]
      : [],
  } as unknown as OrderDetailFragment;
}

function SessionGate({ children }: { children: ReactNode }) {
  const { viewer } = useSession();
  return viewer ? <>{children}</> : null;
}

function renderCard(value: OrderDetailFragment) {
  return render(
    <I18nProvider>
      <AntApp>
        <MockedProvider mocks={[meMock]}>
          <SessionProvider>
            <SessionGate>
              <CancellationCard order={value} role="merchant" />
            </SessionGate>
          </SessionProvider>
        </MockedProvider>
      </AntApp>
    </I18nProvider>,
  );
}

describe('CancellationCard', () => {
  it('shows the kill fee now, a countdown to the next stage, and the terms as sentences', async () => {
    renderCard(order(null));
    const now = await screen.findByTestId('kill-fee-now');
    expect(now.textContent).toContain('¥100.00');
    expect(now.textContent).toContain('30% 起');
    expect(screen.getByTestId('cancellation-card').textContent).toContain('达人保留价格的 10%');
    expect(screen.getByTestId('propose-cancellation')).toBeTruthy();
  });

  it("offers accept and decline on the other party's pending proposal, and no second proposal", async () => {
    renderCard(order('user-creator'));
    const item = await screen.findByTestId('cancellation-proposal');
    expect(item.textContent).toContain('¥300.00');
    expect(item.textContent).toContain('档期冲突');
    expect(screen.getByTestId('accept-proposal')).toBeTruthy();
    expect(screen.queryByTestId('propose-cancellation')).toBeNull();
  });

  it('offers only withdraw on the viewer’s own pending proposal', async () => {
    renderCard(order('user-merchant'));
    const item = await screen.findByTestId('cancellation-proposal');
    expect(item.textContent).toContain('撤回提议');
    expect(screen.queryByTestId('accept-proposal')).toBeNull();
  });
});
