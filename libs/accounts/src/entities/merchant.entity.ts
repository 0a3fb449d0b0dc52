import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DomainTagEntity } from './domain-tag.entity';
import { UserEntity } from './user.entity';

@Entity('merchants')
export class MerchantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** One profile per user: the one-to-one join column below is unique. */
  @Column({ type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: UserEntity;

  @Column({ type: 'varchar', length: 120 })
  shopName: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  industrySlug: string | null;

  /** Hosts (and their subdomains) the merchant's tracking links may point to: at most 10, lower case. */
  @Column({ type: 'varchar', length: 253, array: true, default: () => "'{}'" })
  linkDomains: string[];

  @ManyToOne(() => DomainTagEntity)
  @JoinColumn({ name: 'industry_slug' })
  industry?: DomainTagEntity;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
