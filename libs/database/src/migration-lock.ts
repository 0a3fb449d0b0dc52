import type { DataSource, Migration } from 'typeorm';

/**
 * A fixed key for PostgreSQL's session advisory lock that serializes migration runs on one database.
 * Any 64-bit number works as long as nothing else in V-Task takes the same one.
 */
export const MIGRATION_LOCK_KEY = 7_961_000_001;

/**
 * Applies pending migrations while holding a database-wide advisory lock, so several processes started
 * on one database at once (API replicas, a bench, the migrate command) apply each migration exactly once:
 * the first runs them, the others wait on the lock and then find nothing pending. The lock is held on a
 * connection of its own for the whole run and is released when that session ends, even on a crash.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<Migration[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockRunner.release();
  }
}
