import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** The two-level taxonomy (`home` > `home.furniture`), seeded by a migration. */
@Entity('domain_tags')
export class DomainTagEntity {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  slug: string;

  /** The tag's name in Chinese, what the console shows by default (migration ChineseTagsAndSearch). */
  @Column({ type: 'varchar', length: 80 })
  nameZh: string;

  @Column({ type: 'varchar', length: 80 })
  nameEn: string;

  @Index()
  @Column({ type: 'varchar', length: 60, nullable: true })
  parentSlug: string | null;

  @ManyToOne(() => DomainTagEntity)
  @JoinColumn({ name: 'parent_slug' })
  parent?: DomainTagEntity;

  @Column({ type: 'int', default: 0 })
  position: number;
}
