import { BidEntity } from './bid.entity';
import { InvitationEntity } from './invitation.entity';
import { OfferEntity } from './offer.entity';
import { TaskEntity } from './task.entity';

export { BidEntity, InvitationEntity, OfferEntity, TaskEntity };

export const MARKETPLACE_ENTITIES = [TaskEntity, BidEntity, InvitationEntity, OfferEntity];
