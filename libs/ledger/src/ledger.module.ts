import { DynamicModule, Module } from '@nestjs/common';
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

const SERVICES = [
  LedgerService,
  EscrowPostings,
  IdempotencyService,
  ProviderOperationsService,
  ProviderEventsService,
  PayoutAccountsService,
  PayoutsService,
  PaymentsService,
  PaymentWebhooksService,
  EscrowViewService,
];

@Module({})
export class LedgerModule {
  static forRoot(provider: PaymentProvider, options: LedgerOptions = {}): DynamicModule {
    return {
      module: LedgerModule,
      global: true,
      imports: [TypeOrmModule.forFeature(LEDGER_ENTITIES)],
      providers: [
        { provide: PAYMENT_PROVIDER, useValue: provider },
        { provide: LEDGER_OPTIONS, useValue: options },
        PayoutRecoveryHandler,
        PaymentRecoveryTimer,
        PaymentRecoveryHandler,
        ChargesService,
        RefundsService,
        ...SERVICES,
      ],
      exports: [PAYMENT_PROVIDER, ...SERVICES],
    };
  }
}
