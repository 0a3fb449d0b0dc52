import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { PairingStatus } from '../matchmaking.states';
import { MatchmakingSessionEntity } from './matchmaking-session.entity';

/** Why a pairing fits, written at proposal time in each language the console reads. */
export interface PairingReasons {
  en: string[];
  'zh-CN': string[];
}

/** A joined task and a joined creator the proposal timer put together; both sides answer. */
@Entity('matchmaking_pairings')
@Index('matchmaking_pairings_one_per_creator_and_task', ['sessionId', 'taskId', 'creatorId'], {
  unique: true,
})
@Index(['sessionId', 'createdAt'])
@Index(['merchantId', 'sessionId'])
@Index(['creatorId', 'sessionId'])
export class PairingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => MatchmakingSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  session?: MatchmakingSessionEntity;

  @Column({ type: 'uuid' })
  taskId: string;

  @Column({ type: 'uuid' })
  merchantId: string;

  @Column({ type: 'uuid' })
  creatorId: string;

  @Column({ type: 'float8' })
  score: number;

  @Column({ type: 'jsonb' })
  reasons: PairingReasons;

  /** Null until the side answers. */
  @Column({ type: 'boolean', nullable: true })
  merchantAccepted: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  creatorAccepted: boolean | null;

  @Column({
    type: 'enum',
    enum: PairingStatus,
    enumName: 'pairing_status',
    default: PairingStatus.PROPOSED,
  })
  status: PairingStatus;

  /** Set once MATCHED. */
  @Column({ type: 'uuid', nullable: true })
  orderId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
