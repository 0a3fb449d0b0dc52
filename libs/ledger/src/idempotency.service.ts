import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity';
import { LedgerErrors } from './ledger.errors';

export type IdempotencyClaim<R> = { replay: true; response: R } | { replay: false };

/**
 * Idempotency keys of money-moving mutations, claimed inside the caller's transaction: the first
 * request inserts the key and stores its response in the same commit as its effects; a concurrent
 * request with the same key waits on that insert, then replays the stored response.
 */
@Injectable()
export class IdempotencyService {
  /**
   * `response`: the command's answer when it is known before the command runs; it is stored with the
   * claim (it commits with the command's effects or not at all), so no `complete` follows.
   */
  async claim<R>(
    manager: EntityManager,
    userId: string,
    key: string,
    operation: string,
    input: unknown,
    response: R | null = null,
  ): Promise<IdempotencyClaim<R>> {
    assertKeyShape(key);
    const requestHash = hashRequest(operation, input);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKeyEntity)
      .values({ userId, key, operation, requestHash, response: response as never })
      .orIgnore()
      .returning(['key'])
      .execute();
    if (inserted.raw.length) return { replay: false };
    const existing = await manager.getRepository(IdempotencyKeyEntity).findOneByOrFail({ userId, key });
    if (existing.requestHash !== requestHash) throw LedgerErrors.keyReused();
    if (existing.response === null) throw LedgerErrors.keyInProgress();
    return { replay: true, response: existing.response as R };
  }

  /** Looks a key up without claiming it (two-phase operations resume from what it recorded). */
  async find(manager: EntityManager, userId: string, key: string): Promise<IdempotencyKeyEntity | null> {
    return manager.getRepository(IdempotencyKeyEntity).findOneBy({ userId, key });
  }

  checkSameRequest(existing: IdempotencyKeyEntity, operation: string, input: unknown): void {
    if (existing.requestHash !== hashRequest(operation, input)) throw LedgerErrors.keyReused();
  }

  /** Inserts the key for a two-phase operation (fails with a unique violation if it exists). */
  async insert(
    manager: EntityManager,
    userId: string,
    key: string,
    operation: string,
    input: unknown,
  ): Promise<void> {
    assertKeyShape(key);
    await manager.getRepository(IdempotencyKeyEntity).insert({
      userId,
      key,
      operation,
      requestHash: hashRequest(operation, input),
      response: null as never,
    });
  }

  async complete(manager: EntityManager, userId: string, key: string, response: unknown): Promise<void> {
    await manager
      .getRepository(IdempotencyKeyEntity)
      .update({ userId, key }, { response: response as never });
  }
}

/** Client keys end up inside provider idempotency keys (with our ids), so they are kept short. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 100;

function assertKeyShape(key: string): void {
  if (!key.trim() || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw LedgerErrors.keyShape(MAX_IDEMPOTENCY_KEY_LENGTH);
  }
}

function hashRequest(operation: string, input: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([operation, input]))
    .digest('hex');
}
