import { CancellationProposalEntity } from './cancellation-proposal.entity';
import { DeliverableEntity } from './deliverable.entity';
import { OrderEventEntity } from './order-event.entity';
import { OrderEntity } from './order.entity';
import { OrderPublicationEntity } from './order-publication.entity';
import { ReviewEntity } from './review.entity';

export * from './deliverable.entity';
export * from './review.entity';
export { CancellationProposalEntity, OrderEventEntity, OrderEntity, OrderPublicationEntity };

export const ORDERS_ENTITIES = [
  OrderEntity,
  OrderEventEntity,
  DeliverableEntity,
  ReviewEntity,
  OrderPublicationEntity,
  CancellationProposalEntity,
];
