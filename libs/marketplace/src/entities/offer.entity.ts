import { Channel, type CreatorEntity } from '@vtask/accounts';
import { bigintColumn, ContentType, CurrencyCode } from '@vtask/core';
import type { UsageRights } from '@vtask/orders';
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
import { OfferStatus } from '../marketplace.states';

/** A creator's own posting: a priced service, or slots in a scheduled live stream, that merchants book. */
@Entity('offers')
@Index('offers_domain_tags_gin', { synchronize: false })
@Index(['status', 'createdAt'])
@Check('offers_price_positive', 'price_minor > 0')
@Check('offers_slots_range', 'slots BETWEEN 1 AND 1000')
@Check('offers_slots_booked_range', 'slots_booked BETWEEN 0 AND slots')
@Check('offers_turnaround_range', 'turnaround_days BETWEEN 1 AND 365')
export class OfferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  creatorId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @ManyToOne('CreatorEntity')
  @JoinColumn()
  creator?: CreatorEntity;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'varchar', length: 5000 })
  description: string;

  @Column({ type: 'enum', enum: ContentType, enumName: 'content_type' })
  contentType: ContentType;

  @Column({ type: 'enum', enum: Channel, enumName: 'channel', array: true })
  channels: Channel[];

  @Column({ type: 'varchar', array: true })
  domainTags: string[];

  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @Column({ type: 'bigint', transformer: bigintColumn })
  priceMinor: bigint;

  @Column({ type: 'int' })
  slots: number;

  @Column({ type: 'int', default: 0 })
  slotsBooked: number;

  @Column({ type: 'int' })
  turnaroundDays: number;

  /** For LIVE offers: when the stream happens (the booked orders' deliverBy). */
  @Column({ type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  bookBy: Date | null;

  @Column({ type: 'enum', enum: OfferStatus, enumName: 'offer_status', default: OfferStatus.ACTIVE })
  status: OfferStatus;

  /** What the merchant may do with the content (SPEC "Usage rights"); copied onto each order. */
  @Column({ type: 'jsonb' })
  usageRights: UsageRights;

  /** Days published content must stay up (0 = none); copied onto each order. */
  @Column({ type: 'int', default: 30 })
  retentionDays: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
