import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FundOrderDocument,
  OrderDocument,
  PaymentSettingsDocument,
  type OrderStatus,
} from '../../graphql/generated';
import { I18nProvider } from '../../i18n/i18n';
import { FUNDING_WATCH, FundButton } from './FundButton';
import { StripePaymentModal } from './StripePaymentModal';

// Stripe.js comes from Stripe's servers, which tests cannot reach: both packages are stood in for.
// The fake Elements behaves like the real one where it matters here: useStripe() and useElements()
// are null until the promise given as `stripe` resolves, and it records the options it was given.
const stripe = vi.hoisted(() => ({
  loadStripe: vi.fn(),
  confirmPayment: vi.fn(),
  elements: { fake: 'elements' },
  elementsOptions: [] as unknown[],
}));

vi.mock('@stripe/stripe-js', () => ({ loadStripe: stripe.loadStripe }));

vi.mock('@stripe/react-stripe-js', async () => {
  const React = await import('react');
  const Loaded = React.createContext<{ stripe: unknown; elements: unknown }>({
    stripe: null,
    elements: null,
  });
  function Elements(props: { stripe: Promise<unknown>; options: unknown; children: ReactNode }) {
    const [loaded, setLoaded] = React.useState<unknown>(null);
    stripe.elementsOptions.push(props.options);
    React.useEffect(() => {
      let live = true;
      void props.stripe.then((instance) => {
        if (live && instance) setLoaded(instance);
      });
      return () => {
        live = false;
      };
    }, [props.stripe]);
    const value = { stripe: loaded, elements: loaded ? stripe.elements : null };
    return React.createElement(Loaded.Provider, { value }, props.children);
  }
  return {
    Elements,
    PaymentElement: () => React.createElement('div', { 'data-testid': 'payment-element' }),
    useStripe: () => React.useContext(Loaded).stripe,
    useElements: () => React.useContext(Loaded).elements,
  };
});

let keys = 0;
/** stripeFor() remembers each key's Stripe.js for the whole page, so each test takes its own key. */
const freshKey = () => `pk_test_vitest_${++keys}`;

beforeEach(() => {
  stripe.loadStripe.mockReset();
  stripe.loadStripe.mockImplementation(async (key: string) => ({
    publishableKey: key,
    confirmPayment: stripe.confirmPayment,
  }));
  stripe.confirmPayment.mockReset();
  stripe.elementsOptions.length = 0;
});
afterEach(cleanup);

const RETURN_URL = 'https://console.example/orders/order-1';

function renderModal(overrides: { publishableKey?: string; onPaid?: () => void; onClose?: () => void } = {}) {
  const onPaid = vi.fn(overrides.onPaid);
  const onClose = vi.fn(overrides.onClose);
  const publishableKey = overrides.publishableKey ?? freshKey();
  const view = render(
    <I18nProvider>
      <StripePaymentModal
        publishableKey={publishableKey}
        clientSecret="pi_123_secret_abc"
        returnUrl={RETURN_URL}
        amount="¥1,000.00"
        onPaid={onPaid}
        onClose={onClose}
      />
    </I18nProvider>,
  );
  return { ...view, onPaid, onClose, publishableKey };
}

async function payButton(): Promise<HTMLButtonElement> {
  const button = (await screen.findByTestId('stripe-pay')) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  return button;
}

describe('StripePaymentModal', () => {
  it("confirms the PaymentIntent with the Payment Element, redirect 'if_required' and the order page to come back to", async () => {
    const { onPaid, publishableKey } = renderModal();
    expect(stripe.loadStripe).toHaveBeenCalledExactlyOnceWith(publishableKey);
    expect(stripe.elementsOptions.at(-1)).toEqual({ clientSecret: 'pi_123_secret_abc', locale: 'zh' });
    expect(screen.getByTestId('payment-element')).toBeTruthy();
    expect(screen.getByText(/应付金额/).textContent).toContain('¥1,000.00');

    stripe.confirmPayment.mockResolvedValueOnce({ paymentIntent: { id: 'pi_123', status: 'succeeded' } });
    fireEvent.click(await payButton());

    await waitFor(() => expect(onPaid).toHaveBeenCalledTimes(1));
    expect(stripe.confirmPayment).toHaveBeenCalledTimes(1);
    expect(stripe.confirmPayment).toHaveBeenCalledWith({
      elements: stripe.elements,
      redirect: 'if_required',
      confirmParams: { return_url: RETURN_URL },
    });
    expect(stripe.confirmPayment.mock.calls[0][0].elements).toBe(stripe.elements);
  });

  it("shows progress while Stripe confirms, then Stripe's error in the dialog, which stays open for another try", async () => {
    const { onPaid, onClose } = renderModal();
    let answer: (result: unknown) => void = () => undefined;
    stripe.confirmPayment.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const button = await payButton();
    fireEvent.click(button);

    await screen.findByText('正在确认付款…');
    expect(button.className).toContain('ant-btn-loading');
    // No way out of the dialog while Stripe answers: the close button is gone.
    expect(document.querySelector('.ant-modal-close')).toBeNull();
    fireEvent.click(button);
    expect(stripe.confirmPayment).toHaveBeenCalledTimes(1);

    await act(async () =>
      answer({ error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } }),
    );
    expect((await screen.findByTestId('stripe-error')).textContent).toContain('Your card was declined.');
    expect(onPaid).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByTestId('payment-element')).toBeTruthy();
    expect(screen.getByText('确认付款')).toBeTruthy();

    // Another card on the same form: the same PaymentIntent goes through, and the error is gone.
    stripe.confirmPayment.mockResolvedValueOnce({ paymentIntent: { id: 'pi_123', status: 'processing' } });
    fireEvent.click(await payButton());
    await waitFor(() => expect(onPaid).toHaveBeenCalledWith('processing'));
    expect(stripe.confirmPayment).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('stripe-error')).toBeNull();
  });

  it('does not count a PaymentIntent that still needs a payment method as paid', async () => {
    const { onPaid } = renderModal();
    stripe.confirmPayment.mockResolvedValueOnce({
      paymentIntent: { id: 'pi_123', status: 'requires_payment_method' },
    });
    fireEvent.click(await payButton());
    expect((await screen.findByTestId('stripe-error')).textContent).toContain(
      '付款尚未完成（状态：requires_payment_method）',
    );
    expect(onPaid).not.toHaveBeenCalled();
  });

  it('loads Stripe.js once per publishable key, however often the dialog opens', async () => {
    const key = freshKey();
    const first = renderModal({ publishableKey: key });
    await payButton();
    first.unmount();
    const second = renderModal({ publishableKey: key });
    await payButton();
    second.unmount();
    expect(stripe.loadStripe).toHaveBeenCalledExactlyOnceWith(key);

    const other = freshKey();
    renderModal({ publishableKey: other });
    await payButton();
    expect(stripe.loadStripe.mock.calls).toEqual([[key], [other]]);
  });

  it('says so when Stripe.js cannot be loaded, and tries again the next time', async () => {
    const key = freshKey();
    stripe.loadStripe.mockRejectedValueOnce(new Error('Failed to load Stripe.js'));
    const first = renderModal({ publishableKey: key });
    expect((await screen.findByTestId('stripe-load-failed')).textContent).toContain('无法加载 Stripe');
    expect(screen.queryByTestId('stripe-pay')).toBeNull();
    first.unmount();

    renderModal({ publishableKey: key });
    await payButton();
    expect(stripe.loadStripe).toHaveBeenCalledTimes(2);
  });
});

// ---- The fund button: fundOrder, then the dialog, then the order until the webhook has funded it ----

const money = (amount: string) => ({ __typename: 'Money', amount, currencyCode: 'CNY' });

function orderData(status: OrderStatus) {
  return {
    __typename: 'Order',
    id: 'order-1',
    source: 'BID',
    status,
    contentType: 'SHORT_VIDEO',
    createdAt: '2026-11-20T08:00:00.000Z',
    deliverBy: '2026-12-20T08:00:00.000Z',
    fundingDeadline: status === 'AWAITING_FUNDING' ? '2026-11-22T08:00:00.000Z' : null,
    reviewDeadline: null,
    price: money('1000.00'),
    task: { __typename: 'Task', id: 'task-1', title: 'Living room makeover' },
    offer: null,
    merchant: { __typename: 'Merchant', id: 'merchant-1', shopName: 'Linen & Oak Home' },
    creator: {
      __typename: 'Creator',
      id: 'creator-1',
      handle: 'xiaoyu_home',
      displayName: 'Xiaoyu',
      tier: 'CELEBRITY',
    },
    brief: 'Before and after.',
    maxRevisions: 2,
    revisionsUsed: 0,
    platformFee: money('100.00'),
    agencyShare: money('0.00'),
    creatorPayout: money('900.00'),
    escrow: {
      __typename: 'Escrow',
      status: status === 'AWAITING_FUNDING' ? 'PENDING' : 'HELD',
      paymentReference: 'pi_123',
      held: money(status === 'AWAITING_FUNDING' ? '0.00' : '1000.00'),
      released: money('0.00'),
      refunded: money('0.00'),
    },
    deliverables: [],
    events: [],
    reviewOfCreator: null,
    reviewOfMerchant: null,
  };
}

const ORDER = {
  id: 'order-1',
  price: { amount: '1000.00', currencyCode: 'CNY' as const },
  events: [] as { at: string; type: string; note: string | null; actor: null }[],
};

function settingsMock(provider: string, stripePublishableKey: string | null) {
  return {
    request: { query: PaymentSettingsDocument },
    result: {
      data: { paymentSettings: { __typename: 'PaymentSettings', provider, stripePublishableKey } },
    },
    maxUsageCount: 5,
  };
}

function fundMock(status: 'SUCCEEDED' | 'REQUIRES_ACTION', clientSecret: string | null, attempt = 0) {
  return {
    request: {
      query: FundOrderDocument,
      variables: { orderId: 'order-1', idempotencyKey: `web:fund:order-1:${attempt}` },
    },
    result: {
      data: {
        fundOrder: {
          __typename: 'FundingResult',
          status,
          clientSecret,
          failureReason: null,
          order: orderData(status === 'SUCCEEDED' ? 'IN_PROGRESS' : 'AWAITING_FUNDING'),
        },
      },
    },
  };
}

/** The order as the page asks for it while waiting: still unfunded `pending` times, then IN_PROGRESS. */
function orderPolls(pending: number) {
  const asked: string[] = [];
  const mock = {
    request: { query: OrderDocument, variables: { id: 'order-1' } },
    result: () => {
      const status = asked.length < pending ? 'AWAITING_FUNDING' : 'IN_PROGRESS';
      asked.push(status);
      return { data: { order: orderData(status) } };
    },
    maxUsageCount: 50,
  };
  return { asked, mock };
}

function Location() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

function renderFundButton(mocks: MockedProviderProps['mocks'], url = '/orders/order-1', order = ORDER) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <I18nProvider>
        <App>
          <MockedProvider mocks={mocks}>
            <>
              <FundButton order={order} />
              <Location />
            </>
          </MockedProvider>
        </App>
      </I18nProvider>
    </MemoryRouter>,
  );
}

/** The confirmation step every payment passes: the amount and what happens next, then "确认付款". */
async function confirmFunding(): Promise<void> {
  fireEvent.click(await screen.findByTestId('fund-confirm'));
}

describe('FundButton', () => {
  const watch = { ...FUNDING_WATCH };
  beforeEach(() => {
    FUNDING_WATCH.intervalMs = 30;
    FUNDING_WATCH.forMs = 5_000;
  });
  afterEach(() => Object.assign(FUNDING_WATCH, watch));

  it('with Stripe: opens the Payment Element for the answer, then says the payment is received and follows the order until it is funded', async () => {
    const key = freshKey();
    const polls = orderPolls(2);
    renderFundButton([
      settingsMock('stripe', key),
      fundMock('REQUIRES_ACTION', 'pi_123_secret_abc'),
      polls.mock,
    ]);
    const fund = await screen.findByText('付款到担保账户');
    fireEvent.click(fund);
    await confirmFunding();

    await screen.findByTestId('stripe-payment-form');
    expect(stripe.loadStripe).toHaveBeenCalledExactlyOnceWith(key);
    expect(stripe.elementsOptions.at(-1)).toEqual({ clientSecret: 'pi_123_secret_abc', locale: 'zh' });

    stripe.confirmPayment.mockResolvedValueOnce({ paymentIntent: { id: 'pi_123', status: 'succeeded' } });
    fireEvent.click(await payButton());
    await screen.findByText('已收到付款，Stripe 确认后资金即进入担保账户。');
    expect(stripe.confirmPayment).toHaveBeenCalledWith({
      elements: stripe.elements,
      redirect: 'if_required',
      confirmParams: { return_url: `${window.location.origin}/orders/order-1` },
    });
    await waitFor(() => expect(screen.queryByTestId('stripe-payment-form')).toBeNull());

    // Asked again until the webhook had moved it on, and no more after that.
    await waitFor(() => expect(polls.asked).toEqual(['AWAITING_FUNDING', 'AWAITING_FUNDING', 'IN_PROGRESS']));
    await new Promise((resolve) => setTimeout(resolve, 10 * FUNDING_WATCH.intervalMs));
    expect(polls.asked).toHaveLength(3);
  });

  it('after a declined payment: the next click is a new attempt, with a new key and so a new PaymentIntent', async () => {
    const declined = {
      ...ORDER,
      events: [
        { at: '2026-11-26T10:00:00.000Z', type: 'FUNDING_FAILED', note: 'card_declined', actor: null },
      ],
    };
    renderFundButton(
      [settingsMock('stripe', freshKey()), fundMock('REQUIRES_ACTION', 'pi_456_secret_def', 1)],
      '/orders/order-1',
      declined,
    );
    // Only the mock for attempt 1 answers: a replay of attempt 0's key would fail this test.
    fireEvent.click(await screen.findByText('付款到担保账户'));
    await confirmFunding();
    await screen.findByTestId('stripe-payment-form');
    expect(stripe.elementsOptions.at(-1)).toEqual({ clientSecret: 'pi_456_secret_def', locale: 'zh' });
  });

  it('with Stripe but no publishable key: says card payment is not configured instead of a dialog', async () => {
    renderFundButton([settingsMock('stripe', null), fundMock('REQUIRES_ACTION', 'pi_123_secret_abc')]);
    fireEvent.click(await screen.findByText('付款到担保账户'));
    await confirmFunding();
    await screen.findByText(/此服务器未配置在线付款（缺少 STRIPE_PUBLISHABLE_KEY）/);
    expect(screen.queryByTestId('stripe-payment-form')).toBeNull();
    expect(stripe.loadStripe).not.toHaveBeenCalled();
  });

  it('with the sandbox: funded at once, and Stripe is never loaded', async () => {
    renderFundButton([settingsMock('sandbox', null), fundMock('SUCCEEDED', null)]);
    await waitFor(() => expect(screen.getByTestId('fund-order').textContent).toBe('付款到担保账户（沙箱）'));
    fireEvent.click(screen.getByTestId('fund-order'));
    await confirmFunding();
    await screen.findByText('付款成功，资金已托管');
    expect(screen.queryByTestId('stripe-payment-form')).toBeNull();
    expect(stripe.loadStripe).not.toHaveBeenCalled();
  });

  it('asks first: the amount, escrow, the start of work and refunds; cancelling pays nothing', async () => {
    renderFundButton([settingsMock('sandbox', null)]);
    await waitFor(() => expect(screen.getByTestId('fund-order').textContent).toBe('付款到担保账户（沙箱）'));
    fireEvent.click(screen.getByTestId('fund-order'));
    const dialog = await screen.findByTestId('fund-confirm-dialog');
    expect(dialog.textContent).toContain('1,000.00');
    expect(dialog.textContent).toContain('担保账户托管');
    expect(dialog.textContent).toContain('达人开始创作');
    expect(dialog.textContent).toContain('全额退还');
    fireEvent.click(screen.getByRole('button', { name: /取\s*消/ }));
    await waitFor(() => expect(screen.queryByTestId('fund-confirm-dialog')).toBeNull());
    // No fundOrder mock: a payment attempt would have shown the API's error.
    expect(screen.queryByText('付款成功，资金已托管')).toBeNull();
  });

  it('back from a payment method that redirected: says the payment is received, follows the order and tidies the address', async () => {
    const polls = orderPolls(0);
    renderFundButton(
      [settingsMock('stripe', freshKey()), polls.mock],
      '/orders/order-1?payment_intent=pi_123&payment_intent_client_secret=pi_123_secret_abc&redirect_status=succeeded',
    );
    await screen.findByText('已收到付款，Stripe 确认后资金即进入担保账户。');
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/orders/order-1'));
    await waitFor(() => expect(polls.asked).toEqual(['IN_PROGRESS']));
    expect(stripe.loadStripe).not.toHaveBeenCalled();
  });

  it('back from a failed redirect: says the payment was not completed', async () => {
    renderFundButton(
      [settingsMock('stripe', freshKey())],
      '/orders/order-1?payment_intent=pi_123&payment_intent_client_secret=pi_123_secret_abc&redirect_status=failed',
    );
    await screen.findByText('付款未完成，请再次点击付款重试。');
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/orders/order-1'));
  });
});
