import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Viewer } from '@vtask/core';
import {
  OrderPublicationService,
  PublicationStatus,
  usageRightsSummary,
  type UsageRights,
} from '@vtask/orders';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import { MoneyModel } from '../graphql/common.models';
import type { RequestContext } from '../graphql/request-context';
import { PublicationModel, UsageRightsModel } from './deal-terms.models';
import { OrderModel } from './orders.models';

/** UsageRights.summary: the rights as one sentence in the reader's language. */
@Public()
@Resolver(() => UsageRightsModel)
export class UsageRightsResolver {
  @ResolveField(() => String, {
    description:
      "A sentence a person reads, in the viewer's language, e.g. '90 days of reuse on HEADLINES, LIVE; paid ads allowed'.",
  })
  summary(@Parent() rights: UsageRights, @Ctx() ctx: RequestContext): string {
    return usageRightsSummary(rights, ctx.reader.locale);
  }
}

/** The order's deal terms (usage rights, publication) and the publication's commands: thin calls. */
@Resolver(() => OrderModel)
export class OrderDealTermsResolver {
  constructor(private readonly publications: OrderPublicationService) {}

  @ResolveField(() => UsageRightsModel)
  usageRights(@Parent() order: OrderModel): UsageRights {
    return order.usageRights;
  }

  @ResolveField(() => PublicationModel)
  async publication(@Parent() order: OrderModel, @Ctx() ctx: RequestContext): Promise<PublicationModel> {
    const found = await ctx.loaders.publications.load(order.id);
    return {
      status: found?.status ?? PublicationStatus.UNPUBLISHED,
      url: found?.url ?? null,
      publishedAt: found?.publishedAt ?? null,
      retainUntil: found?.retainUntil ?? null,
      restoreBy: found?.restoreBy ?? null,
      holdback: MoneyModel.of(order.holdbackMinor, order.currency),
    };
  }

  @Roles(Role.CREATOR)
  @Mutation(() => OrderModel, {
    description:
      'The creator of a COMPLETED order: where the content went live. Starts the retention window.',
  })
  markPublished(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('url') url: string,
  ): Promise<OrderModel> {
    return this.publications.markPublished(viewer, orderId, url);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => OrderModel, {
    description: 'The merchant, during the retention window: the content is down.',
  })
  reportTakedown(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('note') note: string,
  ): Promise<OrderModel> {
    return this.publications.reportTakedown(viewer, orderId, note);
  }

  @Roles(Role.CREATOR)
  @Mutation(() => OrderModel, { description: 'The creator: the content is back up (before restoreBy).' })
  confirmRestored(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('url') url: string,
  ): Promise<OrderModel> {
    return this.publications.confirmRestored(viewer, orderId, url);
  }
}
