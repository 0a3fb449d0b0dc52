import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Money } from '@vtask/core';
import { entityFromRow } from '@vtask/database';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ProviderOperationEntity } from './entities/provider-operation.entity';
import {
  LIVE_CHARGE_STATUSES,
  OUTCOME_ACTION,
  PAYMENT_TRANSITIONS,
  ProviderOperationKind,
  ProviderOperationStatus,
} from './ledger.states';
import { PAYMENT_PROVIDER, type PaymentProvider, type ProviderOutcome } from './payment-provider';

export interface RecordOperation {
  kind: ProviderOperationKind;
  idempotencyKey: string;
  amount: Money;
  orderId?: string | null;
  payoutId?: string | null;
  /** For a refund of a charge other than the order's succeeded one. */
  chargeOperationId?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
        chargeOperationId: operation.chargeOperationId ?? null,
        currency: operation.amount.currency,
        amountMinor: operation.amount.minor,
        status: ProviderOperationStatus.PENDING,
      }),
    );
  }

  findByKey(manager: EntityManager, idempotencyKey: string): Promise<ProviderOperationEntity | null> {
    return manager.getRepository(ProviderOperationEntity).findOneBy({ idempotencyKey });
  }

  /**
   * The operation a webhook is about: by the id the call carried in its metadata, so an event that
   * arrives before the call's outcome (and its reference) was recorded still finds it; else by reference.
   */
  async findForEvent(
    manager: EntityManager,
    kind: ProviderOperationKind,
    operationId: string | null,
    reference: string | null,
  ): Promise<ProviderOperationEntity | null> {
    const repository = manager.getRepository(ProviderOperationEntity);
    if (operationId && UUID.test(operationId)) {
      const byId = await repository.findOneBy({ id: operationId, kind, provider: this.provider.name });
      if (byId) return byId;
    }
    if (!reference) return null;
    return repository.findOneBy({ providerReference: reference, kind, provider: this.provider.name });
  }

  /** Makes the provider call for a recorded operation (outside any transaction). */
  async call(
    operation: ProviderOperationEntity,
    invoke: (provider: PaymentProvider) => Promise<ProviderOutcome>,
  ): Promise<ProviderOutcome> {
    await this.dataSource
      .getRepository(ProviderOperationEntity)
      .increment({ id: operation.id }, 'attempts', 1);
    return this.invoke(operation, invoke);
  }

  /**
   * `call` for an operation known by its id, if it is still PENDING: the attempt is counted by the same
   * statement that reads the operation. Null (no call, nothing counted) once it has an outcome.
   */
  async callIfPending(
    operationId: string,
    invoke: (provider: PaymentProvider, operation: ProviderOperationEntity) => Promise<ProviderOutcome>,
  ): Promise<ProviderOutcome | null> {
    const counted = await this.dataSource
      .createQueryBuilder()
      .update(ProviderOperationEntity)
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id AND status = :pending', { id: operationId, pending: ProviderOperationStatus.PENDING })
      .returning('*')
      .execute();
    if (counted.affected !== 1) return null;
    const operation = entityFromRow(
      this.dataSource.manager,
      ProviderOperationEntity,
      (counted.raw as object[])[0],
    );
    return this.invoke(operation, (provider) => invoke(provider, operation));
  }

  private async invoke(
    operation: ProviderOperationEntity,
    invoke: (provider: PaymentProvider) => Promise<ProviderOutcome>,
  ): Promise<ProviderOutcome> {
    try {
      return await invoke(this.provider);
    } catch (error) {
      // Unreachable or unexpected: the row stays PENDING and is retried with the same key.
      this.logger.warn(
        `${operation.kind} ${operation.idempotencyKey} failed to reach the provider: ${String(error)}`,
      );
      throw error;
    }
  }

  /**
   * Records the outcome as its transition (PAYMENT_TRANSITIONS): only an open operation changes, so a
   * late duplicate does nothing. Returns the operation as this call left it if this call closed it, else null.
   */
  async complete(
    manager: EntityManager,
    operationId: string,
    outcome: ProviderOutcome,
  ): Promise<ProviderOperationEntity | null> {
    const action = OUTCOME_ACTION[outcome.status];
    const result = await manager
      .createQueryBuilder()
      .update(ProviderOperationEntity)
      .set({
        status: PAYMENT_TRANSITIONS.to(action),
        providerReference: outcome.reference ?? null,
        clientSecret: outcome.status === 'REQUIRES_ACTION' ? outcome.clientSecret : null,
        failureReason: outcome.status === 'FAILED' ? outcome.reason.slice(0, 500) : null,
      })
      .where('id = :id AND status IN (:...from)', { id: operationId, from: PAYMENT_TRANSITIONS.from(action) })
      .returning('*')
      .execute();
    if (result.affected !== 1) return null;
    return entityFromRow(manager, ProviderOperationEntity, (result.raw as object[])[0]);
  }

  /**
   * A charge the provider reports succeeded although we recorded it FAILED becomes live again (REVIVE),
   * unless another charge of the order is live (the one-live-charge index would refuse it; the caller
   * holds the order's lock, so none can appear meanwhile). Returns whether it was revived.
   */
  async revive(manager: EntityManager, charge: ProviderOperationEntity, reference: string): Promise<boolean> {
    const other = await manager
      .getRepository(ProviderOperationEntity)
      .createQueryBuilder('p')
      .where('p.order_id = :orderId AND p.kind = :kind AND p.id <> :id', {
        orderId: charge.orderId,
        kind: ProviderOperationKind.CHARGE,
        id: charge.id,
      })
      .andWhere('p.status IN (:...live)', { live: LIVE_CHARGE_STATUSES })
      .getExists();
    if (other) return false;
    await manager
      .getRepository(ProviderOperationEntity)
      .update(
        { id: charge.id, status: In(PAYMENT_TRANSITIONS.from('REVIVE')) },
        { status: PAYMENT_TRANSITIONS.to('REVIVE'), providerReference: reference, failureReason: null },
      );
    return true;
  }

  /** The provider that took the order's money (the escrow returns it there). */
  async chargeProvider(manager: EntityManager, orderId: string): Promise<string> {
    const charge = await manager.getRepository(ProviderOperationEntity).findOne({
      where: { orderId, kind: ProviderOperationKind.CHARGE, status: ProviderOperationStatus.SUCCEEDED },
    });
    return charge?.provider ?? this.provider.name;
  }

  /**
   * A provider's report that a charge was refunded (e.g. Stripe's charge.refunded) reconciles the
   * charge's REFUND operations: those it names get their outcome; if the provider has refunded at least
   * what we asked for, any still PENDING (a crash lost the answer) are done. Differences are returned
   * for the caller to log; the ledger already posted the refunds when they were decided.
   */
  async reconcileRefunds(
    manager: EntityManager,
    charge: ProviderOperationEntity,
    report: {
      refundedMinor: bigint;
      refunds: { reference: string; operationId: string | null; status: string }[];
    },
  ): Promise<{ completed: number; askedMinor: bigint; differs: boolean }> {
    const repository = manager.getRepository(ProviderOperationEntity);
    const ofOrder = await repository.find({
      where: { orderId: charge.orderId!, kind: ProviderOperationKind.REFUND },
      lock: { mode: 'pessimistic_write' },
    });
    // The refunds of this charge: those naming it, and (for the order's succeeded charge) the usual
    // refunds, which name none.
    const ours = ofOrder.filter(
      (op) =>
        op.chargeOperationId === charge.id ||
        (op.chargeOperationId === null && charge.status === ProviderOperationStatus.SUCCEEDED),
    );
    let completed = 0;
    for (const refund of report.refunds) {
      const operation = ours.find(
        (op) => op.id === refund.operationId || op.providerReference === refund.reference,
      );
      if (!operation) continue;
      const failed = refund.status === 'failed' || refund.status === 'canceled';
      const outcome: ProviderOutcome = failed
        ? {
            status: 'FAILED',
            reason: `The provider reports the refund ${refund.reference} ${refund.status}.`,
            reference: refund.reference,
          }
        : { status: 'SUCCEEDED', reference: refund.reference };
      if (await this.complete(manager, operation.id, outcome)) {
        completed++;
        operation.status = failed ? ProviderOperationStatus.FAILED : ProviderOperationStatus.SUCCEEDED;
      }
    }
    const live = ours.filter((op) => op.status !== ProviderOperationStatus.FAILED);
    const askedMinor = live.reduce((total, op) => total + op.amountMinor, 0n);
    if (report.refundedMinor >= askedMinor) {
      for (const operation of live.filter((op) => op.status === ProviderOperationStatus.PENDING)) {
        // The provider did refund it; the answer to our call was lost. Its reference stays unknown.
        await repository.update(
          { id: operation.id, status: In(PAYMENT_TRANSITIONS.from('CONFIRM_UNANSWERED')) },
          { status: PAYMENT_TRANSITIONS.to('CONFIRM_UNANSWERED') },
        );
        completed++;
      }
    }
    return { completed, askedMinor, differs: report.refundedMinor !== askedMinor };
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
