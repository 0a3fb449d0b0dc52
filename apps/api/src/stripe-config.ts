// The Stripe settings (PAYMENT_PROVIDER=stripe), read and checked at start by `loadConfig` in config.ts.
import { ConfigError } from './config-error';

/** Where the Stripe SDK sends its requests when not to api.stripe.com (STRIPE_API_BASE). */
export interface StripeApiBaseConfig {
  protocol: 'http' | 'https';
  host: string;
  port: number;
}

export interface StripeConfig {
  secretKey: string;
  /** STRIPE_WEBHOOK_SECRET: one endpoint signing secret, or several separated by commas. */
  webhookSecrets: string[];
  apiBase: StripeApiBaseConfig | null;
  /**
   * STRIPE_PUBLISHABLE_KEY (pk_test_... or pk_live_...), which the web console gives Stripe.js to take
   * card payments. Optional: without it the API still works and the console says card payment is not set up.
   */
  publishableKey: string | null;
}

/** PAYMENT_PROVIDER=stripe needs both keys: refuse to start rather than fail at the first payment. */
export function stripeConfig(env: NodeJS.ProcessEnv): StripeConfig {
  const secretKey = env.STRIPE_SECRET_KEY?.trim() ?? '';
  const webhookSecrets = (env.STRIPE_WEBHOOK_SECRET ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter(Boolean);
  const missing = [
    secretKey ? null : 'STRIPE_SECRET_KEY',
    webhookSecrets.length ? null : 'STRIPE_WEBHOOK_SECRET',
  ].filter(Boolean);
  if (missing.length) {
    throw new ConfigError(
      `PAYMENT_PROVIDER=stripe needs ${missing.join(' and ')}: the secret key (sk_test_...) from the Stripe dashboard's API keys, ` +
        'and the webhook signing secret (whsec_...) that `stripe listen` prints or the webhook endpoint shows.',
    );
  }
  return {
    secretKey,
    webhookSecrets,
    apiBase: stripeApiBase(env),
    publishableKey: stripePublishableKey(env, secretKey),
  };
}

/**
 * STRIPE_PUBLISHABLE_KEY is sent to every browser, so a secret key pasted here by mistake must stop the
 * start; so must a key of the other mode than the secret key's, which Stripe.js would only refuse at payment.
 */
export function stripePublishableKey(env: NodeJS.ProcessEnv, secretKey: string): string | null {
  const key = env.STRIPE_PUBLISHABLE_KEY?.trim();
  if (!key) return null;
  if (!key.startsWith('pk_')) {
    throw new ConfigError(
      `STRIPE_PUBLISHABLE_KEY must be the publishable key (pk_test_... or pk_live_...) from the Stripe dashboard's API keys, not a value starting with "${key.slice(0, 3)}".`,
    );
  }
  const mode = (value: string) => /^[a-z]+_(test|live)_/.exec(value)?.[1] ?? null;
  const [publishableMode, secretMode] = [mode(key), mode(secretKey)];
  if (publishableMode && secretMode && publishableMode !== secretMode) {
    throw new ConfigError(
      `STRIPE_PUBLISHABLE_KEY is a ${publishableMode} key but STRIPE_SECRET_KEY is a ${secretMode} key: use the two keys of the same mode.`,
    );
  }
  return key;
}

/** STRIPE_API_BASE, e.g. http://127.0.0.1:12111 (stripe-mock): unset means api.stripe.com. */
export function stripeApiBase(env: NodeJS.ProcessEnv): StripeApiBaseConfig | null {
  const raw = env.STRIPE_API_BASE?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`STRIPE_API_BASE must be a URL such as http://127.0.0.1:12111, not "${raw}".`);
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    throw new ConfigError(
      `STRIPE_API_BASE must be an http(s) origin without a path, such as http://127.0.0.1:12111, not "${raw}".`,
    );
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { protocol, host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443 };
}
