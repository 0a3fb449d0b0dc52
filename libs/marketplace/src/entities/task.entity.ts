import { Channel, CreatorTier, type MerchantEntity } from '@vtask/accounts';
import { bigintColumn, ContentType, CurrencyCode } from '@vtask/core';
import type { UsageRights } from '@vtask/orders';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { TaskStatus, TaskVisibility } from '../marketplace.states';

/** A merchant's paid content task: creators bid for its slots. */
@Entity('tasks')
@Index('tasks_domain_tags_gin', { synchronize: false })
@Index(['status', 'createdAt'])
@Index(['status', 'applyBy'])
@Check('tasks_slots_range', 'slots BETWEEN 1 AND 1000')
@Check('tasks_slots_filled_range', 'slots_filled BETWEEN 0 AND slots')
@Check('tasks_budget_positive', 'budget_minor > 0')
@Check('tasks_max_revisions_range', 'max_revisions BETWEEN 0 AND 10')
@Check('tasks_deliver_after_apply', 'deliver_by > apply_by')
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  merchantId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @ManyToOne('MerchantEntity')
  @JoinColumn()
  merchant?: MerchantEntity;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'varchar', length: 5000 })
  brief: string;

  @Column({ type: 'enum', enum: ContentType, enumName: 'content_type' })
  contentType: ContentType;

  @Column({ type: 'enum', enum: Channel, enumName: 'channel', array: true })
  channels: Channel[];

  @Column({ type: 'varchar', array: true })
  domainTags: string[];

  @Column({ type: 'enum', enum: CreatorTier, enumName: 'creator_tier' })
  minTier: CreatorTier;

  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  /** Price per slot, in minor units. */
  @Column({ type: 'bigint', transformer: bigintColumn })
  budgetMinor: bigint;

  @Column({ type: 'int' })
  slots: number;

  @Column({ type: 'int', default: 0 })
  slotsFilled: number;

  @Column({ type: 'timestamptz' })
  applyBy: Date;

  @Column({ type: 'timestamptz' })
  deliverBy: Date;

  @Column({ type: 'int' })
  maxRevisions: number;

  @Column({ type: 'enum', enum: TaskVisibility, enumName: 'task_visibility' })
  visibility: TaskVisibility;

  @Column({ type: 'enum', enum: TaskStatus, enumName: 'task_status' })
  status: TaskStatus;

  /** The venue the content is made for (named as a string: the market cannot import the venues lib). */
  @Index()
  @ForeignKey('VenueEntity')
  @Column({ type: 'uuid', nullable: true })
  venueId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;

  /** What the merchant may do with the content (SPEC "Usage rights"); copied onto each order. */
  @Column({ type: 'jsonb' })
  usageRights: UsageRights;

  /** Days published content must stay up (0 = none); copied onto each order. */
  @Column({ type: 'int', default: 30 })
  retentionDays: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
