import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TrackingLinkEntity } from './tracking-link.entity';

/**
 * One counted click of a tracking link. The id is made when the shopper is redirected (it travels to the
 * shop as `vt_click`) and the row is written a moment later in a batch. Nothing personal is kept: the
 * visitor key is a keyed hash that changes every day (see click-recorder.service.ts).
 */
@Entity('link_clicks')
@Index('link_clicks_link_day', ['linkId', 'day'])
export class LinkClickEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  linkId: string;

  @ManyToOne(() => TrackingLinkEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  link?: TrackingLinkEntity;

  /** The UTC day of the click, for unique visitors per day. */
  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'varchar', length: 32 })
  visitorKey: string;

  @Column({ type: 'timestamptz', precision: 3 })
  clickedAt: Date;
}
