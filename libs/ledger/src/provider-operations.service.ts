import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Money } from '@vtask/core';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ProviderOperationEntity,
  ProviderOperationKind,
  ProviderOperationStatus,
} from './entities/provider-operation.entity';
import { PAYMENT_PROVIDER, type PaymentProvider, type ProviderOutcome } from './payment-provider';

export interface RecordOperation {
  kind: ProviderOperationKind;
  idempotencyKey: string;
  amount: Money;
  orderId?: string | null;
  payoutId?: string | null;
}

/**
 * Calls to the payment provider, never made inside a database transaction: the intent is recorded
 * (in the caller's transaction), the call is made after commit with the recorded idempotency key, and
 * its outcome is recorded. A crash between the two leaves the row PENDING for a retry with the same key.
 */
@Injectable()
export class ProviderOperationsService {
  private readonly logger = new Logger('PaymentProvider');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PAYMENT_PROVIDER) readonly provider: PaymentProvider,
  ) {}

  record(manager: EntityManager, operation: RecordOperation): Promise<ProviderOperationEntity> {
    return manager.getRepository(ProviderOperationEntity).save(
      manager.create(ProviderOperationEntity, {
        provider: this.provider.name,
        kind: operation.kind,
        idempotencyKey: operation.idempotencyKey,
        orderId: operation.orderId ?? null,
        payoutId: operation.payoutId ?? null,
        currency: operation.amount.currency,
        amountMinor: operation.amount.minor,
        status: ProviderOperationStatus.PENDING,
      }),
    );
  }

  findByKey(manager: EntityManager, idempotencyKey: string): Promise<ProviderOperationEntity | null> {
    return manager.getRepository(ProviderOperationEntity).findOneBy({ idempotencyKey });
  }

  /** Makes the provider call for a recorded operation (outside any transaction). */
  async call(operation: ProviderOperationEntity, invoke: (provider: PaymentProvider) => Promise<ProviderOutcome>): Promise<ProviderOutcome> {
    await this.dataSource
      .getRepository(ProviderOperationEntity)
      .increment({ id: operation.id }, 'attempts', 1);
    try {
      return await invoke(this.provider);
    } catch (error) {
      // Unreachable or unexpected: the row stays PENDING and is retried with the same key.
      this.logger.warn(`${operation.kind} ${operation.idempotencyKey} failed to reach the provider: ${String(error)}`);
      throw error;
    }
  }

  /** Records the outcome; only a PENDING (or awaiting) operation changes, so a late duplicate does nothing. */
  async complete(manager: EntityManager, operationId: string, outcome: ProviderOutcome): Promise<boolean> {
    const status =
      outcome.status === 'SUCCEEDED'
        ? ProviderOperationStatus.SUCCEEDED
        : outcome.status === 'REQUIRES_ACTION'
          ? ProviderOperationStatus.REQUIRES_ACTION
          : ProviderOperationStatus.FAILED;
    const result = await manager
      .createQueryBuilder()
      .update(ProviderOperationEntity)
      .set({
        status,
        providerReference: outcome.reference ?? null,
        clientSecret: outcome.status === 'REQUIRES_ACTION' ? outcome.clientSecret : null,
        failureReason: outcome.status === 'FAILED' ? outcome.reason.slice(0, 500) : null,
      })
      .where('id = :id AND status IN (:...open)', {
        id: operationId,
        open: [ProviderOperationStatus.PENDING, ProviderOperationStatus.REQUIRES_ACTION],
      })
      .execute();
    return result.affected === 1;
  }

  /** Operations still PENDING some time after they were recorded: a crash interrupted them. */
  stalePending(kind: ProviderOperationKind, olderThanSeconds: number): Promise<ProviderOperationEntity[]> {
    return this.dataSource
      .getRepository(ProviderOperationEntity)
      .createQueryBuilder('p')
      .where('p.kind = :kind AND p.status = :status', { kind, status: ProviderOperationStatus.PENDING })
      .andWhere(`p.created_at < now() - make_interval(secs => :age)`, { age: olderThanSeconds })
      .orderBy('p.created_at', 'ASC')
      .take(100)
      .getMany();
  }
}
