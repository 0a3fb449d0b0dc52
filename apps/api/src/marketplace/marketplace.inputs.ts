import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Slug } from '../graphql/input-check';
import { Channel, CreatorTier } from '@vtask/accounts';
import { ContentType } from '@vtask/core';
import { OfferStatus, TaskStatus, TaskVisibility } from '@vtask/marketplace';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
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
  ValidateNested,
} from 'class-validator';
import { MoneyInput } from '../graphql/common.models';
import { UsageRightsInput } from '../orders/deal-terms.models';

/** A task's or offer's usage rights, checked as a nested input (SPEC "Usage rights, publication and retention"). */
function UsageRightsField(description?: string): PropertyDecorator {
  return applyDecorators(
    Field(() => UsageRightsInput, { nullable: true, ...(description ? { description } : {}) }),
    IsOptional(),
    ValidateNested(),
    Type(() => UsageRightsInput),
  );
}

/** Days the published content must stay up, 0 (none) to 365. */
function RetentionDaysField(description: string): PropertyDecorator {
  return applyDecorators(
    Field(() => Int, { nullable: true, description }),
    IsOptional(),
    IsInt(),
    Min(0),
    Max(365),
  );
}

/** What a task and an offer both describe: a titled piece of content, its form, channels and tags. */
@InputType({ isAbstract: true })
abstract class ContentPostingInput {
  @Field()
  @IsString()
  @Length(1, 120)
  title: string;

  @Field(() => ContentType)
  @IsEnum(ContentType)
  contentType: ContentType;

  @Field(() => [Channel])
  @ArrayMinSize(1)
  @ArrayMaxSize(9)
  @IsEnum(Channel, { each: true })
  channels: Channel[];

  @Field(() => [ID])
  @Slug()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsString({ each: true })
  domainTags: string[];
}

@InputType()
export class PostTaskInput extends ContentPostingInput {
  @Field()
  @IsString()
  @Length(1, 5000)
  brief: string;

  @Field(() => CreatorTier, { nullable: true, description: 'Defaults to CREATOR.' })
  @IsOptional()
  @IsEnum(CreatorTier)
  minTier?: CreatorTier | null;

  @Field(() => MoneyInput)
  @ValidateNested()
  @Type(() => MoneyInput)
  budget: MoneyInput;

  @Field(() => Int, { description: '1 to 1000.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  slots: number;

  @Field()
  @IsDate()
  applyBy: Date;

  @Field({ description: "After applyBy; at or before the venue's submissionDeadline when venueId is given." })
  @IsDate()
  deliverBy: Date;

  @Field(() => Int, { nullable: true, description: '0 to 10; defaults to 2.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  maxRevisions?: number | null;

  @Field(() => TaskVisibility, { nullable: true })
  @IsOptional()
  @IsEnum(TaskVisibility)
  visibility?: TaskVisibility | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  venueId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Publish at once (OPEN) instead of saving a DRAFT.' })
  @IsOptional()
  @IsBoolean()
  publish?: boolean | null;

  @UsageRightsField('Defaults to no reuse, no paid ads, no exclusivity.')
  usageRights?: UsageRightsInput | null;

  @RetentionDaysField('0 to 365; defaults to 30.')
  retentionDays?: number | null;
}

/** The terms of a task to change (updateTask); a field left out or null stays as it is. */
@InputType()
export class UpdateTaskInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  brief?: string | null;

  @Field(() => [Channel], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(9)
  @IsEnum(Channel, { each: true })
  channels?: Channel[] | null;

  @Field(() => [ID], { nullable: true })
  @Slug()
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsString({ each: true })
  domainTags?: string[] | null;

  @Field(() => CreatorTier, { nullable: true })
  @IsOptional()
  @IsEnum(CreatorTier)
  minTier?: CreatorTier | null;

  @Field(() => MoneyInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  budget?: MoneyInput | null;

  @Field(() => Int, { nullable: true, description: 'From the slots already filled (at least 1) to 1000.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  slots?: number | null;

  @Field(() => Date, {
    nullable: true,
    description: "In the future; moving it re-arms the task's closing time.",
  })
  @IsOptional()
  @IsDate()
  applyBy?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  deliverBy?: Date | null;

  @Field(() => Int, { nullable: true, description: '0 to 10.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  maxRevisions?: number | null;

  @UsageRightsField()
  usageRights?: UsageRightsInput | null;

  @RetentionDaysField('0 to 365.')
  retentionDays?: number | null;
}

@InputType()
export class TaskFilter {
  @Field(() => TaskStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TaskStatus)
  status?: TaskStatus | null;

  @Field(() => [ID], { nullable: true })
  @Slug()
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  domainTags?: string[] | null;

  @Field(() => ContentType, { nullable: true })
  @IsOptional()
  @IsEnum(ContentType)
  contentType?: ContentType | null;

  @Field(() => Channel, { nullable: true })
  @IsOptional()
  @IsEnum(Channel)
  channel?: Channel | null;

  @Field(() => CreatorTier, { nullable: true, description: 'Tasks whose minTier is at or below this tier.' })
  @IsOptional()
  @IsEnum(CreatorTier)
  eligibleForTier?: CreatorTier | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  venueId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  merchantId?: string | null;

  @Field(() => String, { nullable: true, description: 'Matches title and brief.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string | null;
}

@InputType()
export class PlaceBidInput {
  @Field(() => ID)
  @IsUUID()
  taskId: string;

  @Field(() => MoneyInput)
  @ValidateNested()
  @Type(() => MoneyInput)
  price: MoneyInput;

  @Field()
  @IsString()
  @Length(1, 2000)
  pitch: string;
}

@InputType()
export class InviteCreatorInput {
  @Field(() => ID)
  @IsUUID()
  taskId: string;

  @Field(() => ID)
  @IsUUID()
  creatorId: string;

  @Field(() => MoneyInput, { nullable: true, description: "Defaults to the task's budget." })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  price?: MoneyInput | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string | null;
}

@InputType()
export class PostOfferInput extends ContentPostingInput {
  @Field()
  @IsString()
  @Length(1, 5000)
  description: string;

  @Field(() => MoneyInput)
  @ValidateNested()
  @Type(() => MoneyInput)
  price: MoneyInput;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1000)
  slots: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(365)
  turnaroundDays: number;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  scheduledAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  bookBy?: Date | null;

  @UsageRightsField('Defaults to no reuse, no paid ads, no exclusivity.')
  usageRights?: UsageRightsInput | null;

  @RetentionDaysField('0 to 365; defaults to 30.')
  retentionDays?: number | null;
}

@InputType()
export class BookOfferInput {
  @Field(() => ID)
  @IsUUID()
  offerId: string;

  @Field({ description: 'What the merchant wants featured: products, links, requirements.' })
  @IsString()
  @Length(1, 5000)
  brief: string;
}

@InputType()
export class OfferFilter {
  @Field(() => OfferStatus, { nullable: true })
  @IsOptional()
  @IsEnum(OfferStatus)
  status?: OfferStatus | null;

  @Field(() => [ID], { nullable: true })
  @Slug()
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  domainTags?: string[] | null;

  @Field(() => ContentType, { nullable: true })
  @IsOptional()
  @IsEnum(ContentType)
  contentType?: ContentType | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  creatorId?: string | null;

  @Field(() => CreatorTier, { nullable: true })
  @IsOptional()
  @IsEnum(CreatorTier)
  minTier?: CreatorTier | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string | null;
}
