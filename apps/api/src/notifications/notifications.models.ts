import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/common.models';

@ObjectType('Notification')
export class NotificationModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'e.g. BID_RECEIVED, ORDER_FUNDED, DELIVERABLE_SUBMITTED, VENUE_DEADLINE_SOON.' })
  type: string;

  /** Stored English text; the `message` field is written for the reader from `type` and `params`. */
  message: string;
  params: object | null;

  @Field()
  createdAt: Date;

  orderId: string | null;
  taskId: string | null;
  venueId: string | null;
  readAt: Date | null;
}

export const NotificationConnection = Connection(NotificationModel, 'NotificationConnection');
