import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CurrencyCode } from '@vtask/core';
import { CancellationProposalStatus } from '@vtask/orders';

registerEnumType(CancellationProposalStatus, { name: 'CancellationProposalStatus' });

@ObjectType('CancellationStage')
export class CancellationStageModel {
  @Field(() => Int, {
    description:
      'Share of the time from funding to deliverBy that has passed, up to which this row applies (basis points, 10000 = deliverBy).',
  })
  untilElapsedBps: number;

  @Field(() => Int, { description: 'Share of the price the creator keeps (basis points).' })
  creatorShareBps: number;
}

@ObjectType('CancellationProposal')
export class CancellationProposalModel {
  @Field(() => ID)
  id: string;

  @Field()
  reason: string;

  @Field(() => CancellationProposalStatus)
  status: CancellationProposalStatus;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  respondedAt: Date | null;

  orderId: string;
  proposedByUserId: string;
  creatorAmountMinor: bigint;
  currency: CurrencyCode;
}

@ObjectType('CreatorReliability')
export class CreatorReliabilityModel {
  @Field(() => Int, {
    description: 'Orders the creator cancelled, or that were cancelled because the creator missed deliverBy.',
  })
  cancelledByCreator: number;

  @Field(() => Int, { description: 'Deliveries after deliverBy.' })
  lateDeliveries: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Accepted content kept up through its retention window, over all retention windows that ended; null before the first.',
  })
  retentionRate: number | null;
}
