import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity';
import { CreatorEntity } from './creator.entity';

/** An agency's standing offer to manage a creator; the creator accepts with joinAgency. */
@Entity('agency_invitations')
export class AgencyInvitationEntity {
  @PrimaryColumn({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  agency?: AgencyEntity;

  @PrimaryColumn({ type: 'uuid' })
  creatorId: string;

  @ManyToOne(() => CreatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  creator?: CreatorEntity;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
