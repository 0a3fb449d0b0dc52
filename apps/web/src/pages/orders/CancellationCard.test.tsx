import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionProvider } from '../../auth/auth';
import type { OrderDetailFragment } from '../../graphql/generated';
import { tokenStore } from '../../apollo';
import { I18nProvider } from '../../i18n/i18n';
import { chineseIn, English, MERCHANT_VIEWER as me, meMock, money, SessionGate } from '../../test-support';
import { CancellationCard } from './CancellationCard';

afterEach(cleanup);
beforeEach(() => tokenStore.set('token'));
afterEach(() => tokenStore.clear());

const DAY = 86_400_000;

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

function renderCard(value: OrderDetailFragment) {
  return render(
    <I18nProvider>
      <AntApp>
        <MockedProvider mocks={[meMock()]}>
          <SessionProvider>
            <SessionGate>
              <English />
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

  it("reads in English: the kill fee now, the terms, and the other party's proposal with accept and decline", async () => {
    renderCard(order('user-creator'));
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    // English arrives as a chunk of its own: the card's title says so once it is here.
    await screen.findByText('Cancellation terms', {}, { timeout: 60_000 });
    const card = screen.getByTestId('cancellation-card');
    const now = screen.getByTestId('kill-fee-now');
    expect(now.textContent).toContain('If cancelled now, the creator keeps');
    expect(now.textContent).toContain('¥100.00');
    expect(now.textContent).toContain('30% from');
    expect(card.textContent).toContain(
      'Cancelled within 50% of the time from funding to deliverBy: the creator keeps 10% of the price; ' +
        'Cancelled within 100% of the time from funding to deliverBy: the creator keeps 30% of the price',
    );
    expect(card.textContent).toContain('Mutual cancellation');
    const item = screen.getByTestId('cancellation-proposal');
    expect(item.textContent).toContain('Pending');
    expect(item.textContent).toContain('小鱼 proposes ¥300.00 to the creator');
    expect(screen.getByRole('button', { name: 'Accept' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Decline' })).toBeTruthy();
    // Only the creator's name and reason are left in Chinese.
    expect(chineseIn(card, '小鱼', '档期冲突，协商取消')).toBe('');
  });

  it("reads in English: the viewer's own pending proposal offers only withdraw", async () => {
    renderCard(order('user-merchant'));
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    await screen.findByText('Cancellation terms', {}, { timeout: 60_000 });
    const item = screen.getByTestId('cancellation-proposal');
    expect(item.textContent).toContain(`${me.displayName} proposes ¥300.00 to the creator`);
    expect(screen.getByRole('button', { name: 'Withdraw' })).toBeTruthy();
    expect(screen.queryByTestId('accept-proposal')).toBeNull();
    expect(chineseIn(screen.getByTestId('cancellation-card'), me.displayName, '档期冲突，协商取消')).toBe('');
  });
});
