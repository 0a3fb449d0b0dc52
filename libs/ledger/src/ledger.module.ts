import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LEDGER_ENTITIES } from './entities';
import { EscrowViewService } from './escrow-view.service';
import { EscrowPostings } from './escrow.postings';
import { IdempotencyService } from './idempotency.service';
import { LEDGER_OPTIONS, type LedgerOptions } from './ledger.options';
import { LedgerService } from './ledger.service';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider';
import { ChargesService } from './charges.service';
import { PaymentRecoveryHandler } from './payment-recovery.jobs';
import { PaymentRecoveryTimer } from './payment-recovery.timer';
import { PaymentWebhooksService } from './payment-webhooks.service';
import { PaymentsService } from './payments.service';
import { PayoutAccountsService } from './payout-accounts.service';
import { PayoutRecoveryHandler } from './payout-recovery.jobs';
import { PayoutsService } from './payouts.service';
import { ProviderEventsService } from './provider-events.service';
import { ProviderOperationsService } from './provider-operations.service';
import { RefundsService } from './refunds.service';

/** What other libraries and the API may inject. */
const PUBLIC_SERVICES = [
  LedgerService,
  IdempotencyService,
  PaymentsService,
  PaymentWebhooksService,
  EscrowViewService,
  PayoutsService,
  PayoutAccountsService,
];

/** The ledger's settings, given once by the API: the payment provider and the recovery delay. */
@Module({})
class LedgerSettingsModule {}

/**
 * The ledger: import it where its services are needed (it is not global). Its settings come from
 * `LedgerModule.forRoot`, imported once by the API's root module.
 */
@Module({
  imports: [TypeOrmModule.forFeature(LEDGER_ENTITIES)],
  providers: [
    ...PUBLIC_SERVICES,
    EscrowPostings,
    ProviderOperationsService,
    ProviderEventsService,
    ChargesService,
    RefundsService,
    PaymentRecoveryTimer,
    PaymentRecoveryHandler,
    PayoutRecoveryHandler,
  ],
  exports: PUBLIC_SERVICES,
})
export class LedgerModule {
  /** For the API's root module: the ledger with its provider and settings (these alone are global). */
  static forRoot(provider: PaymentProvider, options: LedgerOptions = {}): DynamicModule {
    const settings: DynamicModule = {
      module: LedgerSettingsModule,
      global: true,
      providers: [
        { provide: PAYMENT_PROVIDER, useValue: provider },
        { provide: LEDGER_OPTIONS, useValue: options },
      ],
      exports: [PAYMENT_PROVIDER, LEDGER_OPTIONS],
    };
    return { module: LedgerRootModule, imports: [settings, LedgerModule], exports: [LedgerModule] };
  }
}

/** The root's import of the ledger: its settings, and the one LedgerModule every importer shares. */
@Module({})
class LedgerRootModule {}
