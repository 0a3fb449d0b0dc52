import { Inject, Injectable } from '@nestjs/common';
import { Money } from '@vtask/core';
import { uniqueViolation } from '@vtask/database';
import { TimersService } from '@vtask/jobs';
import { DataSource, type EntityManager } from 'typeorm';
import {
  answerOf,
  chargeKey,
  failed,
  fundingRequestOf,
  nextChargeStep,
  succeeded,
  type ChargeStep,
} from './charge-outcomes';
import { ProviderOperationEntity } from './entities/provider-operation.entity';
import { EscrowPostings } from './escrow.postings';
import { IdempotencyService } from './idempotency.service';
import { LedgerErrors } from './ledger.errors';
import { LEDGER_OPTIONS, type LedgerOptions } from './ledger.options';
import { ProviderOperationKind, ProviderOperationStatus } from './ledger.states';
import { LedgerTimers, recoveryAt } from './ledger.timers';
import type { ProviderOutcome } from './payment-provider';
import type { ChargePayee, ChargeResult, FundingRequest, PaymentListener } from './payment-listener';
import { ProviderOperationsService } from './provider-operations.service';
import { RefundsService } from './refunds.service';

/** A recorded charge outcome, and the refund it decided (settled by the caller after commit). */
export interface RecordedCharge {
  result: ChargeResult;
  refundId: string | null;
}

interface StepContext {
  manager: EntityManager;
  charge: ProviderOperationEntity;
  payee: ChargePayee;
  orderId: string;
}

/**
 * Charges of the payer for an order's escrow, in three steps because the provider is outside: the
 * intent is recorded with its idempotency key (and a recovery timer), the provider is called after
 * commit, and its outcome is recorded; the order hears of it through its PaymentListener.
 */
@Injectable()
export class ChargesService {
  private listener: PaymentListener | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: ProviderOperationsService,
    private readonly idempotency: IdempotencyService,
    private readonly escrow: EscrowPostings,
    private readonly refunds: RefundsService,
    private readonly timers: TimersService,
    @Inject(LEDGER_OPTIONS) private readonly options: LedgerOptions,
  ) {}

  listen(listener: PaymentListener): void {
    if (this.listener && this.listener !== listener)
      throw new Error('A payment listener is already registered.');
    this.listener = listener;
  }

  private get payees(): PaymentListener {
    if (!this.listener) throw new Error('No payment listener is registered (OrdersModule registers one).');
    return this.listener;
  }

  /** Step 1, in the caller's transaction (which holds the order's lock): the charge intent and its timer. */
  async record(
    manager: EntityManager,
    charge: { orderId: string; amount: Money; request: FundingRequest },
  ): Promise<string> {
    try {
      const operation = await this.operations.record(manager, {
        kind: ProviderOperationKind.CHARGE,
        idempotencyKey: chargeKey(charge.orderId, charge.request),
        amount: charge.amount,
        orderId: charge.orderId,
      });
      await this.timers.schedule(
        LedgerTimers.recoverPayment,
        { operationId: operation.id },
        recoveryAt(this.options),
        { manager },
      );
      return operation.id;
    } catch (error) {
      if (uniqueViolation(error) === 'provider_operations_one_live_charge_per_order')
        throw LedgerErrors.orderAlreadyFunded();
      throw error;
    }
  }

  /** The charge a funding request recorded, if any. */
  async find(orderId: string, request: FundingRequest): Promise<string | null> {
    const operation = await this.operations.findByKey(this.dataSource.manager, chargeKey(orderId, request));
    return operation?.id ?? null;
  }

  /**
   * Steps 2 and 3: calls the provider for a charge still PENDING, then records the outcome; also how
   * recovery finishes a charge. A charge already answered just gives its answer.
   */
  async charge(chargeId: string, request: FundingRequest | null): Promise<ChargeResult> {
    const outcome = await this.operations
      .callIfPending(chargeId, (provider, operation) =>
        provider.charge({
          orderId: operation.orderId!,
          amount: Money.of(operation.amountMinor, operation.currency),
          idempotencyKey: operation.idempotencyKey,
          operationId: operation.id,
        }),
      )
      .catch(() => {
        // Unreachable: the charge stays PENDING; recovery, or a retry of the same key, calls again.
        throw LedgerErrors.providerUnreachable();
      });
    const { result, refundId } = await this.dataSource.transaction((manager) =>
      this.recordOutcome(manager, chargeId, outcome, request),
    );
    if (refundId) await this.refunds.settle(refundId);
    return result;
  }

  /**
   * Records a charge's outcome in the caller's transaction (a webhook claims its event id in the same
   * one). `reviveFailed`: the provider reports that a charge we recorded FAILED succeeded after all (the
   * payer retried after a declined attempt, or the events came out of order): the money was taken, so it
   * funds the order if nothing else did meanwhile, and is refunded otherwise.
   */
  async recordOutcome(
    manager: EntityManager,
    chargeId: string,
    outcome: ProviderOutcome | null,
    request: FundingRequest | null,
    options: { reviveFailed?: boolean } = {},
  ): Promise<RecordedCharge> {
    const operation = await manager
      .getRepository(ProviderOperationEntity)
      .findOne({ where: { id: chargeId }, lock: { mode: 'pessimistic_write' } });
    if (!operation?.orderId) throw LedgerErrors.paymentNotFound();
    const orderId = operation.orderId;
    const payee = await this.payees.lockPayee(manager, orderId);
    let changed = false;
    if (
      outcome?.status === 'SUCCEEDED' &&
      options.reviveFailed &&
      operation.status === ProviderOperationStatus.FAILED
    ) {
      changed = await this.operations.revive(manager, operation, outcome.reference);
      if (!changed) {
        // Another charge is live: this one's money goes back. The funding request keeps its answer.
        const refundId = await this.refunds.refundLateCharge(
          manager,
          operation,
          outcome.reference,
          payee.status,
        );
        return {
          result: failed(orderId, 'Another payment funded this order; this one is refunded.'),
          refundId,
        };
      }
    }
    const revived = changed;
    const completed = outcome ? await this.operations.complete(manager, operation.id, outcome) : null;
    changed = completed !== null || changed;
    // The charge as it stands now: as completing it returned it, else as locked above unless revived.
    const charge =
      completed ??
      (revived
        ? await manager.getRepository(ProviderOperationEntity).findOneByOrFail({ id: operation.id })
        : operation);
    const step = nextChargeStep(charge.status, payee.standing, changed);
    const recorded = await this.steps[step]({ manager, charge, payee, orderId });
    if (request) await this.idempotency.complete(manager, request.userId, request.key, recorded.result);
    return recorded;
  }

  /** What each step does (see nextChargeStep for when). */
  private readonly steps: Readonly<Record<ChargeStep, (context: StepContext) => Promise<RecordedCharge>>> = {
    FUND: async ({ manager, charge, payee }) => {
      const parties = await this.payees.charged(manager, payee, {
        provider: charge.provider,
        reference: charge.providerReference,
        // Who paid acted, even when recovery or a webhook records it (the charge's key names them).
        payerUserId: fundingRequestOf(charge)?.userId ?? null,
      });
      await this.escrow.fund(manager, parties, charge.provider);
      return { result: succeeded(parties.orderId), refundId: null };
    },
    REFUND_LATE: async ({ manager, charge, payee, orderId }) => {
      // Charged after the order moved on: give the money back (once: only the report that closed the charge).
      const refundId = await this.refunds.refundLateCharge(
        manager,
        charge,
        charge.providerReference,
        payee.status,
      );
      return { result: failed(orderId, lateChargeReason(payee.status)), refundId };
    },
    CHECK_ESCROW: async ({ manager, payee, orderId }) => {
      const funded = await this.escrow.hasFunded(manager, orderId);
      return {
        result: funded ? succeeded(orderId) : failed(orderId, lateChargeReason(payee.status)),
        refundId: null,
      };
    },
    RECORD_FAILURE: async ({ manager, charge, orderId }) => {
      await this.payees.chargeFailed(manager, orderId, charge.failureReason);
      return { result: answerOf(orderId, charge), refundId: null };
    },
    ANSWER: async ({ charge, orderId }) => ({ result: answerOf(orderId, charge), refundId: null }),
    STILL_PENDING: () => Promise.reject(LedgerErrors.paymentInProgress()),
  };
}

function lateChargeReason(orderStatus: string): string {
  return `The order was ${orderStatus} before the payment completed; the charge is refunded.`;
}
