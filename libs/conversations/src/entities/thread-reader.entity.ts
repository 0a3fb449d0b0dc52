import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What one user has read of one thread, and when they were last told of unread messages there: a
 * message from someone else after `readUpTo` is unread; one notice per unread stretch.
 */
@Entity('message_thread_readers')
export class ThreadReaderEntity {
  @PrimaryColumn({ type: 'uuid' })
  threadId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readUpTo: Date | null;

  /** When they last read the thread: a notice after it waits until they read again. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  noticedAt: Date | null;
}
