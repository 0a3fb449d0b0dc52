import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LEDGER_ENTITIES } from './entities';
import { EscrowPostings } from './escrow.postings';
import { IdempotencyService } from './idempotency.service';
import { LedgerService } from './ledger.service';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider';
import { PayoutsService } from './payouts.service';
import { ProviderOperationsService } from './provider-operations.service';

const SERVICES = [LedgerService, EscrowPostings, IdempotencyService, ProviderOperationsService, PayoutsService];

@Module({})
export class LedgerModule {
  static forRoot(provider: PaymentProvider): DynamicModule {
    return {
      module: LedgerModule,
      global: true,
      imports: [TypeOrmModule.forFeature(LEDGER_ENTITIES)],
      providers: [{ provide: PAYMENT_PROVIDER, useValue: provider }, ...SERVICES],
      exports: [PAYMENT_PROVIDER, ...SERVICES],
    };
  }
}
