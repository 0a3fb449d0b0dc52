import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrencyCode, Role, type Viewer } from '@vtask/core';
import { publicReachOf, type PublicReach } from '@vtask/insights';
import { OrderPortfolioService, ReviewDirection, type OrderEntity } from '@vtask/orders';
import { CreatorModel } from '../accounts/accounts.models';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import { MoneyModel, toConnection, type ConnectionShape } from '../graphql/common.models';
import { FieldCost } from '../graphql/limits';
import type { RequestContext } from '../graphql/request-context';
import { ReviewModel } from '../orders/escrow.models';
import { OrderModel } from '../orders/orders.models';
import {
  PortfolioConnection,
  PortfolioItemModel,
  PriceRangeModel,
  ReviewConnection,
  ShortlistModel,
} from './square.models';

/** A profile's own list (portfolio, reviews): one indexed query per creator, meant for one profile. */
const PROFILE_LIST_COST = 10;

/** The creator profile (找达人): price range, portfolio, reviews and the viewer's shortlists. */
@Public()
@Resolver(() => CreatorModel)
export class CreatorProfileResolver {
  constructor(private readonly profiles: OrderPortfolioService) {}

  @ResolveField(() => PriceRangeModel, {
    nullable: true,
    complexity: FieldCost.LOOKUP,
    description:
      "The quartiles of the creator's open offers' and completed orders' prices in a currency (by default CNY, else the one they have); null without prices.",
  })
  async priceRange(
    @Parent() creator: CreatorModel,
    @Ctx() ctx: RequestContext,
    @Args('currency', { type: () => CurrencyCode, nullable: true }) currency: CurrencyCode | null,
  ): Promise<PriceRangeModel | null> {
    const profile = await ctx.loaders.square.profiles.load(creator.id);
    if (!profile?.priceCurrencies.length) return null;
    const wanted =
      currency ??
      (profile.priceCurrencies.includes(CurrencyCode.CNY) ? CurrencyCode.CNY : profile.priceCurrencies[0]);
    const at = profile.priceCurrencies.indexOf(wanted);
    if (at < 0) return null;
    const money = (minor: string) => MoneyModel.of(BigInt(minor), wanted);
    return {
      low: money(profile.priceLowMinor[at]),
      typical: money(profile.priceTypicalMinor[at]),
      high: money(profile.priceHighMinor[at]),
    };
  }

  @ResolveField(() => PortfolioConnection, { complexity: PROFILE_LIST_COST })
  async portfolio(
    @Parent() creator: CreatorModel,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<PortfolioItemModel>> {
    return toConnection(await this.profiles.portfolioOf(creator.id, { first, after }), portfolioItem);
  }

  @ResolveField(() => ReviewConnection, { complexity: PROFILE_LIST_COST })
  async reviews(
    @Parent() creator: CreatorModel,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<ReviewModel>> {
    return toConnection(await this.profiles.reviewsOf(creator.id, { first, after }), (row) => row);
  }

  @ResolveField(() => [ShortlistModel], {
    complexity: FieldCost.LOOKUP,
    description: 'For a signed-in merchant: the shortlists of theirs that hold this creator.',
  })
  inMyShortlists(@Parent() creator: CreatorModel, @Ctx() ctx: RequestContext): Promise<ShortlistModel[]> {
    return ctx.loaders.square.shortlistsHolding.load(creator.id);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => OrderModel, {
    description: "Merchant: hide a completed order's content from the creator's public portfolio.",
  })
  setPortfolioVisibility(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('visible') visible: boolean,
  ): Promise<OrderModel> {
    return this.profiles.setVisibility(viewer, orderId, visible);
  }
}

function portfolioItem(order: OrderEntity): PortfolioItemModel {
  return {
    id: order.id,
    contentType: order.contentType,
    completedAt: order.portfolioCompletedAt!,
    orderId: order.id,
    merchantId: order.merchantId,
  };
}

/** A portfolio item's content (the last, accepted version) and its reach; never the price or GMV. */
@Public()
@Resolver(() => PortfolioItemModel)
export class PortfolioItemResolver {
  private async accepted(item: PortfolioItemModel, ctx: RequestContext) {
    const versions = await ctx.loaders.deliverables.load(item.orderId);
    return versions[versions.length - 1];
  }

  @ResolveField(() => String)
  async title(@Parent() item: PortfolioItemModel, @Ctx() ctx: RequestContext): Promise<string> {
    return (await this.accepted(item, ctx))?.title ?? '';
  }

  @ResolveField(() => [String])
  async mediaUrls(@Parent() item: PortfolioItemModel, @Ctx() ctx: RequestContext): Promise<string[]> {
    return (await this.accepted(item, ctx))?.mediaUrls ?? [];
  }

  @ResolveField(() => String, { nullable: true })
  async publishedUrl(@Parent() item: PortfolioItemModel, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await this.accepted(item, ctx))?.publishedUrl ?? null;
  }

  @ResolveField(() => String, { description: "The merchant's shop name.", complexity: FieldCost.LOOKUP })
  async shopName(@Parent() item: PortfolioItemModel, @Ctx() ctx: RequestContext): Promise<string> {
    return (await ctx.loaders.merchants.load(item.merchantId))?.shopName ?? '';
  }

  @ResolveField(() => Int, { description: 'Public figures only: reach, never money. As reported.' })
  async views(@Parent() item: PortfolioItemModel, @Ctx() ctx: RequestContext): Promise<number> {
    return Number((await this.reach(item, ctx)).views);
  }

  @ResolveField(() => Int, {
    description: 'Counted by the platform (tracking links) when figuresVerified, else as reported.',
  })
  async clicks(@Parent() item: PortfolioItemModel, @Ctx() ctx: RequestContext): Promise<number> {
    return Number((await this.reach(item, ctx)).clicks);
  }

  @ResolveField(() => Boolean, {
    description: 'True when the clicks were counted by the platform (tracking links).',
  })
  async figuresVerified(@Parent() item: PortfolioItemModel, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await this.reach(item, ctx)).clicksVerified;
  }

  /** One batched performance query for every item of the page (the order performance loader). */
  private async reach(item: PortfolioItemModel, ctx: RequestContext): Promise<PublicReach> {
    return publicReachOf(await ctx.loaders.orderPerformance.load(item.orderId));
  }
}

/** Review.by: who wrote it, by name: the merchant's shop, or the creator's handle. */
@Public()
@Resolver(() => ReviewModel)
export class ReviewAuthorResolver {
  @ResolveField(() => String, { description: "The reviewer's shop name or creator handle." })
  async by(@Parent() review: ReviewModel, @Ctx() ctx: RequestContext): Promise<string> {
    const order = await ctx.loaders.orders.load(review.orderId);
    if (!order) return '';
    if (review.direction === ReviewDirection.OF_CREATOR) {
      return (await ctx.loaders.merchants.load(order.merchantId))?.shopName ?? '';
    }
    return (await ctx.loaders.creators.load(order.creatorId))?.handle ?? '';
  }
}
