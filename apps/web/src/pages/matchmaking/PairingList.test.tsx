import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { RespondToPairingDocument, type PairingCardFragment } from '../../graphql/generated';
import { I18nProvider } from '../../i18n/i18n';
import type { PairingSide } from '../../lib/matchmaking';
import { PairingList } from './PairingList';

afterEach(cleanup);

// The nested __typenames are what the API sends (the mocked mutation's answer is cached by them).
const PAIRING = {
  __typename: 'Pairing',
  id: 'pairing-1',
  score: 0.82,
  reasons: ['擅长「家居」，涵盖「家具」', '粉丝 1.2万'],
  merchantAccepted: null,
  creatorAccepted: null,
  status: 'PROPOSED',
  task: {
    __typename: 'Task',
    id: 'task-1',
    title: '沙发新品种草',
    budget: { __typename: 'Money', amount: '800.00', currencyCode: 'CNY' },
  },
  merchant: { __typename: 'Merchant', id: 'merchant-1', shopName: '小美家居' },
  creator: {
    __typename: 'Creator',
    id: 'creator-1',
    handle: 'lily',
    displayName: 'Lily',
    tier: 'EXPERT',
    followerCount: 12000,
  },
  order: null,
} as PairingCardFragment;

function renderList(side: PairingSide | null, answered: { accept: boolean }[] = []) {
  const mocks = [
    {
      request: { query: RespondToPairingDocument, variables: { pairingId: 'pairing-1', accept: true } },
      result: () => {
        answered.push({ accept: true });
        return { data: { respondToPairing: { ...PAIRING, creatorAccepted: true } } };
      },
    },
  ];
  return render(
    <I18nProvider>
      <MockedProvider mocks={mocks}>
        <MemoryRouter>
          <App>
            <PairingList pairings={[PAIRING]} side={side} empty="none" />
          </App>
        </MemoryRouter>
      </MockedProvider>
    </I18nProvider>,
  );
}

describe('PairingList', () => {
  it("shows a creator the merchant, the task's budget and the reasons, and sends their yes", async () => {
    const answered: { accept: boolean }[] = [];
    renderList('CREATOR', answered);
    expect(screen.getByText('小美家居')).toBeTruthy();
    expect(screen.getByText('¥800.00')).toBeTruthy();
    expect(screen.getByTestId('pairing-reasons').textContent).toContain('粉丝 1.2万');
    fireEvent.click(screen.getByTestId('accept-pairing'));
    await waitFor(() => expect(answered).toEqual([{ accept: true }]));
  });

  it('lets an admin watch without answering', () => {
    renderList(null);
    expect(screen.getByText('Lily')).toBeTruthy();
    expect(screen.queryByTestId('accept-pairing')).toBeNull();
    expect(screen.getByTestId('pairing').getAttribute('data-status')).toBe('PROPOSED');
  });
});
