import { Injectable } from '@nestjs/common';
import type { Money } from '@vtask/core';
import { DataSource, type EntityManager } from 'typeorm';
import { fundingRequestOf } from './charge-outcomes';
import { ChargesService } from './charges.service';
import { ProviderOperationEntity } from './entities/provider-operation.entity';
import { EscrowPostings, type EscrowParties } from './escrow.postings';
import { ProviderOperationKind, ProviderOperationStatus } from './ledger.states';
import type { ChargeResult, FundingRequest, PaymentListener } from './payment-listener';
import { ProviderOperationsService } from './provider-operations.service';
import { RefundsService } from './refunds.service';

/**
 * What orders asks of the ledger about an order's money: charge the payer into escrow, release it,
 * refund it or split it. Postings happen in the caller's transaction; provider calls after commit (a
 * refund decided here is settled by `settleRefund` once the caller has committed). Orders hears of
 * charge outcomes through the PaymentListener it registers with `listen`.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly charges: ChargesService,
    private readonly refunds: RefundsService,
    private readonly escrow: EscrowPostings,
    private readonly operations: ProviderOperationsService,
  ) {}

  listen(listener: PaymentListener): void {
    this.charges.listen(listener);
  }

  /** Records the charge that funds an order (see ChargesService); returns its id for `charge`. */
  recordCharge(
    manager: EntityManager,
    charge: { orderId: string; amount: Money; request: FundingRequest },
  ): Promise<string> {
    return this.charges.record(manager, charge);
  }

  /** The charge a funding request recorded earlier, if any. */
  findCharge(orderId: string, request: FundingRequest): Promise<string | null> {
    return this.charges.find(orderId, request);
  }

  /** Calls the provider for a recorded charge (after commit) and records what it answered. */
  charge(chargeId: string, request: FundingRequest | null): Promise<ChargeResult> {
    return this.charges.charge(chargeId, request);
  }

  /**
   * Acceptance: the escrow, less the retention holdback, goes to the creator, the platform's fee and the
   * agency's share.
   */
  async release(manager: EntityManager, parties: EscrowParties): Promise<void> {
    await this.escrow.release(manager, parties);
  }

  /** The retention window ended with the content up: the holdback is released like any release. */
  async releaseHoldback(manager: EntityManager, parties: EscrowParties): Promise<void> {
    if (parties.holdback.isPositive()) await this.escrow.releaseHoldback(manager, parties);
  }

  /** The retention was breached: the holdback is credited to the merchant's wallet. */
  async returnHoldback(manager: EntityManager, parties: EscrowParties): Promise<void> {
    if (parties.holdback.isPositive()) await this.escrow.returnHoldback(manager, parties);
  }

  /** Cancellation after funding: the whole price goes back to the payer. Returns the refund to settle. */
  async refund(manager: EntityManager, parties: EscrowParties): Promise<string> {
    const provider = await this.operations.chargeProvider(manager, parties.orderId);
    await this.escrow.refund(manager, parties, provider);
    return this.refunds.record(manager, parties.orderId, parties.price, 'cancel');
  }

  /**
   * A dispute's resolution: `creatorAmount` is released (fee and agency share apply), the rest goes
   * back to the payer. Returns the refund to settle, if anything is refunded.
   */
  async split(manager: EntityManager, parties: EscrowParties, creatorAmount: Money): Promise<string | null> {
    const provider = await this.operations.chargeProvider(manager, parties.orderId);
    await this.escrow.split(manager, parties, creatorAmount, provider);
    const refunded = parties.price.subtract(creatorAmount);
    return refunded.isPositive() ? this.refunds.record(manager, parties.orderId, refunded, 'dispute') : null;
  }

  /** After the caller's commit: asks the provider for a refund decided in it. */
  settleRefund(refundId: string): Promise<void> {
    return this.refunds.settle(refundId);
  }

  /** The recovery timer: finishes a charge or refund a crash interrupted (anything else is done). */
  async recover(operationId: string): Promise<void> {
    const operation = await this.dataSource
      .getRepository(ProviderOperationEntity)
      .findOneBy({ id: operationId });
    if (!operation || operation.status !== ProviderOperationStatus.PENDING) return;
    if (operation.kind === ProviderOperationKind.CHARGE) {
      await this.charges.charge(operation.id, fundingRequestOf(operation));
    } else if (operation.kind === ProviderOperationKind.REFUND) {
      await this.refunds.settle(operation.id);
    }
  }
}
