import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A money-moving request remembered by (user, key): a replay with the same input gets the stored
 * response and moves nothing; the same key with other input is refused.
 */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'varchar', length: 40 })
  operation: string;

  /** sha256 of the operation and its input. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  /** Null while the first request is still running. */
  @Column({ type: 'jsonb', nullable: true })
  response: unknown;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
