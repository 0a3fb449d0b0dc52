import { CurrencyCode } from '@vtask/core';
import type { MerchantEntity } from '@vtask/accounts';
import type { DeliverableEntity, OrderEntity } from '@vtask/orders';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * A counted short link (`/go/<code>`) from a deliverable to one of its merchant's own pages (SPEC "Effect
 * you can trust"). The order and merchant are kept here so figures add up per order, task and merchant
 * without a join, and the currency so a reported sale is checked against the order's.
 */
@Entity('tracking_links')
@Index('tracking_links_deliverable', ['deliverableId', 'createdAt'])
@Index('tracking_links_order', ['orderId'])
export class TrackingLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16, unique: true })
  code: string;

  @Column({ type: 'uuid' })
  deliverableId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @ManyToOne('DeliverableEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  deliverable?: DeliverableEntity;

  @Column({ type: 'uuid' })
  orderId: string;

  @ManyToOne('OrderEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  order?: OrderEntity;

  @Column({ type: 'uuid' })
  merchantId: string;

  @ManyToOne('MerchantEntity')
  @JoinColumn()
  merchant?: MerchantEntity;

  @Column({ type: 'varchar', length: 2000 })
  targetUrl: string;

  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
