import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  withDatabase,
} from '../../libs/database/src/embedded-postgres';
import { MIGRATIONS } from '../../migrations';
import { SnakeNamingStrategy } from '../../libs/database/src/snake-naming.strategy';

/**
 * Once per `npm test`: a PostgreSQL server (embedded, or TEST_DATABASE_URL's), and a template database
 * with every migration applied. Each test file then copies the template (CREATE DATABASE ... TEMPLATE),
 * so files run in parallel, each on its own real, migrated database.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const parent = mkdtempSync(join(tmpdir(), 'vtask-test-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
    chmodSync(parent, 0o755);
    const dataDir = join(parent, 'postgres');
    // The tests' data is thrown away: no need to wait for the disk (EMBEDDED_PG_FSYNC=off in effect).
    const server = await startEmbeddedPostgres({ dataDir, port: 0, fsync: false });
    adminUrl = server.adminUrl;
    (globalThis as Record<string, unknown>).__VTASK_EMBEDDED__ = { server, dataDir };
  }
  const template = `vtask_tpl_${runId}`;
  await ensureDatabase(adminUrl, template);
  const dataSource = new DataSource({
    type: 'postgres',
    url: withDatabase(adminUrl, template),
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env.VTASK_TEST_ADMIN_URL = adminUrl;
  process.env.VTASK_TEST_TEMPLATE = template;
  process.env.VTASK_TEST_RUN = runId;
}
