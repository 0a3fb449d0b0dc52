import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Channel, CreatorTier } from '@vtask/accounts';
import { ContentType, CurrencyCode } from '@vtask/core';
import {
  BidStatus,
  InvitationStatus,
  OfferStatus,
  TaskOrder,
  TaskStatus,
  TaskVisibility,
} from '@vtask/marketplace';
import { Connection } from '../graphql/common.models';
import { UsageRightsModel } from '../orders/deal-terms.models';

registerEnumType(ContentType, {
  name: 'ContentType',
  description:
    'Forms of content traded on the platform: picture-and-text posts, shopping lists, outfit pairings, short video, live streams.',
});
registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  valuesMap: {
    CLOSED: {
      description: 'No further bids: every slot is filled, applyBy has passed, or the merchant closed it.',
    },
  },
});
registerEnumType(TaskVisibility, { name: 'TaskVisibility' });
registerEnumType(TaskOrder, { name: 'TaskOrder' });
registerEnumType(BidStatus, {
  name: 'BidStatus',
  valuesMap: { EXPIRED: { description: 'The task closed before the bid was decided.' } },
});
registerEnumType(InvitationStatus, { name: 'InvitationStatus' });
registerEnumType(OfferStatus, { name: 'OfferStatus' });

@ObjectType('Task')
export class TaskModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  brief: string;

  @Field(() => ContentType)
  contentType: ContentType;

  @Field(() => [Channel])
  channels: Channel[];

  @Field(() => CreatorTier)
  minTier: CreatorTier;

  @Field(() => Int, { description: 'How many creators the merchant wants.' })
  slots: number;

  @Field(() => Int)
  slotsFilled: number;

  @Field()
  applyBy: Date;

  @Field()
  deliverBy: Date;

  @Field(() => Int)
  maxRevisions: number;

  @Field(() => TaskVisibility)
  visibility: TaskVisibility;

  @Field(() => TaskStatus)
  status: TaskStatus;

  @Field(() => String, { nullable: true, description: 'Why the merchant cancelled the task.' })
  cancelReason: string | null;

  @Field(() => UsageRightsModel)
  usageRights: UsageRightsModel;

  @Field(() => Int, { description: 'Days the published content must stay up (0 = no retention).' })
  retentionDays: number;

  @Field()
  createdAt: Date;

  merchantId: string;
  domainTags: string[];
  currency: CurrencyCode;
  budgetMinor: bigint;
  venueId: string | null;
}

@ObjectType('Bid')
export class BidModel {
  @Field(() => ID)
  id: string;

  @Field()
  pitch: string;

  @Field(() => BidStatus)
  status: BidStatus;

  @Field(() => String, { nullable: true, description: "The merchant's reason, when rejected." })
  rejectReason: string | null;

  @Field()
  createdAt: Date;

  taskId: string;
  creatorId: string;
  currency: CurrencyCode;
  priceMinor: bigint;
  orderId: string | null;
}

@ObjectType('Invitation', { description: "A merchant's directed invitation of one creator to a task." })
export class InvitationModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field(() => InvitationStatus)
  status: InvitationStatus;

  @Field({ description: 'When the invitation expires if not answered.' })
  expiresAt: Date;

  @Field()
  createdAt: Date;

  taskId: string;
  creatorId: string;
  currency: CurrencyCode;
  priceMinor: bigint;
  orderId: string | null;
}

@ObjectType('Offer', {
  description:
    "A creator's own posting: a service or a slot sale (for example product slots in a scheduled live stream) that merchants book.",
})
export class OfferModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => ContentType)
  contentType: ContentType;

  @Field(() => [Channel])
  channels: Channel[];

  @Field(() => Int)
  slots: number;

  @Field(() => Int)
  slotsBooked: number;

  @Field(() => Int)
  turnaroundDays: number;

  @Field(() => Date, { nullable: true, description: 'For LIVE offers: when the stream happens.' })
  scheduledAt: Date | null;

  @Field(() => Date, { nullable: true })
  bookBy: Date | null;

  @Field(() => OfferStatus)
  status: OfferStatus;

  @Field(() => UsageRightsModel)
  usageRights: UsageRightsModel;

  @Field(() => Int)
  retentionDays: number;

  @Field()
  createdAt: Date;

  creatorId: string;
  domainTags: string[];
  currency: CurrencyCode;
  priceMinor: bigint;
}

export const TaskConnection = Connection(TaskModel, 'TaskConnection');
export const BidConnection = Connection(BidModel, 'BidConnection');
export const OfferConnection = Connection(OfferModel, 'OfferConnection');
