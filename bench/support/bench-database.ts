/**
 * A fresh database for one bench run: on the PostgreSQL server the environment names, or else on an
 * embedded one in a temporary directory; dropped (and the embedded server stopped) at the end.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dropDatabase,
  ensureDatabase,
  startEmbeddedPostgres,
  withDatabase,
  type EmbeddedOptions,
  type EmbeddedServer,
} from '../../libs/database/src/embedded-postgres';

export interface BenchDatabase {
  /** The server's URL the database is created and dropped through. */
  adminUrl: string;
  name: string;
  url: string;
  embedded: EmbeddedServer | null;
  /** The temporary directory this module made for the embedded server (removed at the end), if any. */
  tempDir: string | null;
}

export interface BenchDatabaseOptions {
  /** The database's name before a time stamp: `<prefix>_<base-36 ms>`. */
  prefix: string;
  /** The server to use; '' for an embedded one. Default: TEST_DATABASE_URL or DATABASE_URL. */
  serverUrl?: string;
  /** Where the embedded server's data goes: a directory of the caller's, or a new temporary one named so. */
  dataParent: { dir: string } | { tempPrefix: string };
  /** fsync and log of the embedded server. */
  embedded?: Pick<EmbeddedOptions, 'fsync' | 'log'>;
  log: (line: string) => void;
}

export async function createBenchDatabase(options: BenchDatabaseOptions): Promise<BenchDatabase> {
  let adminUrl = options.serverUrl ?? (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '');
  let embedded: EmbeddedServer | null = null;
  let tempDir: string | null = null;
  if (!adminUrl) {
    let parent: string;
    if ('dir' in options.dataParent) parent = options.dataParent.dir;
    else {
      parent = tempDir = mkdtempSync(join(tmpdir(), options.dataParent.tempPrefix));
      // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
      chmodSync(tempDir, 0o755);
    }
    options.log('starting an embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir: join(parent, 'postgres'),
      port: 0,
      ...options.embedded,
    });
    adminUrl = embedded.adminUrl;
  }
  const name = `${options.prefix}_${Date.now().toString(36)}`;
  await ensureDatabase(adminUrl, name);
  return { adminUrl, name, url: withDatabase(adminUrl, name), embedded, tempDir };
}

/**
 * Drops the database, or with `keep` says where it is and leaves it (and the embedded server's data
 * directory, without which a kept database is lost); then stops the embedded server.
 */
export async function finishBenchDatabase(
  database: BenchDatabase,
  options: { keep: boolean; log: (line: string) => void },
): Promise<void> {
  if (options.keep) options.log(`kept database ${database.url}`);
  else await dropDatabase(database.adminUrl, database.name);
  if (database.embedded) await database.embedded.stop();
  if (database.tempDir && !options.keep) rmSync(database.tempDir, { recursive: true, force: true });
}
