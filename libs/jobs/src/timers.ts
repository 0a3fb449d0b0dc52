import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, type PoolClient } from 'pg';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import type { JobsOptions } from './jobs.options';
import { timerJobId } from './timer-job-id';
import type { TimerDefinition, TimerHandler, TimerHandlersOf, TimerTable } from './timer-definition';

export interface TimerWriteOptions {
  /**
   * The manager of a running TypeORM transaction (`dataSource.transaction(async (manager) => ...)`):
   * the timer is written on that transaction's connection, so it commits or rolls back with the state
   * change that needs it. Without it the timer is written at once, on the timers' own pool.
   */
  manager?: EntityManager;
}

/** The part of Nest's Logger the timers use; kept as an interface so this file loads without Nest. */
export interface TimersLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

/** What pg-boss calls to run SQL (its `db` option). */
type Executor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> };

/** A running handler may take this long before pg-boss's maintenance treats it as failed and retries it. */
const JOB_TIMEOUT_SECONDS = 300;

/**
 * Durable one-shot timers on pg-boss 10, in the application's PostgreSQL (no Redis). A timer is a row
 * in `<schema>.job`: a restart or a SIGKILL loses none, and however many processes poll, PostgreSQL
 * hands each due job to exactly one of them (`FOR UPDATE SKIP LOCKED`).
 *
 * - Time is the database's: a job is due when `start_after < now()` in PostgreSQL, so compute `runAt`
 *   from the database clock too (e.g. the deadline column the transition wrote with `now() + ...`).
 *   It fires within about one polling interval after `runAt`.
 * - `key` identifies one firing: the job id is derived from (name, key), so scheduling it again keeps
 *   the first job. When a deadline moves, prefer a new key (`order:<id>:review:<version>`); `reschedule`
 *   replaces the job of the same key instead.
 * - Handlers must be idempotent and check the state they act on: a timer can fire after a manual
 *   transition made it stale (it must then do nothing), and a handler interrupted by a crash runs again.
 *   Returning normally completes the job; throwing retries it with backoff, then keeps it as failed.
 *
 * Handlers run one job at a time per timer name and process, in our own polling loop rather than
 * pg-boss's `work()`: in 10.x `work()` does not await its complete/fail calls, so a database blip at that
 * moment becomes an unhandled rejection that kills the process (timgit/pg-boss#577).
 */
export class Timers {
  private readonly settings: Required<Omit<JobsOptions, 'databaseUrl'>>;
  private readonly pool: Pool;
  private readonly boss: PgBoss;
  private readonly handlers = new Map<string, TimerHandler>();
  private readonly queues = new Map<string, Promise<void>>();
  private queueCreations: Promise<unknown> = Promise.resolve();
  private readonly loops = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private started: Promise<void> | null = null;
  private workersStarted = false;
  private workersStopped: Promise<void> | null = null;
  private closed: Promise<void> | null = null;

  constructor(
    options: JobsOptions,
    private readonly logger: TimersLogger,
  ) {
    this.settings = {
      schema: options.schema ?? 'pgboss',
      workers: options.workers ?? true,
      pollingIntervalSeconds: Math.max(options.pollingIntervalSeconds ?? 1, 0.5),
      retryLimit: options.retryLimit ?? 5,
      retryDelaySeconds: options.retryDelaySeconds ?? 2,
      shutdownTimeoutMs: options.shutdownTimeoutMs ?? 10_000,
      poolSize: options.poolSize ?? 5,
    };
    // Our own pool, handed to pg-boss as its `db`: the same connections also run `reschedule`'s
    // transaction, and an idle connection's error is logged here instead of crashing the process.
    this.pool = new Pool({
      connectionString: options.databaseUrl,
      max: this.settings.poolSize,
      application_name: 'v-task-timers',
    });
    this.pool.on('error', (error) => this.logger.warn(`Timers' idle connection failed: ${error.message}`));
    const db: Executor = { executeSql: (text, values) => this.pool.query(text, values) };
    this.boss = new PgBoss({
      db,
      schema: this.settings.schema,
      // pg-boss creates its schema on first start and migrates it on upgrade, under an advisory lock
      // (safe with several instances starting at once); it uses nothing beyond PostgreSQL 13, so 15 and
      // 18 both work. It lives beside our tables but outside our migrations: pg-boss owns its versions.
      migrate: true,
      // No cron schedules: that would only add pg-boss's internal queue and its poller.
      schedule: false,
      // Maintenance (expiring stuck jobs, archiving finished ones) runs where handlers run.
      supervise: this.settings.workers,
    });
    this.boss.on('error', (error: Error) => this.logger.error(`pg-boss: ${error.message}`, error.stack));
  }

  /** Installs or migrates pg-boss's schema and connects; every other method waits for it. */
  start(): Promise<void> {
    this.started ??= this.boss.start().then(
      () => undefined,
      (error: unknown) => {
        this.started = null;
        throw error;
      },
    );
    return this.started;
  }

  /**
   * Registers the handler of timer `name` (once per name and process). Call it before the workers
   * start (a module's onModuleInit); a handler registered later starts polling at once.
   */
  handle<T extends object>(timer: TimerDefinition<T>, handler: TimerHandler<T>): void {
    const name = timer.name;
    if (this.handlers.has(name)) throw new Error(`Timer "${name}" already has a handler.`);
    this.handlers.set(name, handler as TimerHandler);
    if (this.workersStarted && !this.stopping.signal.aborted) this.startLoop(name, handler as TimerHandler);
  }

  /** Registers one handler for each timer of a library's table (see `timerHandlers` for modules). */
  handleAll<T extends TimerTable>(table: T, handlers: TimerHandlersOf<T>): void {
    for (const id of Object.keys(table)) this.handle(table[id], handlers[id]);
  }

  /** Starts polling for every registered handler (no-op with `workers: false`). */
  async startWorkers(): Promise<void> {
    if (!this.settings.workers || this.workersStarted) return;
    this.workersStarted = true;
    await this.start();
    await Promise.all([...this.handlers.keys()].map((name) => this.ensureQueue(name)));
    for (const [name, handler] of this.handlers) this.startLoop(name, handler);
    if (this.handlers.size) this.logger.log(`Timers running: ${[...this.handlers.keys()].join(', ')}`);
  }

  /**
   * A durable one-shot timer: `name`'s handler runs once with `payload` at `runAt` (database clock).
   * Idempotent on (name, key): while a job of that key exists (pending, done or cancelled, until pg-boss
   * archives it, 12 h after it finished), scheduling it again changes nothing.
   */
  async schedule<T extends object>(
    timer: TimerDefinition<T>,
    payload: T,
    runAt: Date,
    options: TimerWriteOptions = {},
  ): Promise<void> {
    const db = this.executor(options);
    const send = this.sendOptions(timer, payload, runAt);
    await this.ensureQueue(timer.name);
    await this.boss.send(timer.name, payload, { ...send, db });
  }

  /**
   * Replaces the timer of (name, key), whatever its state, with one at `runAt` (a moved deadline, or
   * re-arming a cancelled timer). Deleting the old job and inserting the new one commit together.
   * Do not reschedule a timer whose handler may be running at that moment: prefer a new key then.
   */
  async reschedule<T extends object>(
    timer: TimerDefinition<T>,
    payload: T,
    runAt: Date,
    options: TimerWriteOptions = {},
  ): Promise<void> {
    const send = this.sendOptions(timer, payload, runAt);
    await this.ensureQueue(timer.name);
    await this.inTransaction(options, async (db) => {
      await this.boss.deleteJob(timer.name, send.id!, { db });
      await this.boss.send(timer.name, payload, { ...send, db });
    });
  }

  /**
   * Best effort: a pending timer of (name, key) will not fire. Nothing happens when there is none or it
   * already fired, and a handler already running is not stopped (hence idempotent handlers).
   */
  async cancel<T extends object>(
    timer: TimerDefinition<T>,
    payload: T,
    runAt: Date,
    options: TimerWriteOptions = {},
  ): Promise<void> {
    const db = this.executor(options);
    await this.start();
    await this.boss.cancel(timer.name, timerJobId(timer.name, timer.key(payload, runAt)), { db });
  }

  /** Stops taking jobs and waits (up to shutdownTimeoutMs) for running handlers to finish. */
  stopWorkers(): Promise<void> {
    this.workersStopped ??= this.drain();
    return this.workersStopped;
  }

  /** Stops the workers, pg-boss's maintenance and the pool. Jobs are rows: nothing pending is lost. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await this.stopWorkers();
      await this.boss.stop({ graceful: true, timeout: this.settings.shutdownTimeoutMs, wait: true });
      await this.pool.end();
    })();
    return this.closed;
  }

  private async drain(): Promise<void> {
    this.stopping.abort();
    if (this.loops.size === 0) return;
    const finished = Promise.all(this.loops).then(() => true);
    const timeout = sleep(this.settings.shutdownTimeoutMs, false, { ref: false });
    if (!(await Promise.race([finished, timeout]))) {
      this.logger.warn(
        `Timer handlers still running after ${this.settings.shutdownTimeoutMs} ms; ` +
          `their jobs run again once they expire (${JOB_TIMEOUT_SECONDS} s after they started).`,
      );
    }
  }

  private startLoop(name: string, handler: TimerHandler): void {
    const loop = this.ensureQueue(name)
      .then(() => this.poll(name, handler))
      .catch((error: unknown) => {
        this.logger.error(`Timer "${name}" stopped polling: ${message(error)}`, stack(error));
      });
    this.loops.add(loop);
  }

  private async poll(name: string, handler: TimerHandler): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      let jobs: PgBoss.JobWithMetadata<object>[] = [];
      try {
        jobs = await this.boss.fetch<object>(name, { includeMetadata: true });
      } catch (error) {
        this.logger.error(`Timer "${name}" could not fetch jobs: ${message(error)}`);
      }
      if (jobs.length > 0) {
        await this.run(name, jobs[0], handler);
        continue; // drain what is due before sleeping
      }
      await sleep(this.settings.pollingIntervalSeconds * 1000, undefined, { signal }).catch(() => undefined);
    }
  }

  private async run(name: string, job: PgBoss.JobWithMetadata<object>, handler: TimerHandler): Promise<void> {
    const label = `Timer "${name}" (key ${job.singletonKey ?? job.id})`;
    try {
      await handler(job.data);
    } catch (error) {
      const final = job.retryCount >= job.retryLimit;
      const attempt = `attempt ${job.retryCount + 1} of ${job.retryLimit + 1}`;
      const outcome = final ? 'kept as failed' : 'will retry';
      const line = `${label} failed (${attempt}, ${outcome}): ${message(error)}`;
      if (final) this.logger.error(line, stack(error));
      else this.logger.warn(line);
      const output = error instanceof Error ? error : { message: message(error) };
      await this.record(label, () => this.boss.fail(name, job.id, output));
      return;
    }
    await this.record(label, () => this.boss.complete(name, job.id));
  }

  /** Records a job's outcome. If that fails, the job stays active and runs again once it expires. */
  private async record(label: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.error(
        `${label}: could not record its outcome (${message(error)}); it runs again once it expires.`,
      );
    }
  }

  /** pg-boss 10 only accepts jobs for queues that exist: each name is created once, before first use. */
  private ensureQueue(name: string): Promise<void> {
    let ready = this.queues.get(name);
    if (!ready) {
      // One creation at a time in this process, so only one connection waits for the lock below.
      ready = this.queueCreations.then(() => this.createQueue(name));
      this.queueCreations = ready.catch(() => undefined);
      ready.catch(() => this.queues.delete(name)); // try again on the next call
      this.queues.set(name, ready);
    }
    return ready;
  }

  /**
   * `createQueue` is idempotent but not concurrency-safe: two creations at once (two instances booting,
   * even for different names) deadlock on pg-boss's `queue` table. A session advisory lock serializes
   * them across processes; the usual case, a queue that exists, takes no lock.
   */
  private async createQueue(name: string): Promise<void> {
    await this.start();
    if (await this.boss.getQueue(name)) return;
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`${this.settings.schema}.create_queue`]);
      try {
        await this.boss.createQueue(name);
      } finally {
        await client
          .query('SELECT pg_advisory_unlock(hashtext($1))', [`${this.settings.schema}.create_queue`])
          .catch((error: Error) => (broken = error)); // dropping the connection frees the lock
      }
    } finally {
      client.release(broken);
    }
  }

  /** pg-boss's options for one firing of `timer`: the job id comes from its name and key. */
  private sendOptions<T extends object>(
    timer: TimerDefinition<T>,
    payload: T,
    runAt: Date,
  ): PgBoss.SendOptions {
    const name = timer.name;
    if (!(runAt instanceof Date) || Number.isNaN(runAt.getTime())) {
      throw new Error(`Timer "${name}" needs a valid runAt date.`);
    }
    const key = timer.key(payload, runAt);
    if (!key) throw new Error(`Timer "${name}" needs a key.`);
    return {
      id: timerJobId(name, key),
      // Not a uniqueness rule (the queue's standard policy ignores it): it shows the key on the row.
      singletonKey: key,
      startAfter: runAt,
      retryLimit: this.settings.retryLimit,
      retryDelay: this.settings.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: JOB_TIMEOUT_SECONDS,
    };
  }

  /** pg-boss's `db` for a write inside the caller's transaction, or undefined for its own pool. */
  private executor(options: TimerWriteOptions): Executor | undefined {
    if (!options.manager) return undefined;
    const runner = options.manager.queryRunner;
    // A manager outside a transaction would write on some pooled connection, not "with" anything.
    if (!runner?.isTransactionActive) {
      throw new Error('Timers take the manager of a running transaction, or none.');
    }
    return {
      executeSql: async (text, values) => ({ rows: (await runner.query(text, values, true)).records ?? [] }),
    };
  }

  private async inTransaction(
    options: TimerWriteOptions,
    work: (db: Executor) => Promise<void>,
  ): Promise<void> {
    const callers = this.executor(options);
    if (callers) return work(callers);
    const client: PoolClient = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await work({ executeSql: (text, values) => client.query(text, values) });
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stack(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined;
}
