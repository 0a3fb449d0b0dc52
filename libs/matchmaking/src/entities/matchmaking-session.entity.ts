import type { UserEntity } from '@vtask/accounts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VirtualColumn,
} from 'typeorm';
import { sessionPhaseSql } from '../matchmaking-phase.sql';
import type { MatchmakingPhase } from '../matchmaking.states';

/** 定向匹配会: a session that pairs one industry's merchants with creators of that industry. */
@Entity('matchmaking_sessions')
@Index(['createdAt'])
@Check(
  'matchmaking_sessions_timeline_order',
  'signup_opens_at < matching_starts_at AND matching_starts_at < ends_at',
)
@Check('matchmaking_sessions_pairings_per_task_range', 'pairings_per_task BETWEEN 1 AND 20')
export class MatchmakingSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** A parent domain tag's slug: its creators match it or any of its children. */
  @Column({ type: 'varchar', length: 64 })
  industry: string;

  @Column({ type: 'varchar', length: 5000, nullable: true })
  description: string | null;

  @Column({ type: 'timestamptz' })
  signupOpensAt: Date;

  @Column({ type: 'timestamptz' })
  matchingStartsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'int' })
  pairingsPerTask: number;

  /** Set once, by the proposal timer: pairings are proposed once, whichever instance fires it. */
  @Column({ type: 'timestamptz', nullable: true })
  pairingsProposedAt: Date | null;

  @Column({ type: 'uuid' })
  createdByUserId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @ManyToOne('UserEntity')
  @JoinColumn()
  createdByUser?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Computed by PostgreSQL on every read from the timeline and its clock; there is no such column. */
  @VirtualColumn({ type: 'varchar', query: (alias) => `SELECT ${sessionPhaseSql(alias)}` })
  phase: MatchmakingPhase;
}
