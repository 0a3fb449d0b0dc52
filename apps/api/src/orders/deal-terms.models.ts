import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Channel } from '@vtask/accounts';
import { PublicationStatus } from '@vtask/orders';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, Max, Min } from 'class-validator';
import { MoneyModel } from '../graphql/common.models';

registerEnumType(PublicationStatus, {
  name: 'PublicationStatus',
  valuesMap: {
    UNPUBLISHED: { description: 'Accepted content that the creator has not yet marked as published.' },
    LIVE: { description: 'Published; within the retention window.' },
    REPORTED_DOWN: {
      description:
        'The merchant reported that it was taken down; the creator has until restoreBy to restore it.',
    },
    RETAINED: { description: 'The retention window passed with the content up: the holdback was released.' },
    BREACHED: { description: 'Not restored in time: the holdback went back to the merchant.' },
  },
});

@ObjectType('UsageRights', {
  description:
    'What the merchant may do with the content, fixed on the order when it is made (copied from the task or offer).',
})
export class UsageRightsModel {
  @Field(() => Int, {
    description:
      "Days after publication the merchant may reuse the content on its own channels; 0 = only the creator's post.",
  })
  reuseDays: number;

  @Field(() => [Channel], { description: 'Where the merchant may reuse it.' })
  channels: Channel[];

  @Field({ description: 'The merchant may run the content as paid ads.' })
  paidAds: boolean;

  @Field(() => Int, {
    description:
      'Days after publication in which the creator takes no task from another merchant of the same industry; 0 = none.',
  })
  exclusivityDays: number;
}

@InputType('UsageRightsInput')
export class UsageRightsInput {
  @Field(() => Int, { description: '0 to 3650.' })
  @IsInt()
  @Min(0)
  @Max(3650)
  reuseDays: number;

  @Field(() => [Channel])
  @ArrayMaxSize(9)
  @IsEnum(Channel, { each: true })
  channels: Channel[];

  @Field()
  @IsBoolean()
  paidAds: boolean;

  @Field(() => Int, { description: '0 to 365.' })
  @IsInt()
  @Min(0)
  @Max(365)
  exclusivityDays: number;
}

@ObjectType('Publication')
export class PublicationModel {
  @Field(() => PublicationStatus)
  status: PublicationStatus;

  @Field(() => String, { nullable: true })
  url: string | null;

  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Publication must stay up until this moment.' })
  retainUntil: Date | null;

  @Field(() => Date, { nullable: true })
  restoreBy: Date | null;

  @Field(() => MoneyModel, {
    description:
      'Part of the price (RETENTION_HOLDBACK_BPS of it) held in escrow from acceptance until retainUntil; fees apply to it when it is released. Zero when the order has no retention.',
  })
  holdback: MoneyModel;
}
