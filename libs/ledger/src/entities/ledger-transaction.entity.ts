import { CurrencyCode } from '@vtask/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EscrowPart, PostingKind } from '../ledger-accounts';

/** One balanced journal transaction: its entries sum to zero (checked by the database at commit). */
@Entity('ledger_transactions')
@Index('ledger_transactions_one_settlement_per_order_part', { synchronize: false })
export class LedgerTransactionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: PostingKind, enumName: 'posting_kind' })
  kind: PostingKind;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  orderId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  payoutId: string | null;

  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @Column({ type: 'varchar', length: 500, nullable: true })
  memo: string | null;

  /** Which part of an order's escrow a settlement moves; each part leaves at most once (a unique index). */
  @Column({ type: 'varchar', length: 10, default: EscrowPart.MAIN })
  escrowPart: EscrowPart;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
