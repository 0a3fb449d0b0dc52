import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Viewer } from '@vtask/core';
import { orderEventNote, OrdersErrors, OrdersService, OrderStatus, type OrderEntity } from '@vtask/orders';
import { CreatorModel, MerchantModel, UserModel } from '../accounts/accounts.models';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import { MoneyModel, toConnection, type ConnectionShape } from '../graphql/common.models';
import type { RequestContext } from '../graphql/request-context';
import { SelectsTotal } from '../graphql/selects-total';
import { OfferModel, TaskModel } from '../marketplace/marketplace.models';
import { DeliverableModel, EscrowModel, ReviewModel } from './escrow.models';
import { OrderConnection, OrderEventModel, OrderModel } from './orders.models';
import { visibleOrder } from './visible-order';

@Resolver(() => OrderModel)
export class OrderResolver {
  constructor(private readonly ordersService: OrdersService) {}

  @Query(() => OrderModel, { nullable: true })
  order(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<OrderModel> {
    return this.ordersService.findVisible(viewer, id);
  }

  @Query(() => OrderConnection, { description: "The signed-in creator's, merchant's or agency's orders." })
  async myOrders(
    @CurrentViewer() viewer: Viewer,
    @Args('status', { type: () => OrderStatus, nullable: true }) status: OrderStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @SelectsTotal() withTotal: boolean,
  ): Promise<ConnectionShape<OrderModel>> {
    const page = await this.ordersService.myOrders(viewer, status, { first, after, withTotal });
    return toConnection(page, (row) => row);
  }

  @Roles(Role.ADMIN)
  @Query(() => OrderConnection, {
    description: 'Admin: every order, e.g. the DISPUTED ones awaiting a decision.',
  })
  async orders(
    @Args('status', { type: () => OrderStatus, nullable: true }) status: OrderStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<OrderModel>> {
    return toConnection(await this.ordersService.allOrders(status, { first, after }), (row) => row);
  }

  @ResolveField(() => TaskModel, { nullable: true })
  task(@Parent() order: OrderModel, @Ctx() ctx: RequestContext) {
    return order.taskId ? ctx.loaders.tasks.load(order.taskId) : null;
  }

  @ResolveField(() => OfferModel, { nullable: true })
  offer(@Parent() order: OrderModel, @Ctx() ctx: RequestContext) {
    return order.offerId ? ctx.loaders.offers.load(order.offerId) : null;
  }

  @ResolveField(() => MerchantModel)
  merchant(@Parent() order: OrderModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.merchants.load(order.merchantId);
  }

  @ResolveField(() => CreatorModel)
  creator(@Parent() order: OrderModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.creators.load(order.creatorId);
  }

  @ResolveField(() => MoneyModel)
  price(@Parent() order: OrderModel): MoneyModel {
    return MoneyModel.of(order.priceMinor, order.currency);
  }

  @ResolveField(() => MoneyModel)
  platformFee(@Parent() order: OrderModel): MoneyModel {
    return MoneyModel.of(order.platformFeeMinor, order.currency);
  }

  @ResolveField(() => MoneyModel, {
    description: "Part of the creator's earnings that goes to their agency.",
  })
  agencyShare(@Parent() order: OrderModel): MoneyModel {
    return MoneyModel.of(order.agencyShareMinor, order.currency);
  }

  @ResolveField(() => MoneyModel, {
    description: 'What the creator receives: price - platformFee - agencyShare.',
  })
  creatorPayout(@Parent() order: OrderModel): MoneyModel {
    return MoneyModel.of(order.creatorPayoutMinor, order.currency);
  }

  @ResolveField(() => EscrowModel)
  async escrow(@Parent() order: OrderModel, @Ctx() ctx: RequestContext): Promise<EscrowModel> {
    const view = await ctx.loaders.escrow.load(order as OrderEntity);
    return {
      status: view.status,
      held: MoneyModel.from(view.held),
      released: MoneyModel.from(view.released),
      refunded: MoneyModel.from(view.refunded),
      paymentReference: view.paymentReference,
    };
  }

  @ResolveField(() => [DeliverableModel])
  deliverables(@Parent() order: OrderModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.deliverables.load(order.id);
  }

  @ResolveField(() => ReviewModel, {
    nullable: true,
    description: "The merchant's review of the creator, given with acceptDelivery.",
  })
  reviewOfCreator(@Parent() order: OrderModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.reviewOfCreator.load(order.id);
  }

  @ResolveField(() => ReviewModel, { nullable: true, description: "The creator's review of the merchant." })
  reviewOfMerchant(@Parent() order: OrderModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.reviewOfMerchant.load(order.id);
  }

  @ResolveField(() => [OrderEventModel])
  events(@Parent() order: OrderModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.orderEvents.load(order.id);
  }
}

@Public()
@Resolver(() => OrderEventModel)
export class OrderEventResolver {
  @ResolveField(() => UserModel, { nullable: true, description: 'Null when the system acted (a timer).' })
  actor(@Parent() event: OrderEventModel, @Ctx() ctx: RequestContext) {
    return event.actorUserId ? ctx.loaders.users.load(event.actorUserId) : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'What happened, in the reader\'s language and zone ("已扣款（Stripe，ch_…）"); a person\'s words (a reason, feedback) as typed.',
  })
  note(@Parent() event: OrderEventModel, @Ctx() ctx: RequestContext): string | null {
    return orderEventNote(event, ctx.reader);
  }
}

@Resolver(() => DeliverableModel)
export class DeliverableResolver {
  /** A deliverable can be public (a published venue lineup features it); its order stays with its parties. */
  @ResolveField(() => OrderModel)
  async order(@Parent() deliverable: DeliverableModel, @Ctx() ctx: RequestContext) {
    const order = await visibleOrder(ctx, deliverable.orderId);
    if (!order) throw OrdersErrors.notFound();
    return order;
  }
}
