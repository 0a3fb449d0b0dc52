import { bigintColumn, CurrencyCode } from '@vtask/core';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { PostingKind } from '../ledger-accounts';
import { LedgerTransactionEntity } from './ledger-transaction.entity';

/**
 * One line of a journal transaction: signed, positive credits the account. Entries are never updated
 * or deleted (a trigger refuses it); corrections are new transactions.
 */
@Entity('ledger_entries')
@Index(['account', 'createdAt'])
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  transactionId: string;

  @ManyToOne(() => LedgerTransactionEntity)
  @JoinColumn()
  transaction?: LedgerTransactionEntity;

  @Column({ type: 'varchar', length: 100 })
  account: string;

  @Column({ type: 'enum', enum: PostingKind, enumName: 'posting_kind' })
  kind: PostingKind;

  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @Column({ type: 'bigint', transformer: bigintColumn })
  amountMinor: bigint;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  orderId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
