import { bigintColumn, CurrencyCode } from '@vtask/core';
import type { DeliverableEntity, OrderEntity } from '@vtask/orders';
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

/**
 * One day of figures for one deliverable (效果可评估), as its creator (or an admin) reported them.
 * Recording the same deliverable and day again replaces the row (the unique index is the upsert key).
 */
@Entity('content_metrics')
@Index(['deliverableId', 'day'], { unique: true })
@Index(['orderId'])
@Check(
  'content_metrics_counts_non_negative',
  'views >= 0 AND clicks >= 0 AND favorites >= 0 AND add_to_carts >= 0 AND order_count >= 0',
)
@Check('content_metrics_gmv_non_negative', 'gmv_minor >= 0')
export class ContentMetricEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  deliverableId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @ManyToOne('DeliverableEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  deliverable?: DeliverableEntity;

  /** The deliverable's order, kept here so orders, tasks and merchants add up without a join. */
  @Column({ type: 'uuid' })
  orderId: string;

  @ManyToOne('OrderEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  order?: OrderEntity;

  /** YYYY-MM-DD. */
  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'int' })
  views: number;

  @Column({ type: 'int' })
  clicks: number;

  @Column({ type: 'int' })
  favorites: number;

  @Column({ type: 'int' })
  addToCarts: number;

  /** Orders the content brought (the shop's sales orders, not V-Task orders). */
  @Column({ type: 'int' })
  orderCount: number;

  /** Always the order's currency. */
  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @Column({ type: 'bigint', transformer: bigintColumn })
  gmvMinor: bigint;

  @Column({ type: 'uuid' })
  recordedByUserId: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
