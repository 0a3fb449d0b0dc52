import type { OrderEntity } from '@vtask/orders';
import type { RequestContext } from '../graphql/request-context';

/** An order reached through another object (a bid, an invitation): shown only to its parties and admins. */
export async function visibleOrder(ctx: RequestContext, orderId: string | null): Promise<OrderEntity | null> {
  if (!orderId) return null;
  const order = await ctx.loaders.orders.load(orderId);
  return order && ctx.loaders.canSeeOrder(ctx.viewer, order) ? order : null;
}
