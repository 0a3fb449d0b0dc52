import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { timerJobId } from './timer-job-id';
import { defineTimer, type TimerTable } from './timer-definition';
import { Timers, type TimersLogger } from './timers';

// The timers on a real PostgreSQL (the test run's server), in an empty database of their own: pg-boss
// brings its schema. Uses `Timers` directly: Nest 12 is ESM, which Jest cannot load.

const quiet: TimersLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** A timer for these specs whose payload names its firing (`key`). */
function keyed<P extends object = object>(name: string) {
  return defineTimer<P & { key: string }>({ name, key: ({ key }) => key });
}

describe('timer ids', () => {
  it('are the same UUID for the same (name, key) and differ otherwise', () => {
    const id = timerJobId('order.auto-accept', 'order:1:v1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(timerJobId('order.auto-accept', 'order:1:v1')).toBe(id);
    expect(timerJobId('order.auto-accept', 'order:1:v2')).not.toBe(id);
    expect(timerJobId('order.funding-expiry', 'order:1:v1')).not.toBe(id);
  });
});

describe('durable timers', () => {
  let adminUrl: string;
  let database: string;
  let url: string;
  const open: Timers[] = [];

  async function admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    adminUrl = process.env.VTASK_TEST_ADMIN_URL!;
    // Named like the harness's databases, so the global teardown drops it if this file cannot.
    database = `vtask_t_${process.env.VTASK_TEST_RUN}_jobs_${randomBytes(4).toString('hex')}`;
    await admin(`CREATE DATABASE "${database}"`);
    const parsed = new URL(adminUrl);
    parsed.pathname = `/${database}`;
    url = parsed.toString();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((timers) => timers.close()));
  });

  afterAll(() => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));

  function timers(workers = true): Timers {
    const created = new Timers(
      { databaseUrl: url, workers, pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 },
      quiet,
    );
    open.push(created);
    return created;
  }

  async function dbNow(): Promise<number> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ now: Date }>('SELECT now()');
      return rows[0].now.getTime();
    } finally {
      await client.end();
    }
  }

  it('fires once at its time, however often the same key is scheduled', async () => {
    const runner = timers();
    const fired: { payload: object; at: number }[] = [];
    const once = keyed<{ n: number }>('check.once');
    runner.handle(once, async (payload) => void fired.push({ payload, at: Date.now() }));
    await runner.startWorkers();

    const runAt = new Date((await dbNow()) + 1500);
    await runner.schedule(once, { n: 1, key: 'k1' }, runAt);
    await runner.schedule(once, { n: 2, key: 'k1' }, runAt);
    await sleep(800);
    expect(fired).toHaveLength(0);
    await sleep(2500);
    expect(fired).toEqual([{ payload: { n: 1, key: 'k1' }, at: expect.any(Number) }]);
    expect(fired[0].at).toBeGreaterThanOrEqual(runAt.getTime());
  });

  it('reschedules and cancels by key', async () => {
    const runner = timers();
    const fired: string[] = [];
    const moves = keyed<{ tag: string }>('check.moves');
    runner.handle(moves, async ({ tag }) => void fired.push(tag));
    await runner.startWorkers();

    const now = await dbNow();
    await runner.schedule(moves, { tag: 'moved', key: 'a' }, new Date(now + 500));
    await runner.reschedule(moves, { tag: 'moved', key: 'a' }, new Date(now + 2500));
    await runner.schedule(moves, { tag: 'cancelled', key: 'b' }, new Date(now + 500));
    await runner.cancel(moves, { tag: 'cancelled', key: 'b' }, new Date(now + 500));
    await runner.cancel(moves, { tag: 'none', key: 'never-scheduled' }, new Date(now));
    await sleep(1800);
    expect(fired).toEqual([]);
    await sleep(2000);
    expect(fired).toEqual(['moved']);
  });

  it('take a declared timer: its key comes from the payload and the moment, its handlers from one table', async () => {
    const Declared = {
      remind: defineTimer<{ venueId: string }>({
        name: 'check.declared',
        key: ({ venueId }, at) => `${venueId}:${at.toISOString()}`,
      }),
    } satisfies TimerTable;
    const runner = timers();
    const fired: string[] = [];
    runner.handleAll(Declared, { remind: async ({ venueId }) => void fired.push(venueId) });
    await runner.startWorkers();

    const now = await dbNow();
    const first = new Date(now + 500);
    const moved = new Date(now + 1500);
    await runner.schedule(Declared.remind, { venueId: 'v1' }, first);
    await runner.schedule(Declared.remind, { venueId: 'v1' }, first); // the same firing: kept once
    await runner.cancel(Declared.remind, { venueId: 'v1' }, first); // the moment moved...
    await runner.schedule(Declared.remind, { venueId: 'v1' }, moved); // ...so a new firing
    expect(timerJobId('check.declared', `v1:${moved.toISOString()}`)).toBe(
      timerJobId(Declared.remind.name, Declared.remind.key({ venueId: 'v1' }, moved)),
    );
    for (let waited = 0; fired.length < 1 && waited < 6000; waited += 250) await sleep(250);
    await sleep(1000);
    expect(fired).toEqual(['v1']);
    expect(() => runner.handle(Declared.remind, async () => undefined)).toThrow(/already has a handler/);
  });

  it('commits and rolls back with the caller’s transaction', async () => {
    const dataSource = new DataSource({ type: 'postgres', url });
    await dataSource.initialize();
    try {
      const runner = timers();
      const fired: string[] = [];
      const tx = keyed<{ tag?: string }>('check.tx');
      const txNew = keyed<{ tag: string }>('check.tx-new');
      runner.handle(tx, async ({ tag }) => void fired.push(tag!));
      await runner.startWorkers();
      const runAt = new Date(await dbNow());

      await dataSource.transaction(async (manager) => {
        await runner.schedule(tx, { tag: 'committed', key: 'c' }, runAt, { manager });
      });
      await expect(
        dataSource.transaction(async (manager) => {
          await runner.schedule(tx, { tag: 'rolled back', key: 'r' }, runAt, { manager });
          throw new Error('the state change failed');
        }),
      ).rejects.toThrow('the state change failed');
      await expect(runner.schedule(tx, { key: 'x' }, runAt, { manager: dataSource.manager })).rejects.toThrow(
        'running transaction',
      );

      // A queue first used inside a transaction is created beside it, without waiting on it.
      await dataSource.transaction(async (manager) => {
        await manager.query('SELECT 1 FROM pgboss.job LIMIT 1');
        await runner.schedule(txNew, { tag: 'new queue', key: 'n' }, runAt, { manager });
      });
      const stored = await dataSource.query('SELECT data FROM pgboss.job WHERE id = $1', [
        timerJobId('check.tx-new', 'n'),
      ]);
      expect(stored).toEqual([{ data: { tag: 'new queue', key: 'n' } }]);

      await sleep(2000);
      expect(fired).toEqual(['committed']);
    } finally {
      await dataSource.destroy();
    }
  });

  it('fires each job once with two instances polling, and once scheduled by a third', async () => {
    const scheduler = timers(false);
    const [first, second] = [timers(), timers()];
    const fired: { key: string; by: string }[] = [];
    const race = keyed('check.race');
    first.handle(race, async ({ key }) => void fired.push({ key, by: 'first' }));
    second.handle(race, async ({ key }) => void fired.push({ key, by: 'second' }));
    await Promise.all([first.startWorkers(), second.startWorkers(), scheduler.start()]);

    const runAt = new Date((await dbNow()) + 1000);
    const keys = Array.from({ length: 30 }, (_, i) => `job-${i}`);
    await Promise.all(keys.map((key) => scheduler.schedule(race, { key }, runAt)));
    for (let waited = 0; fired.length < keys.length && waited < 15_000; waited += 250) await sleep(250);
    await sleep(1000);

    expect(fired.map((f) => f.key).sort()).toEqual([...keys].sort());
  });

  it('retries a failing handler with backoff, then keeps the job as failed', async () => {
    const runner = new Timers(
      { databaseUrl: url, pollingIntervalSeconds: 0.5, retryLimit: 1, retryDelaySeconds: 1 },
      quiet,
    );
    open.push(runner);
    let calls = 0;
    const fails = keyed('check.fails');
    runner.handle(fails, async () => {
      calls += 1;
      throw new Error('always');
    });
    await runner.startWorkers();
    await runner.schedule(fails, { key: 'f' }, new Date(await dbNow()));
    await sleep(5000);
    expect(calls).toBe(2);

    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT state, output FROM pgboss.job WHERE id = $1', [
        timerJobId('check.fails', 'f'),
      ]);
      expect(rows).toEqual([{ state: 'failed', output: expect.objectContaining({ message: 'always' }) }]);
    } finally {
      await client.end();
    }
  });
});
