import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One message of a thread. A bid's thread is keyed by the bid; an order made from a bid keeps talking in
 * that thread (the conversation carries on), and an order made otherwise has a thread of its own id.
 * Messages are never edited: there is no update path.
 */
@Entity('messages')
@Index('messages_thread_order', ['threadId', 'createdAt', 'id'])
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  threadId: string;

  /** The bid the thread began on, when it did. */
  @Column({ type: 'uuid', nullable: true })
  bidId: string | null;

  /** The order the message was written in; null while the thread was a bid's. */
  @Column({ type: 'uuid', nullable: true })
  orderId: string | null;

  @Column({ type: 'uuid' })
  authorUserId: string;

  @Column({ type: 'varchar', length: 4000 })
  body: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  attachments: string[];

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
