import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One rate-limit counter (e.g. log-in tries for one email) in a fixed window, shared by every API
 * instance on the database: a limit kept in one process's memory would be per instance, and a
 * restart would reset it.
 */
@Entity('rate_limit_windows')
export class RateLimitWindowEntity {
  /** The throttler's name, e.g. login-email. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  throttler: string;

  /** The throttler's hashed key for the tracked client (no email or address in clear). */
  @PrimaryColumn({ type: 'varchar', length: 128 })
  key: string;

  @Column({ type: 'int' })
  hits: number;

  /** When the window ends: the next hit after it starts a new one. */
  @Index()
  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;
}
