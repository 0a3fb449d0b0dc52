import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';
import type { EmbeddedServer } from '../../libs/database/src/embedded-postgres';

/** Drops this run's databases (on a shared server) or stops and removes the embedded one. */
export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>).__VTASK_EMBEDDED__ as
    { server: EmbeddedServer; dataDir: string } | undefined;
  if (embedded) {
    await embedded.server.stop();
    rmSync(dirname(embedded.dataDir), { recursive: true, force: true });
    return;
  }
  const adminUrl = process.env.VTASK_TEST_ADMIN_URL;
  const runId = process.env.VTASK_TEST_RUN;
  if (!adminUrl || !runId) return;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
      [`vtask_tpl_${runId}`, `vtask_t_${runId}_%`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
