import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import type { Viewer } from '@vtask/core';
import { OrderUpdatesService } from '@vtask/orders';
import { CurrentViewer } from '../graphql/auth.decorators';
import { pushed } from '../graphql/subscriptions';
import { OrderModel } from './orders.models';

/** An order's changes, live: to its parties and admins (NOT_FOUND for anyone else, as `order`). */
@Resolver()
export class OrderUpdatesResolver {
  constructor(private readonly updates: OrderUpdatesService) {}

  @Subscription(() => OrderModel, {
    description: 'Fires when an order the subscriber is party to changes status.',
    resolve: pushed,
  })
  orderUpdated(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
  ): Promise<AsyncIterableIterator<OrderModel>> {
    return this.updates.watch(viewer, orderId);
  }
}
