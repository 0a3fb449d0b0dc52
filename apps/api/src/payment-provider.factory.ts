import { SandboxPaymentProvider, StripePaymentProvider, type PaymentProvider } from '@vtask/ledger';
import type { AppConfig } from './config';

/** The configured payment provider (PAYMENT_PROVIDER); loadConfig has checked Stripe's settings. */
export function paymentProviderFor(config: AppConfig): PaymentProvider {
  if (config.paymentProvider === 'stripe' && config.stripe) {
    return new StripePaymentProvider({
      secretKey: config.stripe.secretKey,
      webhookSecrets: config.stripe.webhookSecrets,
      apiBase: config.stripe.apiBase,
    });
  }
  return new SandboxPaymentProvider();
}
