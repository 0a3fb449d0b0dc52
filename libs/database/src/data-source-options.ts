import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { QueryStatsLogger } from './query-stats';
import { SnakeNamingStrategy } from './snake-naming.strategy';

type Constructor = new (...args: never[]) => unknown;

/**
 * One definition of how V-Task talks to PostgreSQL, shared by the API, the migration command and the
 * tests. Entities and migrations are listed explicitly (no globs: they break under bundlers and
 * hide what is loaded), and `synchronize` stays off: the schema comes only from migrations.
 */
export function dataSourceOptions(
  url: string,
  entities: MixedList<Constructor | EntitySchema>,
  migrations: Constructor[],
  extra: { poolSize?: number; applicationName?: string; readUrls?: string[] } = {},
): DataSourceOptions {
  const readUrls = extra.readUrls ?? [];
  return {
    type: 'postgres',
    // With read replicas (DATABASE_READ_URLS) writes and transactions go to the primary (`master`);
    // which reads may use a replica is decided per request (read-routing.ts).
    ...(readUrls.length
      ? { replication: { master: { url }, slaves: readUrls.map((readUrl) => ({ url: readUrl })) } }
      : { url }),
    entities,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    logger: new QueryStatsLogger(),
    maxQueryExecutionTime: 1000,
    extra: {
      // Per pool: the primary and each replica get one of this size (DATABASE_POOL_SIZE).
      max: extra.poolSize ?? 20,
      application_name: extra.applicationName ?? 'v-task',
    },
  };
}
