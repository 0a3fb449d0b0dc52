import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderLedgerDocument } from '../../graphql/generated';
import { I18nProvider } from '../../i18n/i18n';
import { LedgerCard } from './LedgerCard';

afterEach(cleanup);

const ORDER = {
  id: 'order-1',
  status: 'COMPLETED' as const,
  merchant: { __typename: 'Merchant' as const, id: 'merchant-1', shopName: 'Linen & Oak Home' },
  creator: {
    __typename: 'Creator' as const,
    id: 'creator-1',
    handle: 'xiaoyu_home',
    displayName: 'Xiaoyu',
    tier: 'CELEBRITY' as const,
  },
};

const line = (
  id: string,
  transactionId: string,
  kind: string,
  account: string,
  amount: string,
  at: string,
) => ({
  __typename: 'LedgerEntry',
  id,
  transactionId,
  kind,
  account,
  at,
  amount: { __typename: 'Money', amount, currencyCode: 'CNY' },
});

function renderCard(mocks: MockedProviderProps['mocks']) {
  return render(
    <I18nProvider>
      <MockedProvider mocks={mocks}>
        <LedgerCard order={ORDER} />
      </MockedProvider>
    </I18nProvider>,
  );
}

describe('LedgerCard', () => {
  it("lists each transaction's lines together, with accounts in words and the raw name kept", async () => {
    const { container } = renderCard([
      {
        request: { query: OrderLedgerDocument, variables: { orderId: 'order-1' } },
        result: {
          data: {
            ledgerEntries: [
              line('f1', 'tx-fund', 'FUND', 'external:sandbox', '-1000.00', '2026-11-01T09:00:00Z'),
              line('f2', 'tx-fund', 'FUND', 'escrow:order/order-1', '1000.00', '2026-11-01T09:00:00Z'),
              line('r1', 'tx-rel', 'RELEASE', 'escrow:order/order-1', '-1000.00', '2026-11-02T09:00:00Z'),
              line('r2', 'tx-rel', 'RELEASE', 'creator/creator-1', '720.00', '2026-11-02T09:00:00Z'),
              line('r3', 'tx-rel', 'FEE', 'platform:fees', '100.00', '2026-11-02T09:00:00Z'),
              line('r4', 'tx-rel', 'AGENCY_SHARE', 'agency/agency-1', '180.00', '2026-11-02T09:00:00Z'),
            ],
          },
        },
      },
    ]);
    await screen.findByText('达人钱包 · Xiaoyu');
    const accounts = [...container.querySelectorAll('.ledger-account')].map((cell) => [
      cell.textContent,
      cell.getAttribute('data-account'),
    ]);
    expect(accounts).toEqual([
      ['支付渠道 · 模拟支付', 'external:sandbox'],
      ['担保账户', 'escrow:order/order-1'],
      ['担保账户', 'escrow:order/order-1'],
      ['达人钱包 · Xiaoyu', 'creator/creator-1'],
      ['机构', 'agency/agency-1'],
      ['平台服务费', 'platform:fees'],
    ]);
    // One transaction cell per transaction, spanning its lines.
    const spans = [...container.querySelectorAll('td[rowspan]')].map((cell) => cell.getAttribute('rowspan'));
    expect(spans).toEqual(['2', '4']);
    expect(screen.getAllByText('-¥1,000.00')).toHaveLength(2);
    expect(container.textContent).toContain('+¥720.00');
    expect(screen.getAllByText('付款托管').length).toBeGreaterThan(0);
  });

  it('says what happens next when no money has moved yet', async () => {
    renderCard([
      {
        request: { query: OrderLedgerDocument, variables: { orderId: 'order-1' } },
        result: { data: { ledgerEntries: [] } },
      },
    ]);
    expect(await screen.findByText(/商家付款到担保账户后/)).toBeTruthy();
  });

  it('leaves the card out when the API refuses this viewer (FORBIDDEN), instead of showing an error', async () => {
    const { container } = renderCard([
      {
        request: { query: OrderLedgerDocument, variables: { orderId: 'order-1' } },
        result: {
          errors: [new GraphQLError('You may not read this ledger.', { extensions: { code: 'FORBIDDEN' } })],
        },
      },
    ]);
    await waitFor(() => expect(container.querySelector('[data-testid="order-ledger"]')).toBeNull());
    expect(container.querySelector('.ant-skeleton')).toBeNull();
    expect(container.textContent).not.toContain('You may not read this ledger.');
  });

  it('shows any other API error with a retry', async () => {
    renderCard([
      {
        request: { query: OrderLedgerDocument, variables: { orderId: 'order-1' } },
        result: { errors: [new GraphQLError('Database unavailable', { extensions: { code: 'INTERNAL' } })] },
      },
    ]);
    expect(await screen.findByText('Database unavailable')).toBeTruthy();
    // antd spaces out two-character Chinese button labels (重 试).
    expect(screen.getByRole('button', { name: /重\s*试/ })).toBeTruthy();
  });
});
