import { bigintColumn, CurrencyCode } from '@vtask/core';
import { ProviderOperationKind, ProviderOperationStatus } from '../ledger.states';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A call to the payment provider, recorded before it is made (with the idempotency key it is made
 * with) and completed after: a crash in between leaves a PENDING row that recovery retries with the
 * same key, so the provider never charges or pays twice.
 */
@Entity('provider_operations')
@Index('provider_operations_one_live_charge_per_order', { synchronize: false })
@Index('provider_operations_by_reference', { synchronize: false })
export class ProviderOperationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  provider: string;

  @Column({ type: 'enum', enum: ProviderOperationKind, enumName: 'provider_operation_kind' })
  kind: ProviderOperationKind;

  @Column({ type: 'varchar', length: 200, unique: true })
  idempotencyKey: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  orderId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  payoutId: string | null;

  /** For a REFUND: the CHARGE operation it returns money from (null: the order's succeeded charge). */
  @Column({ type: 'uuid', nullable: true })
  chargeOperationId: string | null;

  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @Column({ type: 'bigint', transformer: bigintColumn })
  amountMinor: bigint;

  @Column({
    type: 'enum',
    enum: ProviderOperationStatus,
    enumName: 'provider_operation_status',
    default: ProviderOperationStatus.PENDING,
  })
  status: ProviderOperationStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  providerReference: string | null;

  /** For REQUIRES_ACTION charges: what the payer's client confirms with. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  clientSecret: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failureReason: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
