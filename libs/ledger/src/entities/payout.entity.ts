import { bigintColumn, CurrencyCode } from '@vtask/core';
import { PayoutStatus } from '../ledger.states';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Money leaving a wallet for the owner's bank or connected account. */
@Entity('payouts')
@Index(['account', 'createdAt'])
export class PayoutEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The wallet account paid out from, e.g. creator/<id>. */
  @Column({ type: 'varchar', length: 100 })
  account: string;

  @Column({ type: 'uuid' })
  requestedByUserId: string;

  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @Column({ type: 'bigint', transformer: bigintColumn })
  amountMinor: bigint;

  @Column({ type: 'enum', enum: PayoutStatus, enumName: 'payout_status', default: PayoutStatus.PENDING })
  status: PayoutStatus;

  /** The provider that pays it out ("sandbox", "stripe"); null on payouts stored before it was kept. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  provider: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  providerReference: string | null;

  /** A provider's own refusal, or (with `failureKey`) the English wording of the server's reason. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  failureReason: string | null;

  /** The server's reason as a code (payout-notes.ts), worded for each reader. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  failureKey: string | null;

  @Column({ type: 'jsonb', nullable: true })
  failureParams: object | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
