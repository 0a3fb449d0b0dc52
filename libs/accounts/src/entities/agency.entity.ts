import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from './user.entity';

@Entity('agencies')
@Check('agencies_revenue_share_bps_range', 'revenue_share_bps BETWEEN 0 AND 5000')
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** One profile per user: the one-to-one join column below is unique. */
  @Column({ type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: UserEntity;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Share of each member's earnings (after the platform fee) that goes to the agency. */
  @Column({ type: 'int' })
  revenueShareBps: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
