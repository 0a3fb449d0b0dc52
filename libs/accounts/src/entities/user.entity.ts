import { Role } from '@vtask/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
@Index('users_email_lower_key', { synchronize: false })
// Trigram index for the ranked creator search by display name (migration Matching).
@Index('users_display_name_trgm', { synchronize: false })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored as given; uniqueness is case-insensitive (a unique index on lower(email)). */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 80 })
  displayName: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role: Role;

  /**
   * Named in every token this user signs in with; bumped by the database whenever the role or the
   * password changes (migration TokenVersions), which revokes every token issued before.
   */
  @Column({ type: 'integer', default: 1 })
  tokenVersion: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
