export const ACCOUNTS_OPTIONS = Symbol('ACCOUNTS_OPTIONS');

export interface AccountsOptions {
  /** HS256 signing key for bearer tokens. */
  jwtSecret: string;
  /** Token lifetime in seconds (12 h by default). */
  tokenTtlSeconds: number;
}
