import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Channel } from '../channel';
import { CreatorTier } from '../creator-tier';
import { AgencyEntity } from './agency.entity';
import { UserEntity } from './user.entity';

@Entity('creators')
@Index('creators_handle_lower_key', { synchronize: false })
@Index('creators_domain_tags_gin', { synchronize: false })
// Trigram indexes for the ranked text search (migration Matching).
@Index('creators_handle_trgm', { synchronize: false })
@Index('creators_bio_trgm', { synchronize: false })
@Check('creators_follower_count_non_negative', 'follower_count >= 0')
export class CreatorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** One profile per user: the one-to-one join column below is unique. */
  @Column({ type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: UserEntity;

  /** Public handle; unique case-insensitively (index on lower(handle)). */
  @Column({ type: 'varchar', length: 30 })
  handle: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  bio: string | null;

  @Index()
  @Column({ type: 'enum', enum: CreatorTier, enumName: 'creator_tier', default: CreatorTier.ORDINARY })
  tier: CreatorTier;

  /** Tag slugs, 1-5; an array with a GIN index so tag filters and matching stay index-driven. */
  @Column({ type: 'varchar', array: true })
  domainTags: string[];

  @Column({ type: 'enum', enum: Channel, enumName: 'channel', array: true })
  channels: Channel[];

  @Column({ type: 'int' })
  followerCount: number;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @ManyToOne(() => AgencyEntity, { onDelete: 'SET NULL' })
  @JoinColumn()
  agency?: AgencyEntity;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
