import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Slug } from '../graphql/input-check';
import { CreatorTier } from '@vtask/accounts';
import { VenueKind } from '@vtask/venues';
import {
  ArrayMaxSize,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

@InputType()
export class CreateVenueInput {
  @Field()
  @IsString()
  @Length(1, 120)
  name: string;

  @Field(() => VenueKind)
  @IsEnum(VenueKind)
  kind: VenueKind;

  @Field()
  @IsString()
  @Length(1, 120)
  event: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => [ID], { nullable: true })
  @Slug()
  @IsOptional()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  domainTags?: string[] | null;

  @Field(() => CreatorTier, { nullable: true, description: 'Defaults to CREATOR.' })
  @IsOptional()
  @IsEnum(CreatorTier)
  minTier?: CreatorTier | null;

  @Field({
    description:
      'Must satisfy recruitmentOpensAt < recruitmentClosesAt <= submissionDeadline <= goLiveAt < endsAt.',
  })
  @IsDate()
  recruitmentOpensAt: Date;

  @Field()
  @IsDate()
  recruitmentClosesAt: Date;

  @Field()
  @IsDate()
  submissionDeadline: Date;

  @Field()
  @IsDate()
  goLiveAt: Date;

  @Field()
  @IsDate()
  endsAt: Date;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(500)
  capacity: number;
}

@InputType()
export class SubmitToVenueInput {
  @Field(() => ID)
  @IsUUID()
  venueId: string;

  @Field(() => ID)
  @IsUUID()
  orderId: string;

  @Field(() => ID, { nullable: true, description: "Defaults to the order's approved deliverable." })
  @IsOptional()
  @IsUUID()
  deliverableId?: string | null;
}
