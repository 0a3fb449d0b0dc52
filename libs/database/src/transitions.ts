import { DomainError, TransitionTable } from '@vtask/core';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Applies `action` to one row as a single conditional write:
 * `UPDATE ... SET status = $to, ... WHERE id = $id AND status IN ($from)`. If no row changed, either
 * the row does not exist (NOT_FOUND) or another request moved it first (CONFLICT, naming the state it
 * is in now). This is what makes concurrent actions on one row serialize with exactly one winner.
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
    .execute();
  const repository = manager.getRepository(entity);
  if (result.affected === 1) return repository.findOneOrFail({ where: { id } as never });
  const current = await repository.findOne({ where: { id } as never });
  if (!current) throw DomainError.notFound(table.entity);
  table.assert(action, current.status);
  throw DomainError.conflict(`The ${table.entity} changed while this request ran; reload it and try again.`);
}
