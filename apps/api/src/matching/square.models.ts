import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ContentType, ErrorCode } from '@vtask/core';
import { CreatorModel } from '../accounts/accounts.models';
import { Connection, MoneyModel } from '../graphql/common.models';
import { InvitationModel } from '../marketplace/marketplace.models';
import { ReviewModel } from '../orders/escrow.models';

@ObjectType('PriceRange')
export class PriceRangeModel {
  @Field(() => MoneyModel)
  low: MoneyModel;

  @Field(() => MoneyModel)
  typical: MoneyModel;

  @Field(() => MoneyModel)
  high: MoneyModel;
}

@ObjectType('PortfolioItem', {
  description:
    "An accepted deliverable the creator made on the platform, shown on the creator's profile unless the merchant opted out.",
})
export class PortfolioItemModel {
  @Field(() => ID)
  id: string;

  @Field(() => ContentType)
  contentType: ContentType;

  @Field()
  completedAt: Date;

  orderId: string;
  merchantId: string;
}

export const PortfolioConnection = Connection(PortfolioItemModel, 'PortfolioConnection');
export const ReviewConnection = Connection(ReviewModel, 'ReviewConnection');

@ObjectType('Shortlist')
export class ShortlistModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Int)
  size: number;

  @Field()
  createdAt: Date;

  merchantId: string;
}

@ObjectType('SkippedInvitation')
export class SkippedInvitationModel {
  @Field(() => CreatorModel)
  creator: CreatorModel | Promise<CreatorModel | null>;

  @Field(() => ErrorCode, {
    description: 'The error code the single invitation would have got, e.g. TIER_TOO_LOW or CONFLICT.',
  })
  code: ErrorCode;

  @Field()
  reason: string;
}

@ObjectType('BulkInvitationResult')
export class BulkInvitationResultModel {
  @Field(() => [InvitationModel])
  invited: InvitationModel[];

  @Field(() => [SkippedInvitationModel])
  skipped: SkippedInvitationModel[];
}
