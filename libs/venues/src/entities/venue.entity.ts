import { CreatorTier, type UserEntity } from '@vtask/accounts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VirtualColumn,
} from 'typeorm';
import { venuePhaseSql } from '../venue-phase.sql';
import { VenueKind, VenuePhase } from '../venues.states';

/** 会场: a festival venue that features content dealt on the platform, with a fixed timeline. */
@Entity('venues')
@Index('venues_domain_tags_gin', { synchronize: false })
@Index(['createdAt'])
@Check(
  'venues_timeline_order',
  'recruitment_opens_at < recruitment_closes_at AND recruitment_closes_at <= submission_deadline AND submission_deadline <= go_live_at AND go_live_at < ends_at',
)
@Check('venues_capacity_range', 'capacity BETWEEN 1 AND 500')
export class VenueEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'enum', enum: VenueKind, enumName: 'venue_kind' })
  kind: VenueKind;

  /** The event the venue belongs to, e.g. "Double 11 2026". */
  @Column({ type: 'varchar', length: 120 })
  event: string;

  @Column({ type: 'varchar', length: 5000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  domainTags: string[];

  @Column({ type: 'enum', enum: CreatorTier, enumName: 'creator_tier' })
  minTier: CreatorTier;

  @Column({ type: 'timestamptz' })
  recruitmentOpensAt: Date;

  @Column({ type: 'timestamptz' })
  recruitmentClosesAt: Date;

  @Column({ type: 'timestamptz' })
  submissionDeadline: Date;

  @Column({ type: 'timestamptz' })
  goLiveAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** Most entries the lineup may hold. */
  @Column({ type: 'int' })
  capacity: number;

  /** Set once, when the lineup is published (by an admin, or by the go-live timer); it is frozen after. */
  @Column({ type: 'timestamptz', nullable: true })
  lineupPublishedAt: Date | null;

  /** Null when the go-live timer published it. */
  @Column({ type: 'uuid', nullable: true })
  lineupPublishedByUserId: string | null;

  /** Set when the VENUE_DEADLINE_SOON reminder went out: it goes out once, whichever instance fires it. */
  @Column({ type: 'timestamptz', nullable: true })
  deadlineReminderSentAt: Date | null;

  @Column({ type: 'uuid' })
  createdByUserId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @ManyToOne('UserEntity')
  @JoinColumn()
  createdByUser?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Computed by PostgreSQL on every read from the timeline and its clock; there is no such column. */
  @VirtualColumn({ type: 'varchar', query: (alias) => `SELECT ${venuePhaseSql(alias)}` })
  phase: VenuePhase;
}
