import { Float, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CreatorModel, MerchantModel } from '../accounts/accounts.models';
import { Ctx, Public } from '../graphql/auth.decorators';
import type { RequestContext } from '../graphql/request-context';
import { CreatorStatsModel } from './escrow.models';
import { FieldCost } from '../graphql/limits';

/** Creator.stats: the track record from completed orders and merchants' reviews. */
@Public()
@Resolver(() => CreatorModel)
export class CreatorStatsResolver {
  @ResolveField(() => CreatorStatsModel)
  async stats(@Parent() creator: CreatorModel, @Ctx() ctx: RequestContext): Promise<CreatorStatsModel> {
    const stats = await ctx.loaders.creatorStats.load(creator.id);
    return {
      creatorId: creator.id,
      completedOrders: stats?.completedOrders ?? 0,
      onTimeRate: stats?.onTimeRate ?? null,
      averageRating: stats?.averageRating ?? null,
      cancelledByCreator: stats?.cancelledByCreator ?? 0,
      lateDeliveries: stats?.lateDeliveries ?? 0,
    };
  }
}

/** Merchant.averageRating: what creators rated the merchant. */
@Public()
@Resolver(() => MerchantModel)
export class MerchantRatingResolver {
  @ResolveField(() => Float, {
    complexity: FieldCost.LOOKUP,
    nullable: true,
    description: 'Rating given by creators, 1-5; null before the first review.',
  })
  averageRating(@Parent() merchant: MerchantModel, @Ctx() ctx: RequestContext): Promise<number | null> {
    return ctx.loaders.merchantRatings.load(merchant.id);
  }
}
