import { Inject, Injectable, Logger } from '@nestjs/common';
import { Money } from '@vtask/core';
import { TimersService } from '@vtask/jobs';
import { DataSource, type EntityManager } from 'typeorm';
import { ProviderOperationEntity } from './entities/provider-operation.entity';
import { LEDGER_OPTIONS, type LedgerOptions } from './ledger.options';
import { ProviderOperationKind, ProviderOperationStatus } from './ledger.states';
import { LedgerTimers, recoveryAt } from './ledger.timers';
import { ProviderOperationsService } from './provider-operations.service';

/**
 * Refunds to the payer: recorded in the transaction that decides them (with their ledger posting and
 * a recovery timer), settled with the provider after commit.
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger('Payments');

  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: ProviderOperationsService,
    private readonly timers: TimersService,
    @Inject(LEDGER_OPTIONS) private readonly options: LedgerOptions,
  ) {}

  /** A refund of the order's charge; `reason` keeps one refund per decision (cancel, dispute). */
  async record(manager: EntityManager, orderId: string, amount: Money, reason: string): Promise<string> {
    const operation = await this.operations.record(manager, {
      kind: ProviderOperationKind.REFUND,
      idempotencyKey: `order:${orderId}:refund:${reason}`,
      amount,
      orderId,
    });
    await this.scheduleRecovery(manager, operation.id);
    return operation.id;
  }

  /**
   * Money taken that the escrow cannot hold (the order moved on, now `orderStatus`): recorded for refund,
   * settled after commit. Null when it was recorded already (a repeated report).
   */
  async refundLateCharge(
    manager: EntityManager,
    charge: ProviderOperationEntity,
    reference: string | null,
    orderStatus: string,
  ): Promise<string | null> {
    const idempotencyKey = `order:${charge.orderId}:refund-late-charge:${charge.id}`;
    if (await this.operations.findByKey(manager, idempotencyKey)) return null;
    const refund = await this.operations.record(manager, {
      kind: ProviderOperationKind.REFUND,
      idempotencyKey,
      amount: Money.of(charge.amountMinor, charge.currency),
      orderId: charge.orderId,
      chargeOperationId: charge.id,
    });
    if (reference && !charge.providerReference) {
      await manager
        .getRepository(ProviderOperationEntity)
        .update({ id: charge.id }, { providerReference: reference });
    }
    this.logger.warn(
      `order ${charge.orderId} is ${orderStatus}: the charge ${reference ?? charge.id} is refunded`,
    );
    await this.scheduleRecovery(manager, refund.id);
    return refund.id;
  }

  /** The refund's recovery timer, written with it: a crash before the provider's answer loses nothing. */
  private scheduleRecovery(manager: EntityManager, operationId: string): Promise<void> {
    return this.timers.schedule(LedgerTimers.recoverPayment, { operationId }, recoveryAt(this.options), {
      manager,
    });
  }

  /** Calls the provider for a recorded refund and records the outcome (retried by recovery if this fails). */
  async settle(refundId: string): Promise<void> {
    let key = refundId;
    try {
      const operations = this.dataSource.getRepository(ProviderOperationEntity);
      const refund = await operations.findOneByOrFail({ id: refundId });
      key = refund.idempotencyKey;
      const charge = refund.chargeOperationId
        ? await operations.findOneBy({ id: refund.chargeOperationId })
        : await operations.findOne({
            where: {
              orderId: refund.orderId!,
              kind: ProviderOperationKind.CHARGE,
              status: ProviderOperationStatus.SUCCEEDED,
            },
          });
      const outcome = await this.operations.call(refund, (provider) =>
        provider.refund({
          orderId: refund.orderId!,
          amount: Money.of(refund.amountMinor, refund.currency),
          chargeReference: charge?.providerReference ?? '',
          idempotencyKey: refund.idempotencyKey,
          operationId: refund.id,
        }),
      );
      await this.dataSource.transaction((manager) => this.operations.complete(manager, refund.id, outcome));
    } catch (error) {
      this.logger.warn(`refund ${key} left for recovery: ${String(error)}`);
    }
  }
}
