import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { MIN_PASSWORD_LENGTH } from '@vtask/accounts';
import { DEFAULT_CANCELLATION_TERMS, parseCancellationTerms, type CancellationStage } from '@vtask/orders';
import { ConfigError } from './config-error';
import { stripeConfig, type StripeConfig } from './stripe-config';

export { ConfigError } from './config-error';
export {
  stripeApiBase,
  stripePublishableKey,
  type StripeApiBaseConfig,
  type StripeConfig,
} from './stripe-config';

export type PaymentProviderName = 'sandbox' | 'stripe';

/** Everything V-Task reads from the environment, parsed and checked once at start (SPEC "Configuration"). */
export interface AppConfig {
  port: number;
  /** Null: start the embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | null;
  /**
   * DATABASE_READ_URLS: streaming replicas of DATABASE_URL's database, comma-separated. GraphQL queries
   * may read from them (they lag the primary); writes, transactions, mutations, subscriptions, timers
   * and webhooks use the primary. Empty: everything on the primary.
   */
  databaseReadUrls: string[];
  /** DATABASE_POOL_SIZE: connections each instance may open to the primary, and to each replica. */
  databasePoolSize: number;
  dataDir: string;
  /** Port of the embedded PostgreSQL when `databaseUrl` is null. */
  embeddedPostgresPort: number;
  /**
   * EMBEDDED_PG_FSYNC (on by default): the embedded PostgreSQL holds escrow and the ledger, so each
   * commit reaches the disk. `off` is for tests and benchmarks only, whose data is thrown away.
   */
  embeddedPostgresFsync: boolean;
  jwtSecret: string;
  tokenTtlSeconds: number;
  adminEmail: string | null;
  adminPassword: string | null;
  /** Null: seed when the database has no users yet, except in production (the demo admin is public). */
  seedDemo: boolean | null;
  platformFeeBps: number;
  orderFundingWindowS: number;
  orderReviewWindowS: number;
  /** Seconds after a provider call is recorded before recovery finishes it if a crash interrupted it. */
  orderRecoveryDelayS: number;
  invitationTtlS: number;
  /** DAY_S: seconds in a "day" of a duration written in days (retention, exclusivity); 86400 in production. */
  dayS: number;
  /** RETENTION_HOLDBACK_BPS: share of the price held in escrow through the retention window. */
  retentionHoldbackBps: number;
  /** RESTORE_WINDOW_S: seconds to restore content the merchant reported down. */
  restoreWindowS: number;
  /** PUBLISH_WINDOW_S: seconds after acceptance to mark the content published. */
  publishWindowS: number;
  /** CANCELLATION_TERMS: the kill-fee table fixed on each new order (SPEC "Cancellation"). */
  cancellationTerms: CancellationStage[];
  /** REVISION_WINDOW_S: seconds the creator has to deliver a requested revision. */
  revisionWindowS: number;
  /** DISPUTE_WINDOW_S: seconds before an undecided dispute is overdue. */
  disputeWindowS: number;
  /** Seconds a message may stay unread before its reader is notified. */
  messageUnreadNotifyS: number;
  /** ATTRIBUTION_WINDOW_S: a reported sale counts for a click at most this many seconds after it. */
  attributionWindowS: number;
  /** CONVERSION_KEY_GRACE_S: an old conversion key keeps signing this long after a new one is made. */
  conversionKeyGraceS: number;
  /**
   * CONVERSION_KEY_SECRET: the key material conversion keys are encrypted under (and the day's visitor
   * hashes keyed by), each through its own derived key. Default: the JWT secret, which then must not
   * change while keys are in use; set it separately to rotate sign-in tokens on their own.
   */
  conversionKeySecret: string;
  paymentProvider: PaymentProviderName;
  /** Set exactly when paymentProvider is stripe. */
  stripe: StripeConfig | null;
  /**
   * ALLOW_SANDBOX_PAYMENTS=true: production runs with the sandbox provider (a demo), with a warning at
   * start. Without it, production refuses the sandbox, which funds escrow with money nobody paid.
   */
  allowSandboxPayments: boolean;
  production: boolean;
  /** The least severe level logged: verbose, debug, log (default), warn, error, fatal. */
  logLevel: 'verbose' | 'debug' | 'log' | 'warn' | 'error' | 'fatal';
  /** One JSON object per log line (default in production; LOG_FORMAT=json elsewhere). */
  logJson: boolean;
  /** Log-in attempts allowed per minute, per email and per client address. */
  loginAttemptsPerMinute: number;
  /**
   * TRUST_PROXY: which proxies in front of the API may name the client's address (X-Forwarded-For),
   * as Express's `trust proxy` takes it. False (the default) uses the connection's address.
   */
  trustProxy: boolean | number | string;
  /**
   * PUBLIC_CACHE (on by default; `off` to measure without it): anonymous queries are answered from a
   * shared in-memory cache for PUBLIC_CACHE_TTL_S seconds at most, and sooner forgotten when a task
   * changes (live events). A signed-in viewer shares answers with their role only, and only those that
   * read nothing of who they are (graphql/public-cache.ts): nothing of a viewer's own is ever stored.
   */
  publicCache: { enabled: boolean; ttlSeconds: number };
  /**
   * EXPOSE_QUERY_STATS (off by default; for benchmarks): each GraphQL answer carries the number of SQL
   * statements its request ran in an `x-sql-statements` header.
   */
  exposeQueryStats: boolean;
  /** MAX_ROOT_FIELDS, MAX_ALIASES: how far one operation may multiply work (SPEC "Limits"). */
  queryLimits: { maxRootFields: number; maxAliases: number };
  /**
   * EXPENSIVE_OPERATIONS_PER_USER: operations with a ranking, an aggregate or a large price that one
   * signed-in user may run at once on an instance; more is RATE_LIMITED.
   */
  expensiveOperationsPerUser: number;
  /**
   * MAX_ORDER_AMOUNT as a decimal string (default 999999.99, Stripe's ceiling): the largest price of a
   * task slot, bid, invitation, offer, order or payout, in any currency.
   */
  maxOrderAmount: string;
  /**
   * HEALTH_DETAILS (off by default): /health also reports the process's RSS, heap, event-loop delay (p99
   * since the previous answer) and active handles, for soak runs and leak hunting; off, it says nothing
   * of the process to whoever can reach it.
   */
  healthDetails: boolean;
}

/** Where the data lives: what the API, the migration command and backup/restore all read. */
export type StorageConfig = Pick<
  AppConfig,
  'databaseUrl' | 'dataDir' | 'embeddedPostgresPort' | 'embeddedPostgresFsync'
>;

export function loadStorageConfig(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  return {
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir: resolve(env.DATA_DIR || '.data'),
    embeddedPostgresPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 0, 65535),
    embeddedPostgresFsync: oneOf(env, 'EMBEDDED_PG_FSYNC', ['on', 'off'] as const, 'on') === 'on',
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const storage = loadStorageConfig(env);
  const dataDir = storage.dataDir;
  const production = env.NODE_ENV === 'production';
  const paymentProvider = (env.PAYMENT_PROVIDER || 'sandbox') as PaymentProviderName;
  if (paymentProvider !== 'sandbox' && paymentProvider !== 'stripe') {
    throw new ConfigError(`PAYMENT_PROVIDER must be sandbox or stripe, not "${paymentProvider}".`);
  }
  const allowSandboxPayments =
    oneOf(env, 'ALLOW_SANDBOX_PAYMENTS', ['true', 'false'] as const, 'false') === 'true';
  if (production && paymentProvider === 'sandbox' && !allowSandboxPayments) {
    throw new ConfigError(
      'NODE_ENV=production with the sandbox payment provider would let anyone fund escrow for free. ' +
        'Set PAYMENT_PROVIDER=stripe (with STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET), ' +
        'or ALLOW_SANDBOX_PAYMENTS=true for a demo where no real money moves.',
    );
  }
  const adminEmail = env.ADMIN_EMAIL?.trim() || null;
  const adminPassword = env.ADMIN_PASSWORD || null;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError('Set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither.');
  }
  // Checked here so a bad value stops the start with one clear line rather than a stack trace later.
  if (adminEmail && !/^[^\s@]+@[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError(`ADMIN_EMAIL must be an email address, not "${adminEmail}".`);
  }
  if (adminPassword && adminPassword.length < MIN_PASSWORD_LENGTH) {
    throw new ConfigError(`ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const jwtSecret = env.JWT_SECRET || generatedSecret(dataDir, 'jwt-secret');
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    ...storage,
    databaseReadUrls: databaseReadUrls(env.DATABASE_READ_URLS, storage.databaseUrl),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 20, 1, 1000),
    jwtSecret,
    tokenTtlSeconds: integer(env, 'TOKEN_TTL_S', 12 * 3600, 1),
    adminEmail,
    adminPassword,
    seedDemo: env.SEED_DEMO === undefined || env.SEED_DEMO === '' ? null : env.SEED_DEMO === 'true',
    platformFeeBps: integer(env, 'PLATFORM_FEE_BPS', 1000, 0, 10000),
    orderFundingWindowS: integer(env, 'ORDER_FUNDING_WINDOW_S', 172800, 1),
    orderReviewWindowS: integer(env, 'ORDER_REVIEW_WINDOW_S', 259200, 1),
    orderRecoveryDelayS: integer(env, 'ORDER_RECOVERY_DELAY_S', 30, 1),
    invitationTtlS: integer(env, 'INVITATION_TTL_S', 86400, 1),
    dayS: dayS(env, production),
    // Below 10000: acceptance always releases something, so its posting is never empty.
    retentionHoldbackBps: integer(env, 'RETENTION_HOLDBACK_BPS', 1000, 0, 9999),
    restoreWindowS: integer(env, 'RESTORE_WINDOW_S', 172800, 1),
    publishWindowS: integer(env, 'PUBLISH_WINDOW_S', 604800, 1),
    cancellationTerms: cancellationTerms(env.CANCELLATION_TERMS),
    revisionWindowS: integer(env, 'REVISION_WINDOW_S', 259200, 1),
    disputeWindowS: integer(env, 'DISPUTE_WINDOW_S', 432000, 1),
    messageUnreadNotifyS: integer(env, 'MESSAGE_UNREAD_NOTIFY_S', 600, 1),
    attributionWindowS: integer(env, 'ATTRIBUTION_WINDOW_S', 604800, 1),
    conversionKeyGraceS: integer(env, 'CONVERSION_KEY_GRACE_S', 86400, 0),
    conversionKeySecret: env.CONVERSION_KEY_SECRET || jwtSecret,
    paymentProvider,
    stripe: paymentProvider === 'stripe' ? stripeConfig(env) : null,
    allowSandboxPayments,
    production,
    logLevel: oneOf(env, 'LOG_LEVEL', ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as const, 'log'),
    logJson: env.LOG_FORMAT ? env.LOG_FORMAT === 'json' : production,
    loginAttemptsPerMinute: integer(env, 'LOGIN_ATTEMPTS_PER_MINUTE', 10, 1),
    trustProxy: trustProxy(env.TRUST_PROXY),
    publicCache: {
      enabled: oneOf(env, 'PUBLIC_CACHE', ['on', 'off'] as const, 'on') === 'on',
      ttlSeconds: integer(env, 'PUBLIC_CACHE_TTL_S', 2, 1, 60),
    },
    exposeQueryStats: oneOf(env, 'EXPOSE_QUERY_STATS', ['on', 'off'] as const, 'off') === 'on',
    queryLimits: {
      maxRootFields: integer(env, 'MAX_ROOT_FIELDS', 20, 1, 1000),
      maxAliases: integer(env, 'MAX_ALIASES', 20, 0, 1000),
    },
    expensiveOperationsPerUser: integer(env, 'EXPENSIVE_OPERATIONS_PER_USER', 2, 1),
    maxOrderAmount: maxOrderAmount(env.MAX_ORDER_AMOUNT),
    healthDetails: oneOf(env, 'HEALTH_DETAILS', ['on', 'off'] as const, 'off') === 'on',
  };
}

/**
 * DATABASE_READ_URLS: postgres:// URLs of read replicas, comma-separated. Checked here so a typo stops
 * the start instead of failing the first query that lands on it; a bad entry is named by its position,
 * never echoed, since it may hold a password.
 */
function databaseReadUrls(raw: string | undefined, databaseUrl: string | null): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!entries.length) return [];
  if (!databaseUrl) {
    throw new ConfigError(
      'DATABASE_READ_URLS needs DATABASE_URL: replicas follow an external primary, not the embedded PostgreSQL.',
    );
  }
  entries.forEach((entry, index) => {
    const url = URL.canParse(entry) ? new URL(entry) : null;
    if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || !url.hostname) {
      throw new ConfigError(
        `DATABASE_READ_URLS entry ${index + 1} of ${entries.length} must be a URL such as postgres://user:password@replica-host:5432/vtask.`,
      );
    }
  });
  return entries;
}

/** DAY_S: a smaller "day" lets tests run retention and exclusivity in seconds; production keeps real days. */
function dayS(env: NodeJS.ProcessEnv, production: boolean): number {
  const value = integer(env, 'DAY_S', 86400, 1, 86400);
  if (production && value !== 86400) {
    throw new ConfigError(`DAY_S=${value} is for tests only: production counts days of 86400 seconds.`);
  }
  return value;
}

/** CANCELLATION_TERMS, checked at start so a typo never fixes a wrong kill fee on orders. */
function cancellationTerms(raw: string | undefined): CancellationStage[] {
  try {
    return parseCancellationTerms(raw?.trim() || DEFAULT_CANCELLATION_TERMS);
  } catch (error) {
    throw new ConfigError(
      `CANCELLATION_TERMS must be untilElapsedBps:creatorShareBps rows such as ${DEFAULT_CANCELLATION_TERMS}: ${(error as Error).message}.`,
    );
  }
}

/** Stripe's ceiling for one charge in two-decimal currencies (99,999,999 minor units). */
const DEFAULT_MAX_ORDER_AMOUNT = '999999.99';

/**
 * MAX_ORDER_AMOUNT: a positive amount with at most 2 decimals (both currencies have 2) and at most
 * 10 digits before the point. Even at that ceiling, a wallet's running balance (bigint, 9.2e18 minor
 * units) would need over 9 million such orders before it could overflow.
 */
function maxOrderAmount(raw: string | undefined): string {
  const value = raw?.trim() || DEFAULT_MAX_ORDER_AMOUNT;
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match || !/[1-9]/.test(value)) {
    throw new ConfigError(
      `MAX_ORDER_AMOUNT must be a positive amount with at most 2 decimals and 10 digits before the point, such as ${DEFAULT_MAX_ORDER_AMOUNT}, not "${raw}".`,
    );
  }
  return `${BigInt(match[1])}.${(match[2] ?? '').padEnd(2, '0')}`;
}

/** Express's names for address ranges in `trust proxy`. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: unset or false; true (every proxy: only when the one in front strips the header); a
 * number of hops; or a comma list of addresses, CIDR ranges and loopback, linklocal, uniquelocal.
 * Checked here because a wrong value would quietly let clients choose the address they are limited by.
 */
function trustProxy(raw: string | undefined): boolean | number | string {
  const value = raw?.trim() ?? '';
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefixOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_RANGES.has(entry) && (!family || !prefixOk || rest.length)) {
      throw new ConfigError(
        `TRUST_PROXY must be true, false, a number of hops, or addresses and ranges such as "loopback, 10.0.0.0/8", not "${value}".`,
      );
    }
  }
  return entries.join(',');
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!values.includes(raw as T))
    throw new ConfigError(`${name} must be one of ${values.join(', ')}, not "${raw}".`);
  return raw as T;
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
  }
  return value;
}

/** A secret generated once and kept in DATA_DIR, so tokens survive restarts without configuration. */
function generatedSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
