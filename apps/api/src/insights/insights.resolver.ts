import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrencyCode, Role, type Viewer } from '@vtask/core';
import { ContentMetricsService, PerformanceService } from '@vtask/insights';
import { CreatorModel, MerchantModel } from '../accounts/accounts.models';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import { moneyFromInput } from '../graphql/common.models';
import type { RequestContext } from '../graphql/request-context';
import { OrderModel } from '../orders/orders.models';
import { ContentMetricsInput } from './insights.inputs';
import { ContentPerformanceModel, CreatorResultsModel, DailyPerformanceModel } from './insights.models';
import { CreatorStatsModel } from '../orders/escrow.models';
import { FieldCost } from '../graphql/limits';

@Resolver()
export class InsightsResolver {
  constructor(
    private readonly metrics: ContentMetricsService,
    private readonly performance: PerformanceService,
  ) {}

  @Roles(Role.CREATOR, Role.ADMIN)
  @Mutation(() => ContentPerformanceModel, {
    description: "Record a day of figures for published content: the order's creator or an admin.",
  })
  async recordContentMetrics(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: ContentMetricsInput,
  ): Promise<ContentPerformanceModel> {
    const performance = await this.metrics.record(viewer, {
      ...input,
      // What the content sold, not a price the platform charges: MAX_ORDER_AMOUNT does not apply.
      gmv: moneyFromInput(input.gmv, 'gmv'),
    });
    return ContentPerformanceModel.from(performance);
  }

  @Roles(Role.MERCHANT, Role.ADMIN)
  @Query(() => ContentPerformanceModel, {
    complexity: FieldCost.AGGREGATE,
    description: "What the task's content earned, over all its orders: the task's merchant and admins.",
  })
  async taskPerformance(
    @CurrentViewer() viewer: Viewer,
    @Args('taskId', { type: () => ID }) taskId: string,
  ): Promise<ContentPerformanceModel> {
    return ContentPerformanceModel.from(await this.performance.ofTask(viewer, taskId));
  }

  @Roles(Role.ADMIN)
  @Query(() => ContentPerformanceModel, {
    complexity: FieldCost.AGGREGATE,
    description:
      "Admins: what all content on the platform earned in one currency (default CNY), the platform's own counts in `verified` beside the reported figures.",
  })
  async platformPerformance(
    @CurrentViewer() viewer: Viewer,
    @Args('currency', { type: () => CurrencyCode, nullable: true }) currency: CurrencyCode | null,
  ): Promise<ContentPerformanceModel> {
    return ContentPerformanceModel.from(
      await this.performance.ofPlatform(viewer, currency ?? CurrencyCode.CNY),
    );
  }
}

/** Order.performance and dailyPerformance: anyone who sees the order sees what its content earned (batched per request). */
@Resolver(() => OrderModel)
export class OrderPerformanceResolver {
  @ResolveField(() => ContentPerformanceModel, { complexity: FieldCost.BATCHED_AGGREGATE })
  async performance(
    @Parent() order: OrderModel,
    @Ctx() ctx: RequestContext,
  ): Promise<ContentPerformanceModel> {
    return ContentPerformanceModel.from(await ctx.loaders.orderPerformance.load(order.id));
  }

  @ResolveField(() => [DailyPerformanceModel], {
    complexity: FieldCost.BATCHED_AGGREGATE,
    description: "The content's figures day by day, oldest first; empty until the first day is recorded.",
  })
  async dailyPerformance(
    @Parent() order: OrderModel,
    @Ctx() ctx: RequestContext,
  ): Promise<DailyPerformanceModel[]> {
    const days = await ctx.loaders.orderDailyPerformance.load(order.id);
    return days.map((figures) => DailyPerformanceModel.from(figures));
  }
}

/** Merchant.performance: the merchant's summary, for the merchant and admins. */
@Public()
@Resolver(() => MerchantModel)
export class MerchantPerformanceResolver {
  constructor(private readonly performanceService: PerformanceService) {}

  @Roles(Role.MERCHANT, Role.ADMIN)
  @ResolveField(() => ContentPerformanceModel, {
    complexity: FieldCost.BATCHED_AGGREGATE,
    nullable: true,
    description:
      "What the merchant's content earned over all its orders in one currency (default CNY; orders in other currencies are left out). Only the merchant and admins may read it.",
  })
  async performance(
    @Parent() merchant: MerchantModel,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('currency', { type: () => CurrencyCode, nullable: true }) currency: CurrencyCode | null,
  ): Promise<ContentPerformanceModel> {
    this.performanceService.assertMayReadMerchant(viewer, merchant.id);
    const key = { merchantId: merchant.id, currency: currency ?? CurrencyCode.CNY };
    return ContentPerformanceModel.from(await ctx.loaders.merchantPerformance.load(key));
  }
}

/** Creator.performance: the creator's summary over the orders they made content for, for the creator and admins. */
@Public()
@Resolver(() => CreatorModel)
export class CreatorPerformanceResolver {
  constructor(private readonly performanceService: PerformanceService) {}

  @Roles(Role.CREATOR, Role.ADMIN)
  @ResolveField(() => ContentPerformanceModel, {
    complexity: FieldCost.BATCHED_AGGREGATE,
    nullable: true,
    description:
      "What the creator's content earned over all their orders in one currency (default CNY; orders in other currencies are left out): the platform's own counts in `verified`, the rest as reported. Only the creator and admins may read it.",
  })
  async performance(
    @Parent() creator: CreatorModel,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('currency', { type: () => CurrencyCode, nullable: true }) currency: CurrencyCode | null,
  ): Promise<ContentPerformanceModel> {
    this.performanceService.assertMayReadCreator(viewer, creator.id);
    const key = { creatorId: creator.id, currency: currency ?? CurrencyCode.CNY };
    return ContentPerformanceModel.from(await ctx.loaders.creatorPerformance.load(key));
  }
}

/** CreatorStats.results: the track record's figures, verified where there are any (batched per request). */
@Public()
@Resolver(() => CreatorStatsModel)
export class CreatorResultsResolver {
  @ResolveField(() => CreatorResultsModel, {
    complexity: FieldCost.BATCHED_AGGREGATE,
    description:
      "What the creator's completed orders brought: verified figures where an order has any, reported ones otherwise.",
  })
  async results(
    @Parent() stats: CreatorStatsModel,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatorResultsModel> {
    return CreatorResultsModel.from(await ctx.loaders.creatorResults.load(stats.creatorId));
  }
}
