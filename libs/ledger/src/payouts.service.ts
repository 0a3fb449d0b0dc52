import { Injectable } from '@nestjs/common';
import { DomainError, Money, type Viewer } from '@vtask/core';
import { DataSource } from 'typeorm';
import { PayoutEntity, PayoutStatus } from './entities/payout.entity';
import { ProviderOperationKind } from './entities/provider-operation.entity';
import { IdempotencyService } from './idempotency.service';
import { LedgerAccount, PostingKind } from './ledger-accounts';
import { LedgerErrors } from './ledger.errors';
import { LedgerService } from './ledger.service';
import { ProviderOperationsService } from './provider-operations.service';

/** The wallet account of a merchant, creator or agency (admins have none). */
export function walletAccountOf(viewer: Viewer): string {
  if (viewer.creatorId) return LedgerAccount.creator(viewer.creatorId);
  if (viewer.agencyId) return LedgerAccount.agency(viewer.agencyId);
  if (viewer.merchantId) return LedgerAccount.merchant(viewer.merchantId);
  throw DomainError.forbidden('Only merchants, creators and agencies have wallets.');
}

/** Payouts: released earnings leave a wallet for the owner's account with the provider. */
@Injectable()
export class PayoutsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly operations: ProviderOperationsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async request(viewer: Viewer, amount: Money, idempotencyKey: string): Promise<PayoutEntity> {
    const account = walletAccountOf(viewer);
    if (!amount.isPositive()) throw DomainError.badInput({ 'amount.amount': 'The amount must be more than zero.' });
    const input = { amount: amount.toDecimal(), currency: amount.currency };
    const { payout, operationId } = await this.dataSource.transaction(async (manager) => {
      const claim = await this.idempotency.claim<{ payoutId: string }>(manager, viewer.userId, idempotencyKey, 'requestPayout', input);
      if (claim.replay) {
        return { payout: await manager.getRepository(PayoutEntity).findOneByOrFail({ id: claim.response.payoutId }), operationId: null };
      }
      // The balance row lock serializes payouts from one wallet: two requests cannot both spend it.
      const available = await this.ledger.balance(manager, account, amount.currency, true);
      if (available.compare(amount) < 0) throw LedgerErrors.insufficientFunds(available.toString());
      const created = await manager.getRepository(PayoutEntity).save(
        manager.create(PayoutEntity, {
          account,
          requestedByUserId: viewer.userId,
          currency: amount.currency,
          amountMinor: amount.minor,
          status: PayoutStatus.PENDING,
        }),
      );
      await this.ledger.post(manager, {
        kind: PostingKind.PAYOUT,
        currency: amount.currency,
        payoutId: created.id,
        lines: [
          { account, kind: PostingKind.PAYOUT, amount: -amount.minor },
          { account: LedgerAccount.external(this.operations.provider.name), kind: PostingKind.PAYOUT, amount: amount.minor },
        ],
      });
      const operation = await this.operations.record(manager, {
        kind: ProviderOperationKind.PAYOUT,
        idempotencyKey: `payout:${created.id}`,
        amount,
        payoutId: created.id,
      });
      await this.idempotency.complete(manager, viewer.userId, idempotencyKey, { payoutId: created.id });
      return { payout: created, operationId: operation.id };
    });
    if (!operationId) return payout;
    return this.settle(payout.id);
  }

  /** Calls the provider for a pending payout and records the outcome; a refusal returns the money. */
  async settle(payoutId: string): Promise<PayoutEntity> {
    const payouts = this.dataSource.getRepository(PayoutEntity);
    const payout = await payouts.findOneByOrFail({ id: payoutId });
    if (payout.status !== PayoutStatus.PENDING) return payout;
    const operation = await this.operations.findByKey(this.dataSource.manager, `payout:${payout.id}`);
    if (!operation) return payout;
    const amount = Money.of(payout.amountMinor, payout.currency);
    const outcome = await this.operations.call(operation, (provider) =>
      provider.payout({ account: payout.account, amount, idempotencyKey: operation.idempotencyKey }),
    );
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.operations.complete(manager, operation.id, outcome))) return;
      if (outcome.status === 'SUCCEEDED') {
        await manager.getRepository(PayoutEntity).update({ id: payout.id }, { status: PayoutStatus.PAID, providerReference: outcome.reference });
      } else if (outcome.status === 'FAILED') {
        await manager.getRepository(PayoutEntity).update({ id: payout.id }, { status: PayoutStatus.FAILED, failureReason: outcome.reason });
        await this.ledger.post(manager, {
          kind: PostingKind.PAYOUT_REVERSAL,
          currency: payout.currency,
          payoutId: payout.id,
          lines: [
            { account: LedgerAccount.external(this.operations.provider.name), kind: PostingKind.PAYOUT_REVERSAL, amount: -payout.amountMinor },
            { account: payout.account, kind: PostingKind.PAYOUT_REVERSAL, amount: payout.amountMinor },
          ],
        });
      }
    });
    return payouts.findOneByOrFail({ id: payout.id });
  }

  mine(viewer: Viewer): Promise<PayoutEntity[]> {
    return this.dataSource
      .getRepository(PayoutEntity)
      .find({ where: { account: walletAccountOf(viewer) }, order: { createdAt: 'DESC' }, take: 200 });
  }
}
