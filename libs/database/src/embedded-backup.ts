import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import {
  assertPostgresUserCanEnter,
  EmbeddedPostgresError,
  freePort,
  postgresUserIds,
  startEmbeddedPostgres,
} from './embedded-postgres';

/**
 * Online backup and restore of the embedded PostgreSQL, which ships no pg_dump: PostgreSQL's own
 * low-level base backup API (pg_backup_start / pg_backup_stop, "Making a Base Backup Using the Low
 * Level API" in its manual) around a copy of the data directory, plus the WAL written meanwhile. The
 * server keeps taking writes throughout; the copy may catch pages mid-write, which is why the WAL from
 * the backup's start to its end goes with it: on first start, PostgreSQL replays it and the cluster is
 * exactly as it was when the backup ended.
 */

/** What `backup-info.json` in a backup records (for people, and for restore's checks). */
export interface BackupInfo {
  /** The format of this directory, so a later version can read an older backup. */
  format: 1;
  label: string;
  startedAt: string;
  finishedAt: string;
  startLsn: string;
  stopLsn: string;
  postgresVersion: string;
}

/** Directories whose contents PostgreSQL rebuilds at start (or must not be copied): kept empty. */
const EMPTIED_DIRECTORIES = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);
/** Files of the running server, not of its data. */
const SKIPPED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map']);

const DATA = 'postgres';
const INFO = 'backup-info.json';

export interface BackupOptions {
  /** The running server (a superuser URL), whose data directory is `dataDir`. */
  adminUrl: string;
  dataDir: string;
  /** A new or empty directory; the backup is written into it. */
  target: string;
  log?: (line: string) => void;
}

/** Takes a consistent backup of the running embedded server into `target`; returns what it recorded. */
export async function backupEmbedded(options: BackupOptions): Promise<BackupInfo> {
  const dataDir = resolve(options.dataDir);
  const target = resolve(options.target);
  const log = options.log ?? (() => undefined);
  if (existsSync(target) && readdirSync(target).length) {
    throw new EmbeddedPostgresError(`the backup directory ${target} is not empty: name a new one.`);
  }
  // One session for the whole backup: a non-exclusive backup ends if its session does.
  const client = new Client({ connectionString: options.adminUrl, application_name: 'v-task-backup' });
  await client.connect();
  try {
    const served = (await client.query<{ data_directory: string }>('SHOW data_directory')).rows[0]
      .data_directory;
    if (resolve(served) !== dataDir) {
      throw new EmbeddedPostgresError(
        `the PostgreSQL at ${new URL(options.adminUrl).host} serves ${served}, not ${dataDir}: check EMBEDDED_PG_PORT and DATA_DIR.`,
      );
    }
    const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]
      .server_version;
    const label = `v-task ${new Date().toISOString()}`;
    // A temporary slot holds every WAL segment from now on: a checkpoint during a long copy must not
    // recycle a segment the backup needs. It goes away with this session.
    const slot = `vtask_backup_${randomBytes(4).toString('hex')}`;
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [slot]);
    const startedAt = new Date().toISOString();
    // `fast`: an immediate checkpoint, so the backup starts now rather than at the next scheduled one.
    const start = await client.query<{ lsn: string }>('SELECT pg_backup_start($1, true) AS lsn', [label]);
    log(`backup started at WAL ${start.rows[0].lsn}; copying ${dataDir}`);
    mkdirSync(join(target, DATA), { recursive: true, mode: 0o700 });
    const copied = copyTree(dataDir, join(target, DATA), '');
    // Writes the WAL record that marks the end of the backup; archiving is off, so nothing to wait for.
    const stop = await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>(
      'SELECT lsn, labelfile, spcmapfile FROM pg_backup_stop(false)',
    );
    const { lsn: stopLsn, labelfile, spcmapfile } = stop.rows[0];
    // Make sure the end record is on disk in pg_wal before its segments are copied.
    await client.query('SELECT pg_switch_wal()');
    const segments = copyWal(dataDir, join(target, DATA));
    writeFileSync(join(target, DATA, 'backup_label'), labelfile);
    if (spcmapfile) writeFileSync(join(target, DATA, 'tablespace_map'), spcmapfile);
    const info: BackupInfo = {
      format: 1,
      label,
      startedAt,
      finishedAt: new Date().toISOString(),
      startLsn: start.rows[0].lsn,
      stopLsn,
      postgresVersion: version,
    };
    writeFileSync(join(target, INFO), JSON.stringify(info, null, 2) + '\n');
    log(`backup finished at WAL ${stopLsn}: ${copied} files and ${segments} WAL segments in ${target}`);
    return info;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface RestoreOptions {
  /** A directory written by backupEmbedded. */
  backupDir: string;
  /** The new data directory: must not exist yet (or be empty). */
  dataDir: string;
  log?: (line: string) => void;
}

/**
 * Restores a backup into a fresh data directory, then starts PostgreSQL on it once (on a free port) so
 * it replays the backup's WAL and is checked before the API ever uses it.
 */
export async function restoreEmbedded(options: RestoreOptions): Promise<BackupInfo> {
  const backupDir = resolve(options.backupDir);
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  const infoFile = join(backupDir, INFO);
  if (!existsSync(infoFile) || !existsSync(join(backupDir, DATA, 'backup_label'))) {
    throw new EmbeddedPostgresError(
      `${backupDir} is not a complete V-Task backup (no ${INFO} or backup_label): name a directory \`npm run backup\` wrote.`,
    );
  }
  const info = JSON.parse(readFileSync(infoFile, 'utf8')) as BackupInfo;
  if (existsSync(dataDir) && readdirSync(dataDir).length) {
    throw new EmbeddedPostgresError(
      `${dataDir} already holds a database: restore into a new DATA_DIR, or move this one away first (nothing was changed).`,
    );
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) assertPostgresUserCanEnter(dataDir);
  // The directories above it as for any new DATA_DIR (the postgres user must enter them); itself private.
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  copyTree(join(backupDir, DATA), dataDir, '', false);
  // PostgreSQL refuses a data directory others can read, and as root it runs as the postgres user.
  chmodSync(dataDir, 0o700);
  if (isRoot) {
    const ids = postgresUserIds();
    if (ids) chownTree(dataDir, ids.uid, ids.gid);
  }
  log(`restored ${info.label} into ${dataDir}; replaying its WAL`);
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    fsync: true,
    log: () => undefined,
  });
  try {
    // Reaching here means recovery reached the backup's end; a connection proves the cluster opens.
    const client = new Client({ connectionString: server.adminUrl });
    await client.connect();
    try {
      await client.query('CHECKPOINT');
    } finally {
      await client.end();
    }
  } finally {
    await server.stop();
  }
  return info;
}

/**
 * Copies `from` into `to` (which exists), skipping what the manual says a base backup leaves out;
 * returns the number of files. Files may vanish while a running server is copied (temporary files,
 * dropped relations): those are skipped, since the WAL replay knows they are gone.
 */
function copyTree(from: string, to: string, relative: string, online = true): number {
  let files = 0;
  for (const name of readdirSync(join(from, relative))) {
    const path = relative ? join(relative, name) : name;
    let stat;
    try {
      stat = lstatSync(join(from, path));
    } catch (error) {
      if (online && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    if (stat.isDirectory()) {
      mkdirSync(join(to, path), { mode: 0o700 });
      if (online && !relative && EMPTIED_DIRECTORIES.has(name)) {
        if (name === 'pg_wal') mkdirSync(join(to, path, 'archive_status'), { mode: 0o700 });
        continue;
      }
      files += copyTree(from, to, path, online);
      continue;
    }
    if (online && ((!relative && SKIPPED_FILES.has(name)) || name.startsWith('pgsql_tmp'))) continue;
    try {
      copyFileSync(join(from, path), join(to, path));
      files += 1;
    } catch (error) {
      if (online && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
  }
  return files;
}

/** Copies the WAL segments (and timeline history) present now: together they reach the backup's end. */
function copyWal(dataDir: string, to: string): number {
  let segments = 0;
  for (const name of readdirSync(join(dataDir, 'pg_wal'))) {
    if (!/^[0-9A-F]{24}$/.test(name) && !name.endsWith('.history')) continue;
    try {
      copyFileSync(join(dataDir, 'pg_wal', name), join(to, 'pg_wal', name));
      segments += 1;
    } catch (error) {
      // An old segment recycled meanwhile: older than the slot's reservation, so not needed.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return segments;
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (!lstatSync(path).isDirectory()) return;
  for (const name of readdirSync(path)) chownTree(join(path, name), uid, gid);
}
