import { CreatorEntity } from '@vtask/accounts';
import { bigintColumn, CurrencyCode } from '@vtask/core';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * What a creator usually charges, per currency: quartiles of their open offers' prices and their
 * completed orders' prices. Refreshed by the same triggers as the track record.
 */
@Entity('creator_price_ranges')
export class CreatorPriceRangeEntity {
  @PrimaryColumn({ type: 'uuid' })
  creatorId: string;

  @ManyToOne(() => CreatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  creator?: CreatorEntity;

  @PrimaryColumn({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  /** First quartile, in minor units. */
  @Column({ type: 'bigint', transformer: bigintColumn })
  lowMinor: bigint;

  /** Median. */
  @Column({ type: 'bigint', transformer: bigintColumn })
  typicalMinor: bigint;

  /** Third quartile. */
  @Column({ type: 'bigint', transformer: bigintColumn })
  highMinor: bigint;

  @Column({ type: 'int' })
  samples: number;
}
