import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ContentType } from '@vtask/core';
import type { ConversionKeyView, TrackingLinkDay, TrackingLinkView, VerifiedFigures } from '@vtask/insights';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { MoneyModel } from '../graphql/common.models';
import { Slug } from '../graphql/input-check';

@ObjectType('VerifiedFigures', {
  description:
    'What the platform counted itself: clicks through tracking links and sales shops reported with a signed request.',
})
export class VerifiedFiguresModel {
  @Field(() => Int)
  clicks: number;

  @Field(() => Int)
  uniqueVisitors: number;

  @Field(() => Int)
  orders: number;

  @Field(() => MoneyModel)
  gmv: MoneyModel;

  @Field(() => Float, { nullable: true, description: 'orders / clicks; null without clicks.' })
  conversionRate: number | null;

  @Field(() => Float, { nullable: true, description: 'gmv / price paid; null without a price.' })
  returnOnSpend: number | null;

  static from(figures: VerifiedFigures): VerifiedFiguresModel {
    return {
      clicks: Number(figures.clicks),
      uniqueVisitors: Number(figures.uniqueVisitors),
      orders: Number(figures.orders),
      gmv: MoneyModel.from(figures.gmv),
      conversionRate: figures.conversionRate,
      returnOnSpend: figures.returnOnSpend,
    };
  }
}

@ObjectType('TrackingLink', {
  description: "A short link the platform counts clicks on, then redirects to the merchant's product page.",
})
export class TrackingLinkModel {
  @Field(() => ID)
  id: string;

  @Field()
  code: string;

  @Field(() => String, { description: "The platform's public URL for the link: <origin>/go/<code>." })
  url: string;

  @Field()
  targetUrl: string;

  @Field(() => Int)
  clicks: number;

  @Field(() => Int)
  conversions: number;

  @Field(() => MoneyModel)
  gmv: MoneyModel;

  @Field()
  createdAt: Date;

  deliverableId: string;

  static from(link: TrackingLinkView, origin: string): TrackingLinkModel {
    return {
      id: link.id,
      code: link.code,
      url: `${origin}/go/${link.code}`,
      targetUrl: link.targetUrl,
      clicks: link.clicks,
      conversions: link.conversions,
      gmv: MoneyModel.from(link.gmv),
      createdAt: link.createdAt,
      deliverableId: link.deliverableId,
    };
  }
}

@ObjectType('TrackingLinkDay', {
  description: 'One UTC day of a tracking link: its clicks, and the sales reported for it that day.',
})
export class TrackingLinkDayModel {
  @Field({ description: 'YYYY-MM-DD.' })
  day: string;

  @Field(() => Int)
  clicks: number;

  @Field(() => Int)
  uniqueVisitors: number;

  @Field(() => Int)
  orders: number;

  @Field(() => MoneyModel)
  gmv: MoneyModel;

  static from(day: TrackingLinkDay): TrackingLinkDayModel {
    return {
      day: day.day,
      clicks: day.clicks,
      uniqueVisitors: day.uniqueVisitors,
      orders: day.orders,
      gmv: MoneyModel.from(day.gmv),
    };
  }
}

@ObjectType('ConversionKey')
export class ConversionKeyModel {
  @Field(() => String, {
    nullable: true,
    description: 'Shown once, when created: sign conversion reports with it (HMAC-SHA256).',
  })
  secret: string | null;

  @Field({ description: 'The first 8 characters, to tell keys apart.' })
  prefix: string;

  @Field()
  createdAt: Date;

  static from(key: ConversionKeyView): ConversionKeyModel {
    return { secret: key.secret, prefix: key.prefix, createdAt: key.createdAt };
  }
}

@ObjectType('ShowcaseEntry', { description: 'One entry of a published venue lineup as a shopper sees it.' })
export class ShowcaseEntryModel {
  @Field(() => Int)
  position: number;

  @Field()
  title: string;

  @Field(() => ContentType)
  contentType: ContentType;

  @Field(() => [String])
  mediaUrls: string[];

  @Field()
  shopName: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The public URL of the deliverable's first tracking link (null without one): clicks count for the content.",
  })
  link: string | null;

  @Field(() => [String], { description: 'Why this entry sits here for this shopper (千人千面).' })
  reasons: string[];

  creatorId: string;
}

@InputType('ShopperContext')
export class ShopperContextInput {
  @Field(() => [ID], { nullable: true, description: 'Domain tags the shopper showed interest in (slugs).' })
  @Slug()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  interests?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True for a shopper who never bought from the shops in the venue.',
  })
  @IsOptional()
  @IsBoolean()
  newCustomer?: boolean | null;
}
