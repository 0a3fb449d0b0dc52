import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { LedgerBalanceEntity } from './ledger-balance.entity';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { LedgerTransactionEntity } from './ledger-transaction.entity';
import { PayoutAccountEntity } from './payout-account.entity';
import { PayoutEntity } from './payout.entity';
import { ProviderEventEntity } from './provider-event.entity';
import { ProviderOperationEntity } from './provider-operation.entity';

export * from './payout-account.entity';
export * from './payout.entity';
export * from './provider-event.entity';
export * from './provider-operation.entity';
export { IdempotencyKeyEntity, LedgerBalanceEntity, LedgerEntryEntity, LedgerTransactionEntity };

export const LEDGER_ENTITIES = [
  LedgerTransactionEntity,
  LedgerEntryEntity,
  LedgerBalanceEntity,
  ProviderOperationEntity,
  PayoutEntity,
  IdempotencyKeyEntity,
  ProviderEventEntity,
  PayoutAccountEntity,
];
