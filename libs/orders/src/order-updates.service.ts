import { Injectable, Logger } from '@nestjs/common';
import type { Viewer } from '@vtask/core';
import { LiveEvents, liveStream, LiveTopic } from '@vtask/notifications';
import type { OrderEntity } from './entities/order.entity';
import { OrdersService } from './orders.service';

/** The live side of orders: each change of an order's status, for the `orderUpdated` subscription. */
@Injectable()
export class OrderUpdatesService {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly orders: OrdersService,
    private readonly live: LiveEvents,
  ) {}

  /**
   * The order each time its status changes, on whichever server instance, for a viewer who may see it:
   * its parties and admins (anyone else gets NOT_FOUND, as for `order`). Each change is loaded fresh and
   * checked again; the state already sent is not sent twice (two quick changes may arrive as the latest
   * one). After a lost listening connection the order is reloaded and sent if it changed meanwhile.
   */
  async watch(viewer: Viewer, orderId: string): Promise<AsyncIterableIterator<OrderEntity>> {
    // Listening before reading: a change committed between the check and the first event is not lost.
    const subscription = this.live.subscribe(LiveTopic.order(orderId));
    let last: string;
    try {
      last = stateOf(await this.orders.findVisible(viewer, orderId));
    } catch (error) {
      await subscription.return();
      throw error;
    }
    return liveStream(
      subscription,
      async () => {
        const [order] = await this.orders.byIds([orderId]);
        if (!order || !this.orders.canSee(viewer, order) || stateOf(order) === last) return [];
        last = stateOf(order);
        return [order];
      },
      (error) => this.logger.error(`a live order update was not sent: ${String(error)}`),
    );
  }
}

function stateOf(order: OrderEntity): string {
  return `${order.status}@${order.updatedAt.toISOString()}`;
}
