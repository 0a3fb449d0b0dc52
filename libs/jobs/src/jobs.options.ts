export const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

export interface JobsOptions {
  /** The application's own PostgreSQL: timers are rows in it, so they share its backups and clock. */
  databaseUrl: string;
  /** Schema pg-boss creates and migrates on start (default `pgboss`). */
  schema?: string;
  /** Run handlers in this process (default true). False: a process that only schedules. */
  workers?: boolean;
  /** How often each timer queue is polled when idle, in seconds (default 1, pg-boss minimum 0.5). */
  pollingIntervalSeconds?: number;
  /** Retries after a handler throws, before the job is kept as failed (default 5). */
  retryLimit?: number;
  /** First retry delay in seconds, doubled on each retry with jitter (default 2: ~2, 4, 8, 16, 32 s). */
  retryDelaySeconds?: number;
  /** How long shutdown waits for running handlers, in milliseconds (default 10 000). */
  shutdownTimeoutMs?: number;
  /** Connections of the timers' own pool (default 5). */
  poolSize?: number;
}
