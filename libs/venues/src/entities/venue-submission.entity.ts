import type { UserEntity } from '@vtask/accounts';
import type { DeliverableEntity, OrderEntity } from '@vtask/orders';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SubmissionStatus } from '../venues.states';
import { VenueEntity } from './venue.entity';

/**
 * Content entered for a venue: a deliverable of a COMPLETED order, by its merchant or creator. The
 * lineup is kept here too: `lineupPosition` is set on the ACCEPTED submissions an admin put in it, so
 * the database itself refuses a lineup entry that is not accepted (CHECK below).
 */
@Entity('venue_submissions')
@Index('venue_submissions_one_per_order', { synchronize: false })
@Index('venue_submissions_lineup_position', { synchronize: false })
@Index(['venueId', 'status', 'submittedAt'])
@Check(
  'venue_submissions_lineup_accepted',
  `lineup_position IS NULL OR (status = 'ACCEPTED' AND lineup_position >= 1)`,
)
export class VenueSubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  venueId: string;

  @ManyToOne(() => VenueEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  venue?: VenueEntity;

  @Index()
  @Column({ type: 'uuid' })
  orderId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @ManyToOne('OrderEntity')
  @JoinColumn()
  order?: OrderEntity;

  @Column({ type: 'uuid' })
  deliverableId: string;

  @ManyToOne('DeliverableEntity')
  @JoinColumn()
  deliverable?: DeliverableEntity;

  @Index()
  @Column({ type: 'uuid' })
  submittedByUserId: string;

  @ManyToOne('UserEntity')
  @JoinColumn()
  submittedByUser?: UserEntity;

  @Column({
    type: 'enum',
    enum: SubmissionStatus,
    enumName: 'venue_submission_status',
    default: SubmissionStatus.SUBMITTED,
  })
  status: SubmissionStatus;

  /** The admin's reason, for a decision. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /**
   * The database clock at the insert that checked the deadline, truncated to milliseconds (never
   * rounded up past the deadline): `submittedAt < submissionDeadline` for every submission.
   */
  @Column({ type: 'timestamptz', precision: 3 })
  submittedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  /** 1-based place in the venue's lineup (draft until the venue's lineup is published); null: not in it. */
  @Column({ type: 'int', nullable: true })
  lineupPosition: number | null;
}
