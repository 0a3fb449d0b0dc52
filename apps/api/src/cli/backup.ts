import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  backupEmbedded,
  embeddedAdminUrl,
  EmbeddedPostgresError,
  runningPort,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '@vtask/database';
import { Client } from 'pg';
import { ConfigError, loadStorageConfig } from '../config';

/**
 * `npm run backup [-- <directory>]`: a consistent backup of the embedded database (DATA_DIR) while the
 * API runs, with PostgreSQL's online backup functions (see libs/database/src/embedded-backup.ts), into
 * a new directory (default backups/vtask-<time>). With DATABASE_URL set, use pg_dump instead (README).
 */
async function main(): Promise<void> {
  const storage = loadStorageConfig();
  if (storage.databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL is set, so the data is not in the embedded database: back that server up with pg_dump (README, "Backup and restore").',
    );
  }
  const dataDir = join(storage.dataDir, 'postgres');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new ConfigError(`there is no embedded database in ${dataDir}: check DATA_DIR.`);
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const target = resolve(process.argv[2] || join('backups', `vtask-${stamp}`));
  // The API's server, wherever it listens; if the API is stopped, the server runs for the backup only.
  const port = runningPort(dataDir) ?? storage.embeddedPostgresPort;
  let started: EmbeddedServer | null = null;
  let adminUrl = embeddedAdminUrl(port);
  if (!(await reachable(adminUrl))) {
    console.log(`no server runs on ${dataDir}: starting it for the backup`);
    started = await startEmbeddedPostgres({ dataDir, port: 0, fsync: storage.embeddedPostgresFsync });
    adminUrl = started.adminUrl;
  }
  try {
    const info = await backupEmbedded({ adminUrl, dataDir, target, log: (line) => console.log(line) });
    // The generated JWT secret lives beside the database: restored with it, sign-ins stay valid.
    const secret = join(storage.dataDir, 'jwt-secret');
    if (existsSync(secret)) copyFileSync(secret, join(target, 'jwt-secret'));
    console.log(
      `V-Task backup ${info.label} is in ${target}; restore it with: DATA_DIR=<new dir> npm run restore -- ${target}`,
    );
  } finally {
    await started?.stop();
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
    console.error(`V-Task backup failed: ${error.message}`);
  } else {
    console.error('V-Task backup failed:', error);
  }
  process.exit(1);
});
