import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Viewer } from '@vtask/core';
import { ConversionKeysService, ShowcaseService, TrackingLinksService } from '@vtask/insights';
import { CreatorModel } from '../accounts/accounts.models';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import { FieldCost } from '../graphql/limits';
import type { RequestContext } from '../graphql/request-context';
import { DeliverableModel } from '../orders/escrow.models';
import { visibleOrder } from '../orders/visible-order';
import {
  ConversionKeyModel,
  ShopperContextInput,
  ShowcaseEntryModel,
  TrackingLinkDayModel,
  TrackingLinkModel,
} from './tracking.models';

/** Where the shopper's browser reached us: tracking-link URLs are built on it. */
export function publicOrigin(ctx: RequestContext): string {
  return `${ctx.req.protocol}://${ctx.req.get('host') ?? 'localhost'}`;
}

@Resolver()
export class TrackingResolver {
  constructor(
    private readonly links: TrackingLinksService,
    private readonly conversionKeys: ConversionKeysService,
    private readonly showcaseService: ShowcaseService,
  ) {}

  @Roles(Role.MERCHANT)
  @Mutation(() => TrackingLinkModel, {
    description:
      "The order's merchant: a counted link to one of its own pages (https, on a host in Merchant.linkDomains).",
  })
  async createTrackingLink(
    @CurrentViewer() viewer: Viewer,
    @Args('deliverableId', { type: () => ID }) deliverableId: string,
    @Args('targetUrl') targetUrl: string,
    @Ctx() ctx: RequestContext,
  ): Promise<TrackingLinkModel> {
    return TrackingLinkModel.from(
      await this.links.create(viewer, deliverableId, targetUrl),
      publicOrigin(ctx),
    );
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => ConversionKeyModel, {
    description: 'Merchant: a new key for signing conversion reports; the old ones keep working for 24 h.',
  })
  async createConversionKey(@CurrentViewer() viewer: Viewer): Promise<ConversionKeyModel> {
    return ConversionKeyModel.from(await this.conversionKeys.create(viewer));
  }

  @Roles(Role.MERCHANT)
  @Query(() => [ConversionKeyModel], {
    description: "The signed-in merchant's conversion keys (secrets never shown again).",
  })
  async myConversionKeys(@CurrentViewer() viewer: Viewer): Promise<ConversionKeyModel[]> {
    return (await this.conversionKeys.list(viewer)).map((key) => ConversionKeyModel.from(key));
  }

  @Public()
  @Query(() => [ShowcaseEntryModel], {
    complexity: FieldCost.RANKING,
    description: "A published venue's lineup ordered for one shopper: public, no sign-in.",
  })
  async showcase(
    @Args('venueId', { type: () => ID }) venueId: string,
    @Args('shopper', { type: () => ShopperContextInput, nullable: true }) shopper: ShopperContextInput | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ShowcaseEntryModel[]> {
    const entries = await this.showcaseService.showcase(venueId, shopper ?? {}, first);
    const origin = publicOrigin(ctx);
    return entries.map(({ linkCode, reasons, ...entry }) => ({
      ...entry,
      link: linkCode ? `${origin}/go/${linkCode}` : null,
      reasons: reasons.map((reason) => reason(ctx.reader)),
    }));
  }
}

@Public()
@Resolver(() => ShowcaseEntryModel)
export class ShowcaseEntryResolver {
  @ResolveField(() => CreatorModel)
  async creator(@Parent() entry: ShowcaseEntryModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.creators.load(entry.creatorId);
  }
}

/** Deliverable.trackingLinks: for the order's parties and admins (batched); a public deliverable shows none. */
@Resolver(() => DeliverableModel)
export class DeliverableTrackingLinksResolver {
  @ResolveField(() => [TrackingLinkModel], { complexity: FieldCost.BATCHED_AGGREGATE })
  async trackingLinks(
    @Parent() deliverable: DeliverableModel,
    @Ctx() ctx: RequestContext,
  ): Promise<TrackingLinkModel[]> {
    if (!(await visibleOrder(ctx, deliverable.orderId))) return [];
    const links = await ctx.loaders.trackingLinks.load(deliverable.id);
    return links.map((link) => TrackingLinkModel.from(link, publicOrigin(ctx)));
  }
}

@Resolver(() => TrackingLinkModel)
export class TrackingLinkResolver {
  @ResolveField(() => [TrackingLinkDayModel], {
    complexity: FieldCost.BATCHED_AGGREGATE,
    description: 'The days with any click or sale, oldest first (for a chart).',
  })
  async daily(
    @Parent() link: TrackingLinkModel,
    @Ctx() ctx: RequestContext,
  ): Promise<TrackingLinkDayModel[]> {
    return (await ctx.loaders.trackingLinkDays.load(link.id)).map((day) => TrackingLinkDayModel.from(day));
  }

  @ResolveField(() => DeliverableModel)
  async deliverable(@Parent() link: TrackingLinkModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.deliverablesById.load(link.deliverableId);
  }
}
