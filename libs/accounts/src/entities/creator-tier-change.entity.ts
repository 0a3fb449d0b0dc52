import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CreatorEntity } from './creator.entity';
import { UserEntity } from './user.entity';
import { CreatorTier } from '../creator-tier';

/** The audit trail of tier decisions: who changed which creator's tier, from what, to what, and why. */
@Entity('creator_tier_changes')
export class CreatorTierChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  creatorId: string;

  @ManyToOne(() => CreatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  creator?: CreatorEntity;

  @Column({ type: 'enum', enum: CreatorTier, enumName: 'creator_tier' })
  fromTier: CreatorTier;

  @Column({ type: 'enum', enum: CreatorTier, enumName: 'creator_tier' })
  toTier: CreatorTier;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'uuid' })
  actorUserId: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn()
  actorUser?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
