import type { CreatorEntity, MerchantEntity } from '@vtask/accounts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** A merchant's named list of candidate creators (找达人): private to the merchant. */
@Entity('shortlists')
@Index('shortlists_merchant', { synchronize: false })
export class ShortlistEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  merchantId: string;

  // Named, not imported: another library's entity is private to it; the relation keeps the foreign key.
  @ManyToOne('MerchantEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  merchant?: MerchantEntity;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  /** Members, kept with each change in the same transaction (the list of lists shows it). */
  @Column({ type: 'int', default: 0 })
  size: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

@Entity('shortlist_members')
@Index('shortlist_members_list_order', { synchronize: false })
@Index('shortlist_members_creator', { synchronize: false })
export class ShortlistMemberEntity {
  @Column({ type: 'uuid', primary: true })
  shortlistId: string;

  @ManyToOne(() => ShortlistEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  shortlist?: ShortlistEntity;

  @Column({ type: 'uuid', primary: true })
  creatorId: string;

  @ManyToOne('CreatorEntity', { onDelete: 'CASCADE' })
  @JoinColumn()
  creator?: CreatorEntity;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  addedAt: Date;
}
