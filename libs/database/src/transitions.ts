import { DomainError, TransitionTable } from '@vtask/core';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Applies `action` to one row as a single conditional write:
 * `UPDATE ... SET status = $to, ... WHERE id = $id AND status IN ($from) RETURNING *`. If no row changed,
 * either the row does not exist (NOT_FOUND) or another request moved it first (CONFLICT, naming the
 * state it is in now). This is what makes concurrent actions on one row serialize with exactly one winner.
 * The row comes back from the UPDATE itself: reading it again would cost a round trip per transition.
 */
export async function applyTransition<
  E extends ObjectLiteral & { status: S },
  S extends string,
  A extends string,
>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  table: TransitionTable<S, A>,
  action: A,
  id: string,
  changes: Partial<Omit<E, 'status'>> = {},
): Promise<E> {
  const to = table.to(action);
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, status: to } as never)
    .where('id = :id AND status IN (:...from)', { id, from: table.from(action) })
    .returning('*')
    .execute();
  if (result.affected === 1) return entityFromRow(manager, entity, (result.raw as ObjectLiteral[])[0]);
  const current = await manager.getRepository(entity).findOne({ where: { id } as never });
  if (!current) throw DomainError.notFound(table.entity);
  table.assert(action, current.status);
  throw DomainError.conflict(`The ${table.entity} changed while this request ran; reload it and try again.`);
}

/**
 * A row as PostgreSQL returned it (`RETURNING *`, snake_case columns) made into the entity that
 * `findOne` would have loaded: the selectable columns, each through the driver's hydration (enum
 * arrays, bigint and date columns, transformers); relations are left unloaded, as `findOne` leaves them.
 */
export function entityFromRow<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  row: ObjectLiteral,
): E {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const loaded = metadata.create(undefined, { fromDeserializer: true }) as E;
  for (const column of metadata.columns) {
    if (column.isVirtual || !column.isSelect || !(column.databaseName in row)) continue;
    column.setEntityValue(loaded, driver.prepareHydratedValue(row[column.databaseName], column));
  }
  return loaded;
}
