import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A provider webhook event that was processed. Inserted in the same transaction as the event's effect:
 * a redelivery (providers deliver at least once, sometimes several times at once) finds the row and
 * changes nothing, and an effect that rolls back leaves the event free to be processed again.
 */
@Entity('provider_events')
export class ProviderEventEntity {
  /** The provider's event id (evt_... for Stripe), unique across its events. */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  eventId: string;

  @Column({ type: 'varchar', length: 20 })
  provider: string;

  @Column({ type: 'varchar', length: 100 })
  type: string;

  /** What processing did, for people reading the table: "funded", "ignored: amount differs", ... */
  @Column({ type: 'varchar', length: 500, nullable: true })
  outcome: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  processedAt: Date;
}
