import { bigintColumn, CurrencyCode } from '@vtask/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CancellationProposalStatus } from '../orders.states';

/**
 * One party's offer to end an order by splitting its escrow (SPEC "Cancellation"): the other party
 * accepts or declines. At most one PENDING per order (a unique partial index in the migration).
 */
@Entity('cancellation_proposals')
@Index(['orderId', 'createdAt'])
export class CancellationProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  orderId: string;

  /** A user of either party; no foreign key, as users belong to accounts. */
  @Column({ type: 'uuid' })
  proposedByUserId: string;

  @Column({ type: 'bigint', transformer: bigintColumn })
  creatorAmountMinor: bigint;

  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @Column({ type: 'varchar', length: 2000 })
  reason: string;

  @Column({
    type: 'enum',
    enum: CancellationProposalStatus,
    enumName: 'cancellation_proposal_status',
    default: CancellationProposalStatus.PENDING,
  })
  status: CancellationProposalStatus;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;
}
