import type { CreatorEntity } from '@vtask/accounts';
import { bigintColumn, CurrencyCode } from '@vtask/core';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { BidStatus } from '../marketplace.states';
import { TaskEntity } from './task.entity';

/** A creator's proposal for one slot of a task, at their price. */
@Entity('bids')
@Index('bids_one_live_per_creator', { synchronize: false })
@Index(['taskId', 'status'])
@Index(['creatorId', 'createdAt'])
@Check('bids_price_positive', 'price_minor > 0')
export class BidEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  taskId: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  task?: TaskEntity;

  @Column({ type: 'uuid' })
  creatorId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @ManyToOne('CreatorEntity')
  @JoinColumn()
  creator?: CreatorEntity;

  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @Column({ type: 'bigint', transformer: bigintColumn })
  priceMinor: bigint;

  @Column({ type: 'varchar', length: 2000 })
  pitch: string;

  @Column({ type: 'enum', enum: BidStatus, enumName: 'bid_status', default: BidStatus.PENDING })
  status: BidStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectReason: string | null;

  /** The order created when the bid was accepted (indexed: an order finds its bid's conversation). */
  @Index('bids_order_id', { synchronize: false })
  @Column({ type: 'uuid', nullable: true })
  orderId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
