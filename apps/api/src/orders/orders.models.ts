import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { UsageRights } from '@vtask/orders';
import { ContentType, CurrencyCode } from '@vtask/core';
import { OrderSource, OrderStatus } from '@vtask/orders';
import { Connection } from '../graphql/common.models';

registerEnumType(OrderSource, { name: 'OrderSource' });
registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  valuesMap: {
    AWAITING_FUNDING: {
      description: 'Created; the merchant has fundingDeadline to fund the escrow, or the order is cancelled.',
    },
    IN_PROGRESS: { description: 'Escrow holds the price; the creator is working.' },
    DELIVERED: {
      description:
        "A deliverable awaits the merchant's review until reviewDeadline, then is accepted automatically.",
    },
    COMPLETED: { description: 'Accepted: escrow released to the creator (less fees and agency share).' },
    CANCELLED: { description: 'Escrow (if any) refunded to the merchant.' },
    RESOLVED: { description: 'An admin split the escrow between the parties.' },
  },
});

@ObjectType('OrderEvent')
export class OrderEventModel {
  @Field()
  at: Date;

  @Field({
    description: 'Machine-readable event name, e.g. FUNDED, DELIVERED, REVISION_REQUESTED, AUTO_ACCEPTED.',
  })
  type: string;

  /** A person's words, or the text of an event stored before notes were keyed; `note` resolves for the reader. */
  note: string | null;

  noteKey: string | null;
  noteParams: object | null;
  actorUserId: string | null;
}

@ObjectType('Order')
export class OrderModel {
  @Field(() => ID)
  id: string;

  @Field(() => OrderSource)
  source: OrderSource;

  @Field()
  brief: string;

  @Field(() => ContentType)
  contentType: ContentType;

  @Field(() => OrderStatus)
  status: OrderStatus;

  @Field(() => Date, { nullable: true })
  fundingDeadline: Date | null;

  @Field()
  deliverBy: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'While DELIVERED: when the delivery is accepted automatically.',
  })
  reviewDeadline: Date | null;

  @Field(() => Int)
  maxRevisions: number;

  @Field(() => Int)
  revisionsUsed: number;

  @Field(() => Int, {
    description:
      'Days the published content must stay up (0 = no retention), fixed from the task or offer when the order was made.',
  })
  retentionDays: number;

  @Field()
  createdAt: Date;

  taskId: string | null;
  offerId: string | null;
  merchantId: string;
  creatorId: string;
  agencyId: string | null;
  currency: CurrencyCode;
  priceMinor: bigint;
  platformFeeMinor: bigint;
  agencyShareMinor: bigint;
  creatorPayoutMinor: bigint;
  usageRights: UsageRights;
  holdbackMinor: bigint;
}

export const OrderConnection = Connection(OrderModel, 'OrderConnection');
