import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  CreateDateColumn,
} from 'typeorm';
import { DeliverableStatus } from '../orders.states';
import { OrderEntity } from './order.entity';

/** One submission of the work: version 1, then one more per revision. */
@Entity('deliverables')
@Index(['orderId', 'version'], { unique: true })
export class DeliverableEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  orderId: string;

  @ManyToOne(() => OrderEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  order?: OrderEntity;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'varchar', length: 20000 })
  body: string;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  mediaUrls: string[];

  @Column({ type: 'varchar', length: 2000, nullable: true })
  publishedUrl: string | null;

  @Column({
    type: 'enum',
    enum: DeliverableStatus,
    enumName: 'deliverable_status',
    default: DeliverableStatus.SUBMITTED,
  })
  status: DeliverableStatus;

  @Column({ type: 'varchar', length: 5000, nullable: true })
  feedback: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  submittedAt: Date;
}
