import { Channel, type CreatorEntity, CreatorTier } from '@vtask/accounts';
import { ContentType, CurrencyCode } from '@vtask/core';
import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';

/**
 * Everything ranking needs about one creator, in one narrow row: a copy of the profile fields that
 * matter (tier, tags, channels, followers), the track record and the usual prices. Ranking 100k
 * creators then reads this table alone (a partial GIN index picks the big-V candidates by tag) with
 * no join per candidate.
 *
 * PostgreSQL keeps it current with triggers (migrations Matching and MatchingProfiles): creators'
 * inserts and updates copy the profile fields; an order entering or leaving COMPLETED, a review of the
 * creator, or an offer's price or status recompute the history. Every write path stays consistent
 * without knowing about matching. Definitions as Creator.stats: on time = the first delivery came by
 * deliverBy; the rating is the merchants' average. Migration ReliableRanking adds reliability and
 * verified results, refreshed also on late deliveries, ended retentions and an order's first verified
 * figure.
 */
@Entity('creator_match_profiles')
@Index('creator_match_profiles_big_v_tags', { synchronize: false })
export class CreatorMatchProfileEntity {
  @PrimaryColumn({ type: 'uuid' })
  creatorId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @OneToOne('CreatorEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  creator?: CreatorEntity;

  @Column({ type: 'enum', enum: CreatorTier, enumName: 'creator_tier' })
  tier: CreatorTier;

  @Column({ type: 'varchar', array: true })
  domainTags: string[];

  @Column({ type: 'enum', enum: Channel, enumName: 'channel', array: true })
  channels: Channel[];

  @Column({ type: 'int' })
  followerCount: number;

  @Column({ type: 'int', default: 0 })
  completedOrders: number;

  @Column({ type: 'int', default: 0 })
  onTimeOrders: number;

  @Column({ type: 'int', default: 0 })
  ratingCount: number;

  @Column({ type: 'int', default: 0 })
  ratingSum: number;

  // Reliability and evidence (migration ReliableRanking), as CreatorReliability and Creator.stats count them.
  /** Orders the creator cancelled, or that were cancelled because they missed deliverBy. */
  @Column({ type: 'int', default: 0 })
  cancelledOrders: number;

  /** Orders whose first delivery came after deliverBy, in any status. */
  @Column({ type: 'int', default: 0 })
  lateDeliveries: number;

  /** Retention windows (orders with retention) that ended, and those of them BREACHED. */
  @Column({ type: 'int', default: 0 })
  endedRetentions: number;

  @Column({ type: 'int', default: 0 })
  breachedRetentions: number;

  /** Completed orders with figures the platform counted: a tracking-link click or a signed sale. */
  @Column({ type: 'int', default: 0 })
  verifiedOrders: number;

  /**
   * The currencies the creator has prices in; the price arrays below line up with it. Prices are the
   * quartiles (minor units) of their open offers' and completed orders' prices.
   */
  @Column({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code', array: true, default: () => "'{}'" })
  priceCurrencies: CurrencyCode[];

  @Column({ type: 'bigint', array: true, default: () => "'{}'" })
  priceLowMinor: string[];

  @Column({ type: 'bigint', array: true, default: () => "'{}'" })
  priceTypicalMinor: string[];

  @Column({ type: 'bigint', array: true, default: () => "'{}'" })
  priceHighMinor: string[];

  /** Content types of their open offers and completed orders (migration CreatorSquare). */
  @Column({ type: 'enum', enum: ContentType, enumName: 'content_type', array: true, default: () => "'{}'" })
  contentTypes: ContentType[];

  @Column({ type: 'int', default: 0 })
  activeOffers: number;

  // Sort keys of the creator square: stored generated columns, each indexed in its order.
  @Column({ type: 'numeric', insert: false, update: false })
  trackScore: string;

  @Column({ type: 'numeric', insert: false, update: false })
  ratingAverage: string;

  @Column({ type: 'bigint', insert: false, update: false, nullable: true })
  typicalCnyMinor: string | null;

  @Column({ type: 'bigint', insert: false, update: false, nullable: true })
  typicalUsdMinor: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  refreshedAt: Date;
}
