import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EmbeddedPostgresError, restoreEmbedded } from '@vtask/database';
import { ConfigError, loadStorageConfig } from '../config';

/**
 * `DATA_DIR=<new directory> npm run restore -- <backup directory>`: puts a backup taken by
 * `npm run backup` into a fresh DATA_DIR and starts PostgreSQL on it once, so it replays the backup's
 * WAL and is known to open; then `npm start` with that DATA_DIR serves the data as it was.
 */
async function main(): Promise<void> {
  const storage = loadStorageConfig();
  const backupDir = process.argv[2];
  if (!backupDir)
    throw new ConfigError('name the backup: DATA_DIR=<new dir> npm run restore -- <backup dir>');
  if (storage.databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL is set: restore into that server with pg_restore (README, "Backup and restore"), or unset it to restore into DATA_DIR.',
    );
  }
  const info = await restoreEmbedded({
    backupDir,
    dataDir: join(storage.dataDir, 'postgres'),
    log: (line) => console.log(line),
  });
  const secret = join(resolve(backupDir), 'jwt-secret');
  const target = join(storage.dataDir, 'jwt-secret');
  if (existsSync(secret) && !existsSync(target)) copyFileSync(secret, target);
  console.log(
    `V-Task restored ${info.label} (taken ${info.finishedAt}) into ${storage.dataDir}; start it with DATA_DIR=${storage.dataDir} npm start`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
    console.error(`V-Task restore failed: ${error.message}`);
  } else {
    console.error('V-Task restore failed:', error);
  }
  process.exit(1);
});
