import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, ReplicationMode } from 'typeorm';

interface ReadRoute {
  /** Set once the request is known to be a read-only operation (a GraphQL query). */
  replicaAllowed: boolean;
}

const storage = new AsyncLocalStorage<ReadRoute>();

/**
 * Runs `fn` (one HTTP request) with reads on the primary until `allowReplicaReads` says otherwise.
 * The scope is entered before the request is parsed; what kind of operation it is comes later.
 */
export function withReadRouting<T>(fn: () => T): T {
  return storage.run({ replicaAllowed: false }, fn);
}

/** The current request only reads (a GraphQL query): its SELECTs may go to a read replica. */
export function allowReplicaReads(): void {
  const route = storage.getStore();
  if (route) route.replicaAllowed = true;
}

/**
 * With read replicas (DATABASE_READ_URLS), TypeORM sends every query builder SELECT to a replica,
 * wherever it runs. A replica lags the primary, so a mutation reading back what it just wrote, a
 * subscription resolving the change it announces, a timer re-checking an order or a webhook would
 * see the past. This keeps every read on the primary except inside a request marked by
 * `allowReplicaReads`. Writes, raw `query()` calls and transactions always use the primary.
 */
export function keepReadsOnPrimaryUnlessAllowed(dataSource: DataSource): DataSource {
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode: ReplicationMode = 'master') =>
    createQueryRunner(mode === 'slave' && storage.getStore()?.replicaAllowed ? 'slave' : 'master');
  return dataSource;
}
