import {
  dataSourceOptions,
  ensureDatabase,
  runMigrationsLocked,
  startEmbeddedPostgres,
  withDatabase,
} from '@vtask/database';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import type { StorageConfig } from './config';
import { ENTITIES } from './entities';

export const EMBEDDED_DATABASE = 'vtask';

/** The one DataSource definition: the API, the migration command and the tests all build it here. */
export function createDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(dataSourceOptions(url, ENTITIES, MIGRATIONS, { poolSize }));
}

export interface ResolvedDatabase {
  url: string;
  /** Stops the embedded server; a no-op for an external DATABASE_URL. */
  stop(): Promise<void>;
  embedded: boolean;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in DATA_DIR, with its database created once. */
export async function resolveDatabase(
  config: StorageConfig,
  log: (line: string) => void,
): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined, embedded: false };
  const server = await startEmbeddedPostgres({
    dataDir: join(config.dataDir, 'postgres'),
    port: config.embeddedPostgresPort,
    fsync: config.embeddedPostgresFsync,
    log,
  });
  await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE);
  return { url: withDatabase(server.adminUrl, EMBEDDED_DATABASE), stop: () => server.stop(), embedded: true };
}

/** Applies pending migrations (one process at a time per database: see runMigrationsLocked); returns their names. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource(url, 2);
  await dataSource.initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
