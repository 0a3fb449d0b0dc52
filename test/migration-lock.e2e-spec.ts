import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase, withDatabase } from '../libs/database/src/embedded-postgres';
import { MIGRATION_LOCK_KEY, runMigrationsLocked } from '../libs/database/src/migration-lock';
import { SnakeNamingStrategy } from '../libs/database/src/snake-naming.strategy';
import { MIGRATIONS } from '../migrations';

/**
 * Several processes started at once on one empty database (API replicas behind a proxy, a bench) each
 * migrate at start: the advisory lock lets the first apply every migration and the others find none left.
 */
describe('migrations under the advisory lock', () => {
  const adminUrl = process.env.VTASK_TEST_ADMIN_URL!;
  const name = `vtask_lock_${process.env.VTASK_TEST_RUN}_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(adminUrl, name);

  beforeAll(() => ensureDatabase(adminUrl, name));
  afterAll(() => dropDatabase(adminUrl, name));

  it('applies each migration exactly once when three runners start together on an empty database', async () => {
    const sources = [1, 2, 3].map(
      () =>
        new DataSource({
          type: 'postgres',
          url,
          migrations: MIGRATIONS,
          namingStrategy: new SnakeNamingStrategy(),
          extra: { max: 2 },
        }),
    );
    await Promise.all(sources.map((source) => source.initialize()));
    try {
      const applied = await Promise.all(sources.map((source) => runMigrationsLocked(source)));
      // All of them by one runner, none by the others.
      expect(applied.map((list) => list.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
    }
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n, count(DISTINCT name)::int AS names FROM migrations`,
      );
      expect(rows[0]).toEqual({ n: MIGRATIONS.length, names: MIGRATIONS.length });
      // The lock is released: nobody holds it after the runs. Only this lock on this database counts:
      // other test files share the server, and pg-boss takes advisory locks of its own.
      const held = await client.query(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND objsubid = 1
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND ((classid::bigint << 32) | objid::bigint) = $1`,
        [MIGRATION_LOCK_KEY],
      );
      expect(held.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
