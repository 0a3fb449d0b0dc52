import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

interface QueryStats {
  statements: number;
}

const storage = new AsyncLocalStorage<QueryStats>();

/** Runs `fn` with a fresh statement counter: every SQL statement issued inside it (however deep) counts. */
export function withQueryStats<T>(fn: () => T): T {
  return storage.run({ statements: 0 }, fn);
}

/** Statements issued so far in the current `withQueryStats` scope, or null outside one. */
export function currentStatementCount(): number | null {
  return storage.getStore()?.statements ?? null;
}

/**
 * TypeORM logger that counts statements per request (for the debug log line of each GraphQL operation,
 * which is how N+1 regressions show up) and reports failed queries and slow ones.
 */
export class QueryStatsLogger implements TypeOrmLogger {
  private readonly logger = new Logger('SQL');

  logQuery(): void {
    const stats = storage.getStore();
    if (stats) stats.statements++;
  }

  logQueryError(): void {
    const stats = storage.getStore();
    if (stats) stats.statements++;
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query.slice(0, 300)}`);
  }

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(): void {}
}
