import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderDetailFragment } from '../../graphql/generated';
import { I18nProvider } from '../../i18n/i18n';
import { chineseIn, English } from '../../test-support';
import { PublicationCard } from './PublicationCard';
import type { OrderRole } from './use-order-role';

afterEach(cleanup);

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function order(publication: Partial<OrderDetailFragment['publication']>): OrderDetailFragment {
  return {
    id: 'order-1',
    status: 'COMPLETED',
    publication: {
      status: 'UNPUBLISHED',
      url: null,
      publishedAt: null,
      retainUntil: null,
      restoreBy: null,
      holdback: { amount: '80.00', currencyCode: 'CNY' },
      ...publication,
    },
  } as unknown as OrderDetailFragment;
}

function renderCard(value: OrderDetailFragment, role: OrderRole) {
  return render(
    <I18nProvider>
      <App>
        <MockedProvider mocks={[]}>
          <>
            <English />
            <PublicationCard order={value} role={role} />
          </>
        </MockedProvider>
      </App>
    </I18nProvider>,
  );
}

describe('PublicationCard', () => {
  it('shows a live publication with its retention countdown and the holdback; the merchant may report a takedown', () => {
    const live = order({
      status: 'LIVE',
      url: 'https://example.com/post/1',
      publishedAt: inDays(-1),
      retainUntil: inDays(29),
    });
    renderCard(live, 'merchant');
    const card = screen.getByTestId('publication');
    expect(within(card).getByText('保留期中')).toBeTruthy();
    expect(within(card).getByTestId('countdown').textContent).toContain('保留期剩余');
    expect(within(card).getByText('¥80.00')).toBeTruthy();
    expect(within(card).getByText('https://example.com/post/1')).toBeTruthy();
    expect(screen.getByTestId('report-takedown')).toBeTruthy();
    expect(screen.queryByTestId('mark-published')).toBeNull();
  });

  it('offers the creator "mark published" before publication, and refuses a URL that is not http(s) before asking the API', async () => {
    renderCard(order({}), 'creator');
    expect(screen.queryByTestId('report-takedown')).toBeNull();
    fireEvent.click(screen.getByTestId('mark-published'));
    const input = await screen.findByPlaceholderText('https://');
    fireEvent.change(input, { target: { value: 'ftp://example.com/x' } });
    fireEvent.click(screen.getByText('确 定'));
    expect(await screen.findByText('请填写 http(s) 网址')).toBeTruthy();
  });

  it('asks the creator to restore reported content before restoreBy', () => {
    renderCard(order({ status: 'REPORTED_DOWN', retainUntil: inDays(20), restoreBy: inDays(2) }), 'creator');
    expect(screen.getByText('被反馈下架')).toBeTruthy();
    expect(screen.getByTestId('countdown').textContent).toContain('恢复期剩余');
    expect(screen.getByTestId('confirm-restored')).toBeTruthy();
  });

  it('shows nothing before the delivery is accepted', () => {
    const delivered = { ...order({}), status: 'DELIVERED' } as OrderDetailFragment;
    renderCard(delivered, 'creator');
    expect(screen.queryByTestId('publication')).toBeNull();
  });

  it('reads in English: a live publication with its retention countdown, the holdback and the takedown report', async () => {
    const retainUntil = inDays(29);
    renderCard(
      order({ status: 'LIVE', url: 'https://example.com/post/1', publishedAt: inDays(-1), retainUntil }),
      'merchant',
    );
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    // English arrives as a chunk of its own: the card's title says so once it is here.
    await screen.findByText('Publication and retention', {}, { timeout: 60_000 });
    const card = screen.getByTestId('publication');
    expect(within(card).getByText('Live')).toBeTruthy();
    expect(within(card).getByTestId('countdown').textContent).toMatch(/^Retention left \d+d \d+h$/);
    expect(within(card).getByText('Holdback')).toBeTruthy();
    expect(within(card).getByText('¥80.00')).toBeTruthy();
    expect(within(card).getByText('Keep up until')).toBeTruthy();
    expect(
      within(card).getByText(
        'In its retention window: when it ends with the content up, the holdback (less fees) is released to the creator.',
      ),
    ).toBeTruthy();
    expect(screen.getByTestId('report-takedown').textContent).toBe('Report takedown');
    expect(chineseIn(card)).toBe('');
  });

  it('reads in English: the creator is asked to restore reported content before restoreBy', async () => {
    renderCard(order({ status: 'REPORTED_DOWN', retainUntil: inDays(20), restoreBy: inDays(2) }), 'creator');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    await screen.findByText('Publication and retention', {}, { timeout: 60_000 });
    const card = screen.getByTestId('publication');
    expect(within(card).getByText('Reported down')).toBeTruthy();
    expect(within(card).getByTestId('countdown').textContent).toMatch(/^Restore within \d+d \d+h$/);
    expect(
      within(card).getByText(
        'The merchant reported the content down: the creator must restore it and confirm in time.',
      ),
    ).toBeTruthy();
    expect(screen.getByTestId('confirm-restored').textContent).toBe('Confirm restored');
    expect(chineseIn(card)).toBe('');
  });
});
