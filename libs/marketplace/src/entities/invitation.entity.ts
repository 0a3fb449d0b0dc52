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
import { InvitationStatus } from '../marketplace.states';
import { TaskEntity } from './task.entity';

/** 定向邀请: a merchant invites one creator to a task; the creator answers before expiresAt. */
@Entity('invitations')
@Index('invitations_one_pending_per_creator', { synchronize: false })
@Index(['creatorId', 'status'])
@Index(['taskId'])
@Check('invitations_price_positive', 'price_minor > 0')
export class InvitationEntity {
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

  @Column({ type: 'varchar', length: 2000, nullable: true })
  message: string | null;

  @Column({
    type: 'enum',
    enum: InvitationStatus,
    enumName: 'invitation_status',
    default: InvitationStatus.PENDING,
  })
  status: InvitationStatus;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'uuid', nullable: true })
  orderId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
