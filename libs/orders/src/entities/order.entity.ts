import { bigintColumn, ContentType, CurrencyCode } from '@vtask/core';
import type { AgencyEntity, CreatorEntity, MerchantEntity } from '@vtask/accounts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CancellationStage } from '../cancellation-terms';
import { OrderSource, OrderStatus } from '../orders.states';
import type { UsageRights } from '../usage-rights';

/**
 * One contract between one merchant and one creator, with its money split fixed at creation; a dispute
 * split replaces it with what actually moved (the released part's split, and the refunded rest).
 */
@Entity('orders')
@Check('orders_price_positive', 'price_minor > 0')
@Check(
  'orders_split_adds_up',
  'platform_fee_minor + agency_share_minor + creator_payout_minor + refunded_minor = price_minor',
)
@Check('orders_refunded_in_range', 'refunded_minor BETWEEN 0 AND price_minor')
@Check('orders_holdback_in_range', 'holdback_minor >= 0 AND holdback_minor < price_minor')
@Check('orders_revisions_in_range', 'revisions_used BETWEEN 0 AND max_revisions')
export class OrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: OrderSource, enumName: 'order_source' })
  source: OrderSource;

  /** The task (source BID or INVITATION); no foreign key, as marketplace depends on orders, not back. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  taskId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  offerId: string | null;

  @Index()
  @Column({ type: 'uuid' })
  merchantId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @ManyToOne('MerchantEntity')
  @JoinColumn()
  merchant?: MerchantEntity;

  @Index()
  @Column({ type: 'uuid' })
  creatorId: string;

  @ManyToOne('CreatorEntity')
  @JoinColumn()
  creator?: CreatorEntity;

  /** The creator's agency when the order was made: it receives the agency share. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @ManyToOne('AgencyEntity')
  @JoinColumn()
  agency?: AgencyEntity;

  @Column({ type: 'varchar', length: 5000 })
  brief: string;

  @Column({ type: 'enum', enum: ContentType, enumName: 'content_type' })
  contentType: ContentType;

  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @Column({ type: 'bigint', transformer: bigintColumn })
  priceMinor: bigint;

  @Column({ type: 'int' })
  platformFeeBps: number;

  @Column({ type: 'bigint', transformer: bigintColumn })
  platformFeeMinor: bigint;

  @Column({ type: 'int' })
  agencyShareBps: number;

  @Column({ type: 'bigint', transformer: bigintColumn })
  agencyShareMinor: bigint;

  @Column({ type: 'bigint', transformer: bigintColumn })
  creatorPayoutMinor: bigint;

  /** What a dispute split returned to the merchant; 0 otherwise (a cancellation's refund is not counted here). */
  @Column({ type: 'bigint', transformer: bigintColumn, default: 0 })
  refundedMinor: bigint;

  @Index()
  @Column({
    type: 'enum',
    enum: OrderStatus,
    enumName: 'order_status',
    default: OrderStatus.AWAITING_FUNDING,
  })
  status: OrderStatus;

  @Column({ type: 'timestamptz', nullable: true })
  fundingDeadline: Date | null;

  @Column({ type: 'timestamptz' })
  deliverBy: Date;

  @Column({ type: 'timestamptz', nullable: true })
  reviewDeadline: Date | null;

  @Column({ type: 'int' })
  maxRevisions: number;

  @Column({ type: 'int', default: 0 })
  revisionsUsed: number;

  /** Copied from the task or offer when the order is made; never changes. */
  @Column({ type: 'jsonb' })
  usageRights: UsageRights;

  /** Days the published content must stay up (0 = none), copied from the task or offer. */
  @Column({ type: 'int', default: 0 })
  retentionDays: number;

  /** Part of the price held in escrow from acceptance through the retention window; 0 without retention. */
  @Column({ type: 'bigint', transformer: bigintColumn, default: 0 })
  holdbackMinor: bigint;

  /** The kill-fee table agreed when the order was made (SPEC "Cancellation"); later settings do not change it. */
  @Column({ type: 'jsonb' })
  cancellationTerms: CancellationStage[];

  /** When the escrow was funded: a kill fee's stage is measured from here to deliverBy. */
  @Column({ type: 'timestamptz', nullable: true })
  fundedAt: Date | null;

  /** The cancellation counts in the creator's reliability (they cancelled, or missed deliverBy). */
  @Column({ type: 'boolean', default: false })
  cancelledByCreator: boolean;

  /** Set by each revision request: the next version is due by then, or the order goes to DISPUTED. */
  @Column({ type: 'timestamptz', nullable: true })
  revisionDueBy: Date | null;

  /** Set when a dispute opens: admins are expected to decide by then. */
  @Column({ type: 'timestamptz', nullable: true })
  disputeDecideBy: Date | null;

  /** Set when the order completes (from version 2 on): it is then in the creator's portfolio. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  portfolioCompletedAt: Date | null;

  /** The merchant took the order's content out of the creator's public portfolio. */
  @Column({ type: 'boolean', default: false })
  portfolioHidden: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
