import { CreatorEntity } from '@vtask/accounts';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';

/**
 * A creator's track record, kept ready for ranking: 100k creators cannot have their orders and reviews
 * aggregated per query. PostgreSQL triggers refresh the row whenever an order of the creator becomes
 * (or stops being) COMPLETED or a review of them is written (migration Matching), so every path that
 * changes orders stays consistent without knowing about matching. Same definitions as Creator.stats:
 * on time = the first delivery came by deliverBy; the rating is the merchants' average.
 */
@Entity('creator_track_records')
export class CreatorTrackRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  creatorId: string;

  @OneToOne(() => CreatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  creator?: CreatorEntity;

  @Column({ type: 'int', default: 0 })
  completedOrders: number;

  @Column({ type: 'int', default: 0 })
  onTimeOrders: number;

  @Column({ type: 'int', default: 0 })
  ratingCount: number;

  @Column({ type: 'int', default: 0 })
  ratingSum: number;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  refreshedAt: Date;
}
