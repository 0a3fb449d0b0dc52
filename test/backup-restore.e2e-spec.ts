import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../libs/database/src/embedded-postgres';
import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV } from './support/fixtures';
import { TestServer } from './support/harness';
import { ledgerViolations, orderIn, setUpParties, type Parties } from './support/order-fixtures';

const run = promisify(execFile);
const CLI = join(__dirname, '../dist/apps/api/src/cli');
const ME = `{ me { id role } }`;

/** Every row of the tables that hold the money, keyed so two snapshots compare row by row. */
async function moneyState(server: TestServer): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  const tables: [string, string][] = [
    ['orders', 'id::text'],
    ['ledger_transactions', 'id::text'],
    ['ledger_entries', 'id::text'],
    ['ledger_balances', `account || '/' || currency`],
  ];
  for (const [table, key] of tables) {
    const rows = await server.sql(`SELECT ${key} AS key, to_jsonb(t)::text AS row FROM ${table} t`);
    for (const row of rows) state.set(`${table}:${row.key}`, row.row);
  }
  return state;
}

/**
 * `npm run backup` copies the embedded database while the API runs and takes writes (PostgreSQL's
 * online backup functions), and `npm run restore` puts it into a fresh DATA_DIR: the API started there
 * finds every order, ledger entry and balance as it was, with the ledger balanced.
 */
describe('backup and restore of the embedded database', () => {
  let parent: string;
  let live: TestServer | null = null;
  let restored: TestServer | null = null;

  const cliEnv = (dataDir: string, port: number) => ({
    PATH: process.env.PATH ?? '',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(port),
  });
  const startOn = async (dataDir: string, port: number) =>
    TestServer.start({
      databaseUrl: `postgres://postgres:postgres@127.0.0.1:${port}/vtask`,
      env: {
        ...ADMIN_ENV,
        DATABASE_URL: '',
        JWT_SECRET: '',
        DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(port),
        EMBEDDED_PG_FSYNC: 'off',
      },
    });

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'vtask-backup-'));
    // As root, the embedded PostgreSQL runs as the postgres user, which must be able to enter it.
    chmodSync(parent, 0o711);
  });
  afterAll(async () => {
    await live?.close();
    await restored?.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('restores a backup taken under load into a fresh data directory, with every order, entry and balance as it was', async () => {
    const liveDir = join(parent, 'live');
    const livePort = await freePort();
    live = await startOn(liveDir, livePort);
    const parties: Parties = await setUpParties(live);
    for (const state of ['COMPLETED', 'IN_PROGRESS', 'DISPUTED', 'AWAITING_FUNDING', 'COMPLETED'] as const) {
      await orderIn(parties, state);
    }
    const before = await moneyState(live);
    expect([...before.keys()].filter((key) => key.startsWith('ledger_entries:')).length).toBeGreaterThan(5);

    // Orders keep being made and funded while the backup runs.
    let writing = true;
    const writer = (async () => {
      let made = 0;
      while (writing) {
        await orderIn(parties, 'IN_PROGRESS');
        made += 1;
      }
      return made;
    })();
    const backupDir = join(parent, 'backup');
    const backup = await run(process.execPath, [join(CLI, 'backup.js'), backupDir], {
      env: cliEnv(liveDir, livePort),
    });
    writing = false;
    expect(await writer).toBeGreaterThan(0);
    expect(backup.stdout).toContain(`V-Task backup v-task `);
    expect(existsSync(join(backupDir, 'postgres', 'backup_label'))).toBe(true);
    expect(existsSync(join(backupDir, 'jwt-secret'))).toBe(true);
    const after = await moneyState(live);
    expectWellFormedErrors(live.gql.errorsSeen);
    await live.close();
    live = null;

    const restoredDir = join(parent, 'restored');
    const restore = await run(process.execPath, [join(CLI, 'restore.js'), backupDir], {
      env: cliEnv(restoredDir, 0),
    });
    expect(restore.stdout).toContain(`V-Task restored v-task `);
    restored = await startOn(restoredDir, await freePort());

    const found = await moneyState(restored);
    // Everything from before the backup, exactly.
    for (const [key, row] of before) expect([key, found.get(key)]).toEqual([key, row]);
    // Nothing that never existed, and a balanced ledger: a state the live database really passed through.
    for (const key of found.keys()) expect([key, after.has(key)]).toEqual([key, true]);
    expect(await ledgerViolations(restored)).toEqual([]);
    // The generated JWT secret came along: sign-ins made before the backup still hold.
    expect((await restored.gql.ok(ME, {}, parties.merchant.token)).me.id).toBe(parties.merchant.userId);
    expectWellFormedErrors(restored.gql.errorsSeen);
  });

  it('refuses to restore over a data directory that holds a database, and a directory that is no backup', async () => {
    const occupied = join(parent, 'restored');
    await expect(
      run(process.execPath, [join(CLI, 'restore.js'), join(parent, 'backup')], { env: cliEnv(occupied, 0) }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('already holds a database') });
    await expect(
      run(process.execPath, [join(CLI, 'restore.js'), parent], { env: cliEnv(join(parent, 'other'), 0) }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('is not a complete V-Task backup') });
    await expect(
      run(process.execPath, [join(CLI, 'backup.js'), join(parent, 'pg-dump-instead')], {
        env: { ...cliEnv(occupied, 0), DATABASE_URL: 'postgres://somewhere/else' },
      }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('pg_dump') });
  });
});
