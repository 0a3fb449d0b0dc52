import type { CreatorEntity } from '@vtask/accounts';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { PublicationStatus } from '../orders.states';
import { OrderEntity } from './order.entity';

/**
 * The accepted content's life after acceptance (SPEC "Usage rights, publication and retention"): made
 * when the order completes; every deadline its timers act on is kept here, so they re-read it.
 */
@Entity('order_publications')
export class OrderPublicationEntity {
  @PrimaryColumn('uuid')
  orderId: string;

  @OneToOne(() => OrderEntity)
  @JoinColumn({ name: 'order_id' })
  order?: OrderEntity;

  /** The order's creator, kept here for the retention rate and exclusivity checks. */
  @Column({ type: 'uuid' })
  creatorId: string;

  @ManyToOne('CreatorEntity')
  @JoinColumn({ name: 'creator_id' })
  creator?: CreatorEntity;

  @Column({
    type: 'enum',
    enum: PublicationStatus,
    enumName: 'publication_status',
    default: PublicationStatus.UNPUBLISHED,
  })
  status: PublicationStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  @Column({ type: 'timestamptz' })
  acceptedAt: Date;

  /** With a holdback: unpublished past this moment, the publication is BREACHED. */
  @Column({ type: 'timestamptz', nullable: true })
  publishBy: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  retainUntil: Date | null;

  /** While REPORTED_DOWN: the creator restores it by then or the holdback goes back to the merchant. */
  @Column({ type: 'timestamptz', nullable: true })
  restoreBy: Date | null;

  /** The creator takes no deal from another merchant of the same industry until then. */
  @Column({ type: 'timestamptz', nullable: true })
  exclusiveUntil: Date | null;

  /** When the retention window ended (RETAINED or BREACHED). */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
