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
import { MatchmakingSessionEntity } from './matchmaking-session.entity';

/**
 * One who joined a session: a merchant with one OPEN task (a merchant may join with several tasks),
 * or a creator. Foreign keys to users, tasks and creators are in the migration.
 */
@Entity('matchmaking_participants')
@Index('matchmaking_participants_one_per_task', ['sessionId', 'taskId'], {
  unique: true,
  where: 'task_id IS NOT NULL',
})
@Index('matchmaking_participants_one_per_creator', ['sessionId', 'creatorId'], {
  unique: true,
  where: 'creator_id IS NOT NULL',
})
@Index(['userId', 'sessionId'])
@Check(
  'matchmaking_participants_one_side',
  '(merchant_id IS NOT NULL AND task_id IS NOT NULL AND creator_id IS NULL) OR (creator_id IS NOT NULL AND merchant_id IS NULL AND task_id IS NULL)',
)
export class MatchmakingParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => MatchmakingSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  session?: MatchmakingSessionEntity;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid', nullable: true })
  merchantId: string | null;

  @Column({ type: 'uuid', nullable: true })
  taskId: string | null;

  @Column({ type: 'uuid', nullable: true })
  creatorId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
