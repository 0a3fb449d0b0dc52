import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe, type Stripe, type StripeElementLocale } from '@stripe/stripe-js';
import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { Lang } from '../../lib/countdown';

const STRIPE_LOCALE: Record<Lang, StripeElementLocale> = { zh: 'zh', en: 'en' };

const stripeLoads = new Map<string, Promise<Stripe | null>>();

/**
 * Stripe.js for a publishable key, loaded once per key: Elements must keep the Stripe object it was
 * first given, and each loadStripe call makes a new one. A failed load (js.stripe.com unreachable)
 * resolves null and is forgotten, so opening the payment again tries again.
 */
export function stripeFor(publishableKey: string): Promise<Stripe | null> {
  let load = stripeLoads.get(publishableKey);
  if (!load) {
    load = loadStripe(publishableKey).catch(() => {
      stripeLoads.delete(publishableKey);
      return null;
    });
    stripeLoads.set(publishableKey, load);
  }
  return load;
}

/** What the PaymentIntent says once the payer has done their part; a webhook then funds the escrow. */
export type PaidStatus = 'succeeded' | 'processing';

export interface StripePaymentModalProps {
  publishableKey: string;
  /** fundOrder's answer for the order's funding key (the same one when the merchant comes back). */
  clientSecret: string;
  /** Where Stripe sends the payer back after a payment method that redirects (a bank's or wallet's page). */
  returnUrl: string;
  amount: ReactNode;
  onPaid: (status: PaidStatus) => void;
  onClose: () => void;
}

/** Stripe's Payment Element in a dialog; it stays open on an error so the payer can try again. */
export function StripePaymentModal(props: StripePaymentModalProps) {
  const { t, lang } = useI18n();
  const stripe = stripeFor(props.publishableKey);
  const [loadFailed, setLoadFailed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    let current = true;
    void stripe.then((loaded) => {
      if (current && !loaded) setLoadFailed(true);
    });
    return () => {
      current = false;
    };
  }, [stripe]);
  return (
    <Modal
      open
      title={t('stripe.title')}
      footer={null}
      // Closing while Stripe confirms would hide its answer; the payment itself goes on either way.
      closable={!confirming}
      keyboard={!confirming}
      mask={{ closable: false }}
      onCancel={() => {
        if (!confirming) props.onClose();
      }}
      destroyOnHidden
    >
      {loadFailed ? (
        <Alert type="error" showIcon title={t('stripe.loadFailed')} data-testid="stripe-load-failed" />
      ) : (
        <Elements stripe={stripe} options={{ clientSecret: props.clientSecret, locale: STRIPE_LOCALE[lang] }}>
          <PaymentForm
            returnUrl={props.returnUrl}
            amount={props.amount}
            onPaid={props.onPaid}
            onConfirming={setConfirming}
          />
        </Elements>
      )}
    </Modal>
  );
}

interface PaymentFormProps {
  returnUrl: string;
  amount: ReactNode;
  onPaid: (status: PaidStatus) => void;
  onConfirming: (confirming: boolean) => void;
}

function PaymentForm({ returnUrl, amount, onPaid, onConfirming }: PaymentFormProps) {
  const { t } = useI18n();
  const stripe = useStripe();
  const elements = useElements();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = (value: boolean) => {
    setConfirming(value);
    onConfirming(value);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!stripe || !elements || confirming) return;
    busy(true);
    setError(null);
    let paid: PaidStatus | null = null;
    try {
      // Cards (and 3-D Secure) finish here; a method that needs its own page comes back to returnUrl.
      const result = await stripe.confirmPayment({
        elements,
        redirect: 'if_required',
        confirmParams: { return_url: returnUrl },
      });
      if (result.error) {
        setError(result.error.message || t('stripe.failed'));
      } else if (
        result.paymentIntent.status === 'succeeded' ||
        result.paymentIntent.status === 'processing'
      ) {
        paid = result.paymentIntent.status;
      } else {
        setError(t('stripe.notCompleted', { status: result.paymentIntent.status }));
      }
    } catch {
      setError(t('stripe.failed'));
    } finally {
      busy(false);
    }
    if (paid) onPaid(paid);
  };
  return (
    <form onSubmit={submit} data-testid="stripe-payment-form">
      <Flex vertical gap={12}>
        <Typography.Text>
          {t('stripe.amount')}: {amount}
        </Typography.Text>
        {stripe ? null : <Typography.Text type="secondary">{t('stripe.loading')}</Typography.Text>}
        <PaymentElement />
        {error ? <Alert type="error" showIcon title={error} data-testid="stripe-error" /> : null}
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={confirming}
          disabled={!stripe || !elements}
          data-testid="stripe-pay"
        >
          {confirming ? t('stripe.confirming') : t('stripe.pay')}
        </Button>
        <Typography.Text type="secondary">{t('stripe.resumeHint')}</Typography.Text>
      </Flex>
    </form>
  );
}
