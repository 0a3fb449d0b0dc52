import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { Role, type Viewer } from '@vtask/core';
import { OrderLifecycleService, OrdersService } from '@vtask/orders';
import { CurrentViewer, Roles } from '../graphql/auth.decorators';
import {
  DeliverableModel,
  FundingResultModel,
  ResolveDisputeInput,
  ReviewModel,
  SubmitDeliverableInput,
} from './escrow.models';
import { OrderModel } from './orders.models';
import { PriceInputs } from '../graphql/price-inputs';

/** The order's life after creation: thin calls into OrderLifecycleService. */
@Resolver(() => OrderModel)
export class OrderLifecycleResolver {
  constructor(
    private readonly lifecycle: OrderLifecycleService,
    private readonly ordersService: OrdersService,
    private readonly prices: PriceInputs,
  ) {}

  @Roles(Role.MERCHANT)
  @Mutation(() => FundingResultModel)
  async fundOrder(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('idempotencyKey') idempotencyKey: string,
  ): Promise<FundingResultModel> {
    const outcome = await this.lifecycle.fund(viewer, orderId, idempotencyKey);
    return { ...outcome, order: await this.ordersService.findVisible(viewer, outcome.orderId) };
  }

  @Roles(Role.CREATOR)
  @Mutation(() => DeliverableModel)
  submitDeliverable(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: SubmitDeliverableInput,
  ): Promise<DeliverableModel> {
    return this.lifecycle.submitDeliverable(viewer, input);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => OrderModel)
  requestRevision(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('feedback') feedback: string,
  ): Promise<OrderModel> {
    return this.lifecycle.requestRevision(viewer, orderId, feedback);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => OrderModel, { description: 'Releases the escrow. A rating (1-5) reviews the creator.' })
  acceptDelivery(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('rating', { type: () => Int, nullable: true }) rating: number | null,
    @Args('comment', { type: () => String, nullable: true }) comment: string | null,
    @Args('idempotencyKey') idempotencyKey: string,
  ): Promise<OrderModel> {
    return this.lifecycle.acceptDelivery(viewer, orderId, { rating, comment }, idempotencyKey);
  }

  @Roles(Role.MERCHANT, Role.CREATOR)
  @Mutation(() => OrderModel)
  cancelOrder(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('reason') reason: string,
    @Args('idempotencyKey') idempotencyKey: string,
  ): Promise<OrderModel> {
    return this.lifecycle.cancel(viewer, orderId, reason, idempotencyKey);
  }

  @Roles(Role.MERCHANT, Role.CREATOR)
  @Mutation(() => OrderModel)
  openDispute(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('reason') reason: string,
  ): Promise<OrderModel> {
    return this.lifecycle.openDispute(viewer, orderId, reason);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => OrderModel)
  resolveDispute(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: ResolveDisputeInput,
    @Args('idempotencyKey') idempotencyKey: string,
  ): Promise<OrderModel> {
    return this.lifecycle.resolveDispute(
      viewer,
      {
        orderId: input.orderId,
        note: input.note,
        creatorAmount: this.prices.parse(input.creatorAmount, 'creatorAmount'),
      },
      idempotencyKey,
    );
  }

  @Roles(Role.CREATOR)
  @Mutation(() => ReviewModel, { description: 'The creator reviews the merchant of a COMPLETED order.' })
  reviewMerchant(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('rating', { type: () => Int }) rating: number,
    @Args('comment', { type: () => String, nullable: true }) comment: string | null,
  ): Promise<ReviewModel> {
    return this.lifecycle.reviewMerchant(viewer, orderId, rating, comment);
  }
}
