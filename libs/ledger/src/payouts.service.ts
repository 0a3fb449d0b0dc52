import { Inject, Injectable, Logger } from '@nestjs/common';
import { Money, type Viewer } from '@vtask/core';
import { TimersService } from '@vtask/jobs';
import { DataSource, In, type EntityManager } from 'typeorm';
import { PayoutEntity } from './entities/payout.entity';
import { ProviderOperationEntity } from './entities/provider-operation.entity';
import { IdempotencyService } from './idempotency.service';
import { LedgerAccount, PostingKind } from './ledger-accounts';
import { LedgerErrors } from './ledger.errors';
import {
  PAYMENT_TRANSITIONS,
  PAYOUT_TRANSITIONS,
  PayoutStatus,
  ProviderOperationKind,
  ProviderOperationStatus,
} from './ledger.states';
import { LEDGER_OPTIONS, type LedgerOptions } from './ledger.options';
import { LedgerService } from './ledger.service';
import { LedgerTimers, recoveryAt } from './ledger.timers';
import { PayoutAccountsService } from './payout-accounts.service';
import type { PayoutReasonKey, PayoutReasonParamsByKey } from './payout-notes';
import { ProviderOperationsService } from './provider-operations.service';
import { walletAccountOf } from './wallet-account';

/** Why a payout waits, shown to its owner. */
export const WAITING_FOR_PAYOUT_ACCOUNT =
  'Waiting for a connected payout account: use connectPayoutAccount and finish the onboarding; the payout is sent as soon as the account can receive transfers.';

/** Payouts: released earnings leave a wallet for the owner's account with the provider. */
@Injectable()
export class PayoutsService {
  private readonly logger = new Logger('Payouts');

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly operations: ProviderOperationsService,
    private readonly idempotency: IdempotencyService,
    private readonly payoutAccounts: PayoutAccountsService,
    private readonly timers: TimersService,
    @Inject(LEDGER_OPTIONS) private readonly options: LedgerOptions,
  ) {}

  async request(viewer: Viewer, amount: Money, idempotencyKey: string): Promise<PayoutEntity> {
    const account = walletAccountOf(viewer);
    if (!amount.isPositive()) throw LedgerErrors.payoutNotPositive();
    const input = { amount: amount.toDecimal(), currency: amount.currency };
    const { payout, operationId } = await this.dataSource.transaction(async (manager) => {
      const claim = await this.idempotency.claim<{ payoutId: string }>(
        manager,
        viewer.userId,
        idempotencyKey,
        'requestPayout',
        input,
      );
      if (claim.replay) {
        return {
          payout: await manager.getRepository(PayoutEntity).findOneByOrFail({ id: claim.response.payoutId }),
          operationId: null,
        };
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
          provider: this.operations.provider.name,
        }),
      );
      await this.ledger.post(manager, {
        kind: PostingKind.PAYOUT,
        currency: amount.currency,
        payoutId: created.id,
        lines: [
          { account, kind: PostingKind.PAYOUT, amount: -amount.minor },
          {
            account: LedgerAccount.external(this.operations.provider.name),
            kind: PostingKind.PAYOUT,
            amount: amount.minor,
          },
        ],
      });
      const operation = await this.operations.record(manager, {
        kind: ProviderOperationKind.PAYOUT,
        idempotencyKey: `payout:${created.id}`,
        amount,
        payoutId: created.id,
      });
      // Written with the payout, so a crash before the provider's answer is recorded loses nothing.
      await this.timers.schedule(
        LedgerTimers.recoverPayout,
        { payoutId: created.id },
        recoveryAt(this.options),
        { manager },
      );
      await this.idempotency.complete(manager, viewer.userId, idempotencyKey, { payoutId: created.id });
      return { payout: created, operationId: operation.id };
    });
    if (!operationId) return payout;
    const settled = await this.settleOrLeave(payout);
    // The owner is here and asking: payouts that waited for their connected account go too.
    await this.retryWaiting(account);
    return settled;
  }

  /**
   * Calls the provider for a pending payout and records the outcome; a refusal returns the money. A
   * provider that pays out to connected accounts leaves the payout PENDING, with the reason, until the
   * owner's account can receive transfers.
   */
  async settle(payoutId: string): Promise<PayoutEntity> {
    const payouts = this.dataSource.getRepository(PayoutEntity);
    const payout = await payouts.findOneByOrFail({ id: payoutId });
    if (payout.status !== PayoutStatus.PENDING) return payout;
    const operation = await this.operations.findByKey(this.dataSource.manager, `payout:${payout.id}`);
    if (!operation || operation.status !== ProviderOperationStatus.PENDING) return payout;
    let destination: string | null = null;
    if (this.operations.provider.payoutAccounts) {
      const connected = await this.payoutAccounts.readyAccountOf(payout.account);
      if (!connected) {
        await payouts.update(
          { id: payout.id, status: PayoutStatus.PENDING },
          { failureReason: WAITING_FOR_PAYOUT_ACCOUNT, ...storedReason('WAITING_FOR_PAYOUT_ACCOUNT', {}) },
        );
        return payouts.findOneByOrFail({ id: payout.id });
      }
      destination = connected.reference;
    }
    const amount = Money.of(payout.amountMinor, payout.currency);
    const outcome = await this.operations.call(operation, (provider) =>
      provider.payout({
        account: payout.account,
        amount,
        idempotencyKey: operation.idempotencyKey,
        operationId: operation.id,
        payoutId: payout.id,
        destination,
      }),
    );
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.operations.complete(manager, operation.id, outcome))) return;
      if (outcome.status === 'SUCCEEDED') {
        await manager.getRepository(PayoutEntity).update(
          { id: payout.id, status: In(PAYOUT_TRANSITIONS.from('PAY')) },
          {
            status: PAYOUT_TRANSITIONS.to('PAY'),
            providerReference: outcome.reference,
            failureReason: null,
            failureKey: null,
            failureParams: null,
          },
        );
      } else if (outcome.status === 'FAILED') {
        await manager.getRepository(PayoutEntity).update(
          { id: payout.id, status: In(PAYOUT_TRANSITIONS.from('REFUSE')) },
          {
            status: PAYOUT_TRANSITIONS.to('REFUSE'),
            failureReason: outcome.reason.slice(0, 500),
            failureKey: null,
            failureParams: null,
          },
        );
        await this.returnToWallet(manager, payout, operation.provider, payout.amountMinor);
      }
    });
    return payouts.findOneByOrFail({ id: payout.id });
  }

  /** Settles the wallet's PENDING payouts (e.g. once its connected account can receive transfers). */
  async retryWaiting(walletAccount: string): Promise<void> {
    const waiting = await this.dataSource.getRepository(PayoutEntity).find({
      where: { account: walletAccount, status: PayoutStatus.PENDING },
      order: { createdAt: 'ASC' },
      take: 50,
    });
    for (const payout of waiting) {
      const settled = await this.settleOrLeave(payout);
      if (settled.status === PayoutStatus.PENDING) break; // still waiting, or the provider is away
    }
  }

  /**
   * The provider took money back from a transfer it had made (Stripe's transfer.reversed). What was
   * reversed returns to the wallet with a PAYOUT_REVERSAL posting; a whole reversal fails the payout.
   * `reversedMinor` is the running total, so a repeated or out-of-order report moves nothing twice.
   */
  async applyReversal(
    manager: EntityManager,
    report: { operationId: string | null; reference: string; reversedMinor: bigint; currency: string },
  ): Promise<string> {
    const operation = await this.operations.findForEvent(
      manager,
      ProviderOperationKind.PAYOUT,
      report.operationId,
      report.reference,
    );
    if (!operation?.payoutId) return `ignored: no payout made the transfer ${report.reference}`;
    const payout = await manager
      .getRepository(PayoutEntity)
      .findOne({ where: { id: operation.payoutId }, lock: { mode: 'pessimistic_write' } });
    if (!payout) return `ignored: payout ${operation.payoutId} not found`;
    if (report.currency !== payout.currency) {
      this.logger.warn(
        `transfer ${report.reference} reversed in ${report.currency}, but payout ${payout.id} is in ${payout.currency}; nothing changed`,
      );
      return 'ignored: currency differs from the payout';
    }
    const [row] = await manager.query<{ returned: string | null }[]>(
      `SELECT sum(e.amount_minor) AS returned
         FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
        WHERE t.payout_id = $1 AND t.kind = $2 AND e.account = $3`,
      [payout.id, PostingKind.PAYOUT_REVERSAL, payout.account],
    );
    const reversed = report.reversedMinor < payout.amountMinor ? report.reversedMinor : payout.amountMinor;
    const delta = reversed - BigInt(row?.returned ?? 0);
    if (delta <= 0n) return 'nothing new: already returned to the wallet';
    await this.returnToWallet(manager, payout, operation.provider, delta);
    const whole = reversed === payout.amountMinor;
    const returned = Money.of(delta, payout.currency);
    await manager.getRepository(ProviderOperationEntity).update(
      { id: operation.id },
      {
        status: PAYMENT_TRANSITIONS.to(whole ? 'REVERSE_WHOLE' : 'REVERSE_PART'),
        providerReference: report.reference,
        failureReason: `Transfer reversed by the provider (${Money.of(reversed, payout.currency).toDecimal()}).`,
      },
    );
    await manager.getRepository(PayoutEntity).update(
      { id: payout.id },
      whole
        ? {
            status: PAYOUT_TRANSITIONS.to('REVERSE_WHOLE'),
            providerReference: report.reference,
            failureReason: `The transfer ${report.reference} was reversed; ${returned.toDecimal()} ${payout.currency} is back in the wallet.`,
            ...storedReason('REVERSED_WHOLE', {
              reference: report.reference,
              returned: moneyParam(returned),
            }),
          }
        : {
            status: PAYOUT_TRANSITIONS.to('REVERSE_PART'),
            providerReference: report.reference,
            failureReason: `Part of the transfer ${report.reference} was reversed; ${returned.toDecimal()} ${payout.currency} is back in the wallet.`,
            ...storedReason('REVERSED_PART', { reference: report.reference, returned: moneyParam(returned) }),
          },
    );
    return `returned ${returned.toDecimal()} ${payout.currency} to ${payout.account}`;
  }

  mine(viewer: Viewer): Promise<PayoutEntity[]> {
    return this.dataSource
      .getRepository(PayoutEntity)
      .find({ where: { account: walletAccountOf(viewer) }, order: { createdAt: 'DESC' }, take: 200 });
  }

  /** A failed provider call must not fail the request: the payout is recorded and recovery retries it. */
  private async settleOrLeave(payout: PayoutEntity): Promise<PayoutEntity> {
    try {
      return await this.settle(payout.id);
    } catch (error) {
      this.logger.warn(`payout ${payout.id} left PENDING for recovery: ${String(error)}`);
      return this.dataSource.getRepository(PayoutEntity).findOneByOrFail({ id: payout.id });
    }
  }

  private returnToWallet(
    manager: EntityManager,
    payout: PayoutEntity,
    provider: string,
    amountMinor: bigint,
  ) {
    return this.ledger.post(manager, {
      kind: PostingKind.PAYOUT_REVERSAL,
      currency: payout.currency,
      payoutId: payout.id,
      lines: [
        {
          account: LedgerAccount.external(provider),
          kind: PostingKind.PAYOUT_REVERSAL,
          amount: -amountMinor,
        },
        { account: payout.account, kind: PostingKind.PAYOUT_REVERSAL, amount: amountMinor },
      ],
    });
  }
}

/** The columns a keyed reason is stored in (its English wording stays in `failureReason` for operators). */
function storedReason<K extends PayoutReasonKey>(
  key: K,
  params: PayoutReasonParamsByKey[K],
): { failureKey: string; failureParams: object } {
  return { failureKey: key, failureParams: params };
}

function moneyParam(money: Money): { amount: string; currency: string } {
  return { amount: money.toDecimal(), currency: money.currency };
}
