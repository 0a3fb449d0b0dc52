import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Viewer } from '@vtask/core';
import { BidsService, BidStatus } from '@vtask/marketplace';
import { CreatorModel } from '../accounts/accounts.models';
import { Ctx, CurrentViewer, Roles } from '../graphql/auth.decorators';
import { MoneyModel, toConnection, type ConnectionShape } from '../graphql/common.models';
import type { RequestContext } from '../graphql/request-context';
import { OrderModel } from '../orders/orders.models';
import { visibleOrder } from '../orders/visible-order';
import { PlaceBidInput } from './marketplace.inputs';
import { BidConnection, BidModel, TaskModel } from './marketplace.models';
import { PriceInputs } from '../graphql/price-inputs';

@Resolver(() => BidModel)
export class BidResolver {
  constructor(
    private readonly bidsService: BidsService,
    private readonly prices: PriceInputs,
  ) {}

  @Roles(Role.CREATOR)
  @Query(() => BidConnection)
  async myBids(
    @CurrentViewer() viewer: Viewer,
    @Args('status', { type: () => BidStatus, nullable: true }) status: BidStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<BidModel>> {
    return toConnection(await this.bidsService.mine(viewer, status, { first, after }), (row) => row);
  }

  @Roles(Role.CREATOR)
  @Mutation(() => BidModel)
  placeBid(@CurrentViewer() viewer: Viewer, @Args('input') input: PlaceBidInput): Promise<BidModel> {
    return this.bidsService.place(viewer, {
      taskId: input.taskId,
      pitch: input.pitch,
      price: this.prices.parse(input.price, 'price'),
    });
  }

  @Roles(Role.CREATOR)
  @Mutation(() => BidModel)
  withdrawBid(
    @CurrentViewer() viewer: Viewer,
    @Args('bidId', { type: () => ID }) bidId: string,
  ): Promise<BidModel> {
    return this.bidsService.withdraw(viewer, bidId);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => OrderModel, { description: "Creates an order for the bid's creator at the bid's price." })
  acceptBid(
    @CurrentViewer() viewer: Viewer,
    @Args('bidId', { type: () => ID }) bidId: string,
  ): Promise<OrderModel> {
    return this.bidsService.accept(viewer, bidId);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => BidModel)
  rejectBid(
    @CurrentViewer() viewer: Viewer,
    @Args('bidId', { type: () => ID }) bidId: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ): Promise<BidModel> {
    return this.bidsService.reject(viewer, bidId, reason);
  }

  @ResolveField(() => TaskModel)
  task(@Parent() bid: BidModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.tasks.load(bid.taskId);
  }

  @ResolveField(() => CreatorModel)
  creator(@Parent() bid: BidModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.creators.load(bid.creatorId);
  }

  @ResolveField(() => MoneyModel)
  price(@Parent() bid: BidModel): MoneyModel {
    return MoneyModel.of(bid.priceMinor, bid.currency);
  }

  @ResolveField(() => OrderModel, {
    nullable: true,
    description: 'The order created when the bid was accepted.',
  })
  order(@Parent() bid: BidModel, @Ctx() ctx: RequestContext) {
    return visibleOrder(ctx, bid.orderId);
  }
}
