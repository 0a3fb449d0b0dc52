import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrderEntity } from './order.entity';

/** One step of an order's timeline: CREATED, FUNDED, DELIVERED, AUTO_ACCEPTED, ... */
@Entity('order_events')
@Index(['orderId', 'at'])
export class OrderEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  orderId: string;

  @ManyToOne(() => OrderEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  order?: OrderEntity;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  /** Null when the system acted (a timer). */
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  /** A person's words (a reason, feedback), or the text of a row stored before notes were keyed. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  /** A note the server writes, as a code (order-event-notes.ts) rendered for each reader. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  noteKey: string | null;

  /** The facts the keyed note is written from. */
  @Column({ type: 'jsonb', nullable: true })
  noteParams: object | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  at: Date;
}
