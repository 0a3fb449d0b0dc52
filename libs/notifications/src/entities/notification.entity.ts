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

/**
 * One message to one user, stored in the transaction of the change it reports (an outbox: a crash
 * after the change loses no notification). The object it is about is kept as a bare id: the
 * notification outlives no domain rule, and notifications sit below every domain that raises them.
 */
@Entity('notifications')
@Index(['userId', 'createdAt'])
@Index('notifications_unread_by_user', { synchronize: false })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: UserEntity;

  /** Machine-readable, e.g. VENUE_DEADLINE_SOON (see NotificationType). */
  @Column({ type: 'varchar', length: 60 })
  type: string;

  /** What the message says, as facts (see NotificationParamsByType); null on rows stored before them. */
  @Column({ type: 'jsonb', nullable: true })
  params: object | null;

  /** The message in English as stored; readers get it written from `params` in their language. */
  @Column({ type: 'varchar', length: 1000 })
  message: string;

  @Column({ type: 'uuid', nullable: true })
  orderId: string | null;

  @Column({ type: 'uuid', nullable: true })
  taskId: string | null;

  @Column({ type: 'uuid', nullable: true })
  venueId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
