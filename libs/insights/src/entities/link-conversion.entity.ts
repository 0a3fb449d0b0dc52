import { bigintColumn, CurrencyCode } from '@vtask/core';
import type { MerchantEntity } from '@vtask/accounts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { LinkClickEntity } from './link-click.entity';
import { TrackingLinkEntity } from './tracking-link.entity';

/** A sale the merchant's shop reported with a signed request, attributed to a link (and its click, if named). */
@Entity('link_conversions')
@Index('link_conversions_link', ['linkId', 'occurredAt'])
@Unique('link_conversions_once_per_shop_order', ['merchantId', 'shopOrderId'])
export class LinkConversionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  linkId: string;

  @ManyToOne(() => TrackingLinkEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  link?: TrackingLinkEntity;

  @Column({ type: 'uuid', nullable: true })
  clickId: string | null;

  @ManyToOne(() => LinkClickEntity, { onDelete: 'SET NULL' })
  @JoinColumn()
  click?: LinkClickEntity;

  @Column({ type: 'uuid' })
  merchantId: string;

  @ManyToOne('MerchantEntity')
  @JoinColumn()
  merchant?: MerchantEntity;

  /** The shop's own order id: the same one twice counts once. */
  @Column({ type: 'varchar', length: 200 })
  shopOrderId: string;

  @Column({ type: 'bigint', transformer: bigintColumn })
  amountMinor: bigint;

  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
