import type { UserEntity } from '@vtask/accounts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { EnrollmentStatus } from '../venues.states';
import { VenueEntity } from './venue.entity';

/** A merchant or creator asking to take part in a venue; an admin approves or rejects it. */
@Entity('venue_enrollments')
@Index('venue_enrollments_one_per_user', ['venueId', 'userId'], { unique: true })
@Index(['venueId', 'status', 'createdAt'])
export class VenueEnrollmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  venueId: string;

  @ManyToOne(() => VenueEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  venue?: VenueEntity;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @ManyToOne('UserEntity')
  @JoinColumn()
  user?: UserEntity;

  @Column({
    type: 'enum',
    enum: EnrollmentStatus,
    enumName: 'venue_enrollment_status',
    default: EnrollmentStatus.PENDING,
  })
  status: EnrollmentStatus;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
