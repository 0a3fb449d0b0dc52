import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EscrowStatus, PayoutStatus } from '@vtask/ledger';
import { DeliverableStatus, FundingStatus, type ReviewDirection } from '@vtask/orders';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MoneyInput, MoneyModel } from '../graphql/common.models';
import { OrderModel } from './orders.models';

registerEnumType(EscrowStatus, { name: 'EscrowStatus' });
registerEnumType(FundingStatus, {
  name: 'FundingStatus',
  valuesMap: {
    SUCCEEDED: { description: 'Funds are held in escrow.' },
    REQUIRES_ACTION: {
      description:
        'The payment provider needs the payer to act (e.g. confirm a card with clientSecret); a webhook completes it.',
    },
  },
});
registerEnumType(DeliverableStatus, { name: 'DeliverableStatus' });
registerEnumType(PayoutStatus, { name: 'PayoutStatus' });

@ObjectType('Escrow')
export class EscrowModel {
  @Field(() => EscrowStatus)
  status: EscrowStatus;

  @Field(() => MoneyModel)
  held: MoneyModel;

  @Field(() => MoneyModel)
  released: MoneyModel;

  @Field(() => MoneyModel)
  refunded: MoneyModel;

  @Field(() => String, {
    nullable: true,
    description: "The payment provider's reference for the funding charge.",
  })
  paymentReference: string | null;
}

@ObjectType('FundingResult')
export class FundingResultModel {
  @Field(() => OrderModel)
  order: OrderModel;

  @Field(() => FundingStatus)
  status: FundingStatus;

  @Field(() => String, {
    nullable: true,
    description: 'For card providers: the secret the web client confirms the payment with.',
  })
  clientSecret: string | null;

  @Field(() => String, { nullable: true, description: 'Why the payment failed, when it did.' })
  failureReason: string | null;
}

@ObjectType('Deliverable')
export class DeliverableModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: '1 for the first submission, +1 for each revision.' })
  version: number;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field(() => [String])
  mediaUrls: string[];

  @Field(() => String, { nullable: true, description: 'Where the content was published, once it is.' })
  publishedUrl: string | null;

  @Field(() => DeliverableStatus)
  status: DeliverableStatus;

  @Field(() => String, { nullable: true })
  feedback: string | null;

  @Field()
  submittedAt: Date;

  orderId: string;
}

@ObjectType('Review')
export class ReviewModel {
  @Field(() => Int)
  rating: number;

  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field()
  createdAt: Date;

  /** For `by`: the order names the reviewer (its merchant, or its creator for a review of the merchant). */
  orderId: string;
  direction: ReviewDirection;
}

@ObjectType('Wallet')
export class WalletModel {
  @Field(() => MoneyModel, { description: 'Released earnings not yet paid out.' })
  available: MoneyModel;

  @Field(() => MoneyModel, {
    description: "Held in escrow for this account's open orders (merchant: funded; creator: expected).",
  })
  inEscrow: MoneyModel;

  @Field(() => MoneyModel)
  paidOut: MoneyModel;
}

@ObjectType('Payout')
export class PayoutModel {
  @Field(() => ID)
  id: string;

  @Field(() => MoneyModel)
  amount: MoneyModel;

  @Field(() => PayoutStatus)
  status: PayoutStatus;

  @Field(() => String, { nullable: true })
  providerReference: string | null;

  /** Resolved for the reader: a keyed reason worded, a provider's own as written. */
  failureReason: string | null;

  @Field()
  createdAt: Date;

  provider: string | null;
  failureKey: string | null;
  failureParams: object | null;
}

@ObjectType('LedgerEntry')
export class LedgerEntryModel {
  @Field(() => ID)
  id: string;

  @Field()
  at: Date;

  @Field({ description: 'FUND, RELEASE, FEE, AGENCY_SHARE, REFUND, PAYOUT, ...' })
  kind: string;

  @Field({ description: 'Account name, e.g. escrow:order/<id>, creator/<id>, platform:fees.' })
  account: string;

  @Field(() => MoneyModel, { description: 'Signed: positive credits the account, negative debits it.' })
  amount: MoneyModel;

  @Field(() => ID, { description: 'The journal transaction the entry belongs to.' })
  transactionId: string;

  orderId: string | null;
}

@ObjectType('CreatorStats')
export class CreatorStatsModel {
  @Field(() => Int)
  completedOrders: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of completed orders delivered by their deliverBy; null before the first.',
  })
  onTimeRate: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Rating given by merchants, 1-5; null before the first review.',
  })
  averageRating: number | null;

  /** For CreatorStats.reliability. */
  creatorId: string;
  cancelledByCreator: number;
  lateDeliveries: number;
}

@InputType()
export class SubmitDeliverableInput {
  @Field(() => ID)
  @IsUUID()
  orderId: string;

  @Field()
  @IsString()
  @Length(1, 120)
  title: string;

  @Field()
  @IsString()
  @Length(1, 20000)
  body: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  mediaUrls?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  publishedUrl?: string | null;
}

@InputType()
export class ResolveDisputeInput {
  @Field(() => ID)
  @IsUUID()
  orderId: string;

  @Field(() => MoneyInput, {
    description:
      'Part of the escrow released to the creator side (fees apply to it); the rest is refunded to the merchant.',
  })
  @ValidateNested()
  @Type(() => MoneyInput)
  creatorAmount: MoneyInput;

  @Field()
  @IsString()
  @Length(1, 2000)
  note: string;
}
