export { backupEmbedded, restoreEmbedded } from './embedded-backup';
export {
  EmbeddedPostgresError,
  embeddedAdminUrl,
  ensureDatabase,
  runningPort,
  startEmbeddedPostgres,
  withDatabase,
} from './embedded-postgres';
export type { EmbeddedServer } from './embedded-postgres';
export { dataSourceOptions } from './data-source-options';
export { applyTransition, entityFromRow } from './transitions';
export { uniqueViolation } from './postgres-errors';
export { currentStatementCount, withQueryStats } from './query-stats';
export { DB_CLOCK, fromNow, hasPassed, havePassed, secondsFromNow } from './database-clock';
export { anyFilterSet, listPage, newestFirst, timestampKeyset } from './list-query';
export type { Keyset, KeysetColumn, ListOptions } from './list-query';
export { runMigrationsLocked } from './migration-lock';
export { allowReplicaReads, keepReadsOnPrimaryUnlessAllowed, withReadRouting } from './read-routing';
export { textContains } from './text-search';
export { configuredModule } from './configured-module';
