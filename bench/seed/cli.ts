/**
 * `npm run bench:seed`: a database seeded to BENCH_SCALE (festival by default, or small), ready for the
 * benches. DATABASE_URL names the database to fill (created if missing, migrated); without it, the
 * database vtask_bench_<scale> on the machine's PostgreSQL at 127.0.0.1:5432. A database seeded before to
 * the same scale is reused as it is.
 */
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/database/src/data-source-options';
import { ensureDatabase, withDatabase } from '../../libs/database/src/embedded-postgres';
import { runMigrationsLocked } from '../../libs/database/src/migration-lock';
import { MIGRATIONS } from '../../migrations';
import {
  BenchLogins,
  BENCH_PASSWORD,
  isBenchScale,
  seedDatabase,
  seededScale,
  type BenchScale,
} from './index';

export const DEFAULT_BENCH_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The database a bench of `scale` runs on: DATABASE_URL, or vtask_bench_<scale> on the machine's PostgreSQL. */
export function benchDatabaseUrl(scale: BenchScale, databaseUrl = process.env.DATABASE_URL): string {
  return databaseUrl || withDatabase(DEFAULT_BENCH_SERVER, `vtask_bench_${scale}`);
}

/**
 * Creates (if missing), migrates and seeds the database at `url` to `scale`, or reuses it when it was
 * seeded to that scale before. For the benches: `await prepareBenchDatabase('festival')`.
 */
export async function prepareBenchDatabase(
  scale: BenchScale,
  url = benchDatabaseUrl(scale),
  log: (line: string) => void = console.log,
): Promise<string> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  await ensureDatabase(withDatabase(url, 'postgres'), name);
  const dataSource = new DataSource(dataSourceOptions(url, [], MIGRATIONS, { poolSize: 2 }));
  await dataSource.initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    if (applied.length) log(`applied ${applied.length} migrations`);
  } finally {
    await dataSource.destroy();
  }
  const seeded = await seededScale(url);
  if (seeded === scale) {
    log(`${name} is already seeded to ${scale}: reused`);
    return url;
  }
  if (seeded)
    throw new Error(`${name} is seeded to ${seeded}, not ${scale}: drop it or name another database.`);
  log(`seeding ${name} to ${scale}...`);
  const summary = await seedDatabase(url, scale, {
    onStep: ({ step, rows, ms }) =>
      log(`  ${step.padEnd(24)} ${String(rows).padStart(9)} rows ${(ms / 1000).toFixed(1).padStart(7)} s`),
  });
  log(`seeded ${name} to ${scale} in ${(summary.totalMs / 1000).toFixed(1)} s`);
  return url;
}

async function main(): Promise<void> {
  const scale = process.env.BENCH_SCALE ?? 'festival';
  if (!isBenchScale(scale))
    throw new Error(`BENCH_SCALE must be small, directory or festival, not "${scale}".`);
  const started = performance.now();
  const url = await prepareBenchDatabase(scale);
  const safeUrl = new URL(url);
  safeUrl.password = safeUrl.password ? '***' : '';
  console.log(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${safeUrl.toString()}`);
  console.log(
    `sign in as ${BenchLogins.merchant(1)}, ${BenchLogins.creator(1)}, ${BenchLogins.agency(1)} or ${BenchLogins.admin}` +
      ` with the password ${BENCH_PASSWORD}`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
