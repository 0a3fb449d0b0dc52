import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrderEntity } from './order.entity';

export enum ReviewDirection {
  /** The merchant reviews the creator (with acceptDelivery). */
  OF_CREATOR = 'OF_CREATOR',
  /** The creator reviews the merchant (reviewMerchant). */
  OF_MERCHANT = 'OF_MERCHANT',
}

/** A 1-5 rating of the other party of a completed order; one each way per order. */
@Entity('reviews')
@Index(['orderId', 'direction'], { unique: true })
@Index(['subjectId', 'direction'])
@Check('reviews_rating_range', 'rating BETWEEN 1 AND 5')
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  orderId: string;

  @ManyToOne(() => OrderEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  order?: OrderEntity;

  @Column({ type: 'enum', enum: ReviewDirection, enumName: 'review_direction' })
  direction: ReviewDirection;

  /** The creator or merchant being reviewed. */
  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'int' })
  rating: number;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
