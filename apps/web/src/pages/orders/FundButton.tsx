import { useApolloClient, useQuery } from '@apollo/client/react';
import { App, Button } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useHref, useSearchParams } from 'react-router';
import { Money } from '../../components/Money';
import {
  FundOrderDocument,
  OrderDocument,
  PaymentSettingsDocument,
  type OrderDetailFragment,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { FundConfirmModal } from './FundConfirmModal';

// Loaded only when a Stripe payment starts: importing Stripe.js fetches its script from Stripe at once,
// which pages without a card payment (and sandbox servers) have no use for.
const StripePaymentModal = lazy(() =>
  import('./StripePaymentModal').then((module) => ({ default: module.StripePaymentModal })),
);

/** How often, and how long, the page asks for the order after Stripe took the payment. */
export const FUNDING_WATCH = { intervalMs: 2500, forMs: 120_000 };

/** Query parameters Stripe adds to return_url when it sends the payer back. */
const STRIPE_RETURN_PARAMS = ['payment_intent', 'payment_intent_client_secret', 'redirect_status'];

/**
 * Funds the escrow. With the sandbox provider the charge succeeds at once. With Stripe, fundOrder
 * answers REQUIRES_ACTION with a client secret that the payer confirms in Stripe's Payment Element;
 * the signed webhook then funds the escrow, and the page asks for the order until it has moved on.
 * The key is the order's and its attempt's: a double click, a retry or coming back after closing the
 * dialog returns the same answer (and so the same PaymentIntent). Once a payment has failed (a declined
 * card: the order records FUNDING_FAILED), the next click is a new attempt with a new key, and so a new
 * PaymentIntent, instead of replaying the failure.
 */
export function FundButton({ order }: { order: Pick<OrderDetailFragment, 'id' | 'price' | 'events'> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const settings = useQuery(PaymentSettingsDocument);
  // The order too: a failed attempt's FUNDING_FAILED event gives the next click its new key.
  const [fund, { loading }] = useAction(FundOrderDocument, { refetch: ['Order', 'MyOrders', 'MyWallet'] });
  const attempt = order.events.filter((event) => event.type === 'FUNDING_FAILED').length;
  const [payment, setPayment] = useState<{ clientSecret: string; publishableKey: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const returnUrl = new URL(useHref(`/orders/${order.id}`), window.location.origin).href;
  const onWatchTimeout = useCallback(() => message.info(t('stripe.stillWaiting')), [message, t]);
  const watchFunding = useFundingWatch(order.id, onWatchTimeout);
  const stripeProvider = settings.data?.paymentSettings.provider === 'stripe';

  // Succeeded or processing: the money is Stripe's to settle, and its webhook funds the escrow.
  const onPaid = useCallback(() => {
    setPayment(null);
    message.success(t('stripe.received'));
    watchFunding();
  }, [message, t, watchFunding]);
  useStripeReturn(onPaid);

  const onClick = async () => {
    const data = await fund({ orderId: order.id, idempotencyKey: `web:fund:${order.id}:${attempt}` });
    if (!data) return;
    const result = data.fundOrder;
    if (result.status === 'SUCCEEDED') message.success(t('orders.funded'));
    else if (result.status === 'REQUIRES_ACTION') {
      const provider =
        settings.data?.paymentSettings ??
        (await settings.refetch().then(
          (answer) => answer.data?.paymentSettings,
          () => undefined,
        ));
      if (provider?.provider === 'stripe' && result.clientSecret) {
        if (provider.stripePublishableKey)
          setPayment({ clientSecret: result.clientSecret, publishableKey: provider.stripePublishableKey });
        else message.error(t('stripe.notConfigured'), 8);
      } else message.warning(t('orders.fundPending'));
    } else message.error(t('orders.fundFailed', { reason: result.failureReason ?? '' }));
  };
  return (
    <>
      <Button type="primary" loading={loading} onClick={() => setConfirming(true)} data-testid="fund-order">
        {stripeProvider ? t('stripe.fund') : t('orders.fund')}
      </Button>
      <FundConfirmModal
        open={confirming}
        price={order.price}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void onClick();
        }}
      />
      {payment ? (
        <Suspense fallback={null}>
          <StripePaymentModal
            publishableKey={payment.publishableKey}
            clientSecret={payment.clientSecret}
            returnUrl={returnUrl}
            amount={<Money value={order.price} strong />}
            onPaid={onPaid}
            onClose={() => setPayment(null)}
          />
        </Suspense>
      ) : null}
    </>
  );
}

/**
 * Asks for the order every FUNDING_WATCH.intervalMs until it has left AWAITING_FUNDING (the page then
 * shows it from the cache, and this button goes away) or FUNDING_WATCH.forMs have passed.
 */
function useFundingWatch(orderId: string, onTimeout: () => void): () => void {
  const client = useApolloClient();
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);
  return useCallback(() => {
    stop.current?.();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const until = Date.now() + FUNDING_WATCH.forMs;
    const check = async () => {
      const answer = await client
        .query({ query: OrderDocument, variables: { id: orderId }, fetchPolicy: 'network-only' })
        .catch(() => null);
      if (stopped) return;
      const status = answer?.data?.order?.status;
      if (status && status !== 'AWAITING_FUNDING') {
        stopped = true;
        return;
      }
      if (Date.now() >= until) {
        stopped = true;
        onTimeout();
        return;
      }
      timer = setTimeout(() => void check(), FUNDING_WATCH.intervalMs);
    };
    stop.current = () => {
      stopped = true;
      clearTimeout(timer);
    };
    timer = setTimeout(() => void check(), FUNDING_WATCH.intervalMs);
  }, [client, orderId, onTimeout]);
}

/**
 * Back from a payment method that redirected (return_url is this page): Stripe says how it went in the
 * query string. Succeeded or processing is handled like a payment confirmed in the dialog.
 */
function useStripeReturn(onPaid: () => void): void {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const handled = useRef<string | null>(null);
  const redirectStatus = params.get('redirect_status');
  const intent = params.get('payment_intent');
  useEffect(() => {
    if (!redirectStatus || !intent || handled.current === intent) return;
    handled.current = intent;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const name of STRIPE_RETURN_PARAMS) next.delete(name);
        return next;
      },
      { replace: true },
    );
    if (redirectStatus === 'succeeded' || redirectStatus === 'processing') onPaid();
    else message.error(t('stripe.redirectFailed'));
  }, [intent, message, onPaid, redirectStatus, setParams, t]);
}
