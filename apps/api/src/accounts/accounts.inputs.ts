import { Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { CreatorOrder } from '@vtask/matching';
import { Slug } from '../graphql/input-check';
import { Channel, CreatorTier } from '@vtask/accounts';
import { ContentType, Role } from '@vtask/core';
import { MoneyInput } from '../graphql/common.models';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

@InputType()
export class MerchantProfileInput {
  @Field()
  @IsString()
  @Length(1, 120)
  shopName: string;

  @Field(() => ID, { nullable: true, description: "Slug of the merchant's industry tag." })
  @Slug()
  @IsOptional()
  @IsString()
  industry?: string | null;

  @Field(() => [String], { nullable: true, description: 'At most 10 hosts; replaces the list.' })
  @IsOptional()
  @IsArray()
  // The service says "at most 10" in the reader's language; this only stops absurd lists early.
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  linkDomains?: string[] | null;
}

@InputType()
export class CreatorProfileInput {
  @Field({ description: "Unique public handle: 3-30 characters of letters, digits, '_' and '-'." })
  @Matches(/^[A-Za-z0-9_-]{3,30}$/, { message: 'handle must be 3-30 letters, digits, "_" or "-"' })
  handle: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  bio?: string | null;

  @Field(() => [ID], { description: 'Slugs of domain tags, 1 to 5.' })
  @Slug()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsString({ each: true })
  domainTags: string[];

  @Field(() => [Channel])
  @IsEnum(Channel, { each: true })
  channels: Channel[];

  @Field(() => Int)
  @IsInt()
  @Min(0)
  followerCount: number;
}

@InputType()
export class AgencyProfileInput {
  @Field()
  @IsString()
  @Length(1, 120)
  name: string;

  @Field(() => Int, {
    description: "Share of each member's payout that goes to the agency, in basis points (0-5000).",
  })
  @IsInt()
  @Min(0)
  @Max(5000)
  revenueShareBps: number;
}

@InputType()
export class SignUpInput {
  @Field()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  @Field({ description: 'At least 10 characters.' })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password: string;

  @Field()
  @IsString()
  @Length(1, 80)
  displayName: string;

  @Field(() => Role, {
    description: 'MERCHANT, CREATOR or AGENCY; ADMIN accounts are never created by sign-up.',
  })
  @IsEnum(Role)
  role: Role;

  @Field(() => MerchantProfileInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MerchantProfileInput)
  merchant?: MerchantProfileInput | null;

  @Field(() => CreatorProfileInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreatorProfileInput)
  creator?: CreatorProfileInput | null;

  @Field(() => AgencyProfileInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgencyProfileInput)
  agency?: AgencyProfileInput | null;
}

@InputType()
export class UpdateCreatorProfileInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  bio?: string | null;

  @Field(() => [ID], { nullable: true })
  @Slug()
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsString({ each: true })
  domainTags?: string[] | null;

  @Field(() => [Channel], { nullable: true })
  @IsOptional()
  @IsEnum(Channel, { each: true })
  channels?: Channel[] | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  followerCount?: number | null;
}

registerEnumType(CreatorOrder, {
  name: 'CreatorOrder',
  valuesMap: {
    RELEVANCE: { description: 'Text and tag match first, then track record.' },
    PRICE_LOW: { description: 'Lowest typical price first.' },
  },
});

@InputType()
export class CreatorFilter {
  @Field(() => [ID], { nullable: true })
  @Slug()
  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(20)
  domainTags?: string[] | null;

  @Field(() => CreatorTier, { nullable: true })
  @IsOptional()
  @IsEnum(CreatorTier)
  minTier?: CreatorTier | null;

  @Field(() => Channel, { nullable: true })
  @IsOptional()
  @IsEnum(Channel)
  channel?: Channel | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  agencyId?: string | null;

  @Field(() => String, { nullable: true, description: 'Matches handle, display name and bio.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string | null;

  @Field(() => ContentType, { nullable: true })
  @IsOptional()
  @IsEnum(ContentType)
  contentType?: ContentType | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  minFollowers?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  maxFollowers?: number | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Creators whose typical price is at most this.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  maxTypicalPrice?: MoneyInput | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  minCompletedOrders?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  minRating?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Only creators that have an ACTIVE offer.' })
  @IsOptional()
  @IsBoolean()
  hasActiveOffer?: boolean | null;
}
