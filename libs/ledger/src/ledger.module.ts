import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { configuredModule } from '@vtask/database';
import { timerHandlers } from '@vtask/jobs';
import { LEDGER_ENTITIES } from './entities';
import { EscrowViewService } from './escrow-view.service';
import { EscrowPostings } from './escrow.postings';
import { IdempotencyService } from './idempotency.service';
import { LEDGER_OPTIONS, type LedgerOptions } from './ledger.options';
import { LedgerService } from './ledger.service';
import { LedgerTimers } from './ledger.timers';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider';
import { ChargesService } from './charges.service';
import { PaymentWebhooksService } from './payment-webhooks.service';
import { PaymentsService } from './payments.service';
import { PayoutAccountsService } from './payout-accounts.service';
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

/**
 * The ledger: import it where its services are needed (it is not global). Its settings come from
 * `LedgerModule.forRoot`, in the composition root (apps/api/src/domain.modules.ts).
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
    // Both handlers do nothing for an operation or payout no longer PENDING, and throw (so pg-boss
    // retries) only when the provider cannot be reached.
    timerHandlers(
      LedgerTimers,
      [PaymentsService, PayoutsService],
      (payments: PaymentsService, payouts: PayoutsService) => ({
        recoverPayment: ({ operationId }) => payments.recover(operationId),
        recoverPayout: async ({ payoutId }) => {
          await payouts.settle(payoutId);
        },
      }),
    ),
  ],
  exports: PUBLIC_SERVICES,
})
export class LedgerModule {
  /** For the composition root (domain.modules.ts): the ledger with its provider and settings. */
  static forRoot(provider: PaymentProvider, options: LedgerOptions = {}): DynamicModule {
    return configuredModule(LedgerModule, [
      { provide: PAYMENT_PROVIDER, useValue: provider },
      { provide: LEDGER_OPTIONS, useValue: options },
    ]);
  }
}
