import { Inject, Injectable, Logger } from '@nestjs/common';
import { inputErrors, Role, type DomainError, type Viewer } from '@vtask/core';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { PayoutAccountEntity } from './entities/payout-account.entity';
import { LedgerErrors } from './ledger.errors';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider';
import { walletAccountOf } from './wallet-account';

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

export interface OnboardingLink {
  url: string;
  expiresAt: Date;
  /** The account already receives payouts; the link only lets the owner review their details. */
  ready: boolean;
}

/**
 * Connected payout accounts (Stripe Connect Express): created once per wallet, then the owner finishes
 * the provider's onboarding through a link. Provider calls happen outside database transactions.
 */
@Injectable()
export class PayoutAccountsService {
  private readonly logger = new Logger('PayoutAccounts');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  /** Opens the viewer's connected account if it has none yet, and returns a fresh onboarding link. */
  async connect(viewer: Viewer, returnUrl: string, refreshUrl: string): Promise<OnboardingLink> {
    if (viewer.role !== Role.CREATOR && viewer.role !== Role.AGENCY) {
      throw LedgerErrors.payoutAccountNotForRole();
    }
    const problems: DomainError[] = [];
    if (!HTTP_URL.test(returnUrl) || returnUrl.length > 2000)
      problems.push(LedgerErrors.notHttpUrl('returnUrl'));
    if (!HTTP_URL.test(refreshUrl) || refreshUrl.length > 2000)
      problems.push(LedgerErrors.notHttpUrl('refreshUrl'));
    if (problems.length) throw inputErrors(problems);
    const accounts = this.provider.payoutAccounts;
    if (!accounts) {
      throw LedgerErrors.nothingToConnect(this.provider.name);
    }
    const walletAccount = walletAccountOf(viewer);
    const repository = this.dataSource.getRepository(PayoutAccountEntity);
    let account = await repository.findOneBy({ provider: this.provider.name, walletAccount });
    if (!account) {
      // The key makes concurrent or retried requests open one account at the provider (within its
      // idempotency window); the unique index keeps one row if two requests race to store it.
      const created = await this.reach(() =>
        accounts.createAccount({
          walletAccount,
          email: null,
          idempotencyKey: `payout-account:${walletAccount}`,
        }),
      );
      await repository
        .createQueryBuilder()
        .insert()
        .values({
          provider: this.provider.name,
          walletAccount,
          reference: created.reference,
          ready: created.ready,
          readyAsOf: null,
        })
        .orIgnore()
        .execute();
      account = await repository.findOneByOrFail({ provider: this.provider.name, walletAccount });
    }
    const { reference } = account;
    // An account link is single-use and short-lived, so each request asks for a new one.
    const link = await this.reach(() =>
      accounts.onboardingLink({
        reference,
        returnUrl,
        refreshUrl,
        idempotencyKey: `payout-account:${walletAccount}:link:${randomUUID()}`,
      }),
    );
    return { url: link.url, expiresAt: link.expiresAt, ready: account.ready };
  }

  /** The wallet's account if transfers to it are possible. */
  readyAccountOf(walletAccount: string): Promise<PayoutAccountEntity | null> {
    return this.dataSource
      .getRepository(PayoutAccountEntity)
      .findOneBy({ provider: this.provider.name, walletAccount, ready: true });
  }

  /**
   * The provider says whether an account can receive transfers (Stripe's account.updated). Applied
   * only if newer than what was applied before, so out-of-order events do no harm. Returns the wallet
   * when the account has just become ready (its waiting payouts can go now).
   */
  async updateReadiness(
    manager: EntityManager,
    reference: string,
    ready: boolean,
    asOf: Date,
  ): Promise<{ walletAccount: string | null; applied: boolean; becameReady: boolean }> {
    const repository = manager.getRepository(PayoutAccountEntity);
    const account = await repository.findOne({
      where: { provider: this.provider.name, reference },
      lock: { mode: 'pessimistic_write' },
    });
    if (!account) return { walletAccount: null, applied: false, becameReady: false };
    if (account.readyAsOf && account.readyAsOf.getTime() > asOf.getTime()) {
      return { walletAccount: account.walletAccount, applied: false, becameReady: false };
    }
    await repository.update({ id: account.id }, { ready, readyAsOf: asOf });
    return { walletAccount: account.walletAccount, applied: true, becameReady: ready && !account.ready };
  }

  private async reach<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      this.logger.warn(`${this.provider.name} did not answer a payout account request: ${String(error)}`);
      throw LedgerErrors.payoutAccountUnavailable();
    }
  }
}
