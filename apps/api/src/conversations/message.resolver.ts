import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { MessagesService } from '@vtask/conversations';
import type { Viewer } from '@vtask/core';
import DataLoader from 'dataloader';
import { UserModel } from '../accounts/accounts.models';
import { CurrentViewer, Ctx } from '../graphql/auth.decorators';
import { toConnection, type ConnectionShape } from '../graphql/common.models';
import type { RequestContext } from '../graphql/request-context';
import { pushed } from '../graphql/subscriptions';
import { BidModel } from '../marketplace/marketplace.models';
import { OrderModel } from '../orders/orders.models';
import { MessageConnection, MessageModel } from './messages.models';

@Resolver(() => MessageModel)
export class MessageResolver {
  constructor(private readonly messages: MessagesService) {}

  @Mutation(() => MessageModel, {
    description:
      "The order's merchant or creator (or the creator's agency); at most 4,000 characters and 10 attachments.",
  })
  sendOrderMessage(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('body') body: string,
    @Args('attachments', { type: () => [String], nullable: true }) attachments: string[] | null,
  ) {
    return this.messages.send(viewer, { orderId }, { body, attachments });
  }

  @Mutation(() => MessageModel, {
    description: "The task's merchant or the bidder, while the bid is PENDING.",
  })
  sendBidMessage(
    @CurrentViewer() viewer: Viewer,
    @Args('bidId', { type: () => ID }) bidId: string,
    @Args('body') body: string,
    @Args('attachments', { type: () => [String], nullable: true }) attachments: string[] | null,
  ) {
    return this.messages.send(viewer, { bidId }, { body, attachments });
  }

  @Mutation(() => Int, { description: "Marks the viewer's unread messages of one order or one bid as read." })
  markMessagesRead(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID, nullable: true }) orderId: string | null,
    @Args('bidId', { type: () => ID, nullable: true }) bidId: string | null,
  ): Promise<number> {
    return this.messages.markRead(viewer, MessagesService.ref(orderId, bidId));
  }

  @Subscription(() => MessageModel, {
    description: 'New messages on an order or bid the subscriber is party to.',
    resolve: pushed,
  })
  messageAdded(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID, nullable: true }) orderId: string | null,
    @Args('bidId', { type: () => ID, nullable: true }) bidId: string | null,
  ) {
    return this.messages.added(viewer, MessagesService.ref(orderId, bidId));
  }

  @ResolveField(() => UserModel)
  author(@Parent() message: MessageModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.users.load(message.authorUserId);
  }
}

/** Per request: unread counts of every order or bid of a list in one query. */
const unreadLoaders = new WeakMap<RequestContext, DataLoader<string, number>>();

function unreadOf(ctx: RequestContext, messages: MessagesService, threadId: string): Promise<number> {
  let loader = unreadLoaders.get(ctx);
  if (!loader) {
    const userId = ctx.viewer!.userId;
    loader = new DataLoader(async (threadIds) => {
      const counts = await messages.unreadCounts(userId, threadIds);
      return threadIds.map((id) => counts.get(id) ?? 0);
    });
    unreadLoaders.set(ctx, loader);
  }
  return loader.load(threadId);
}

const orderThreadLoaders = new WeakMap<RequestContext, DataLoader<string, string>>();

function threadOfOrder(ctx: RequestContext, messages: MessagesService, orderId: string): Promise<string> {
  let loader = orderThreadLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (orderIds) => {
      const ids = await messages.threadIdsOfOrders(orderIds);
      return orderIds.map((id) => ids.get(id) ?? id);
    });
    orderThreadLoaders.set(ctx, loader);
  }
  return loader.load(orderId);
}

@Resolver(() => OrderModel)
export class OrderMessagesResolver {
  constructor(private readonly conversations: MessagesService) {}

  @ResolveField(() => MessageConnection, { description: 'Newest last.' })
  async messages(
    @Parent() order: OrderModel,
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<MessageModel>> {
    const page = await this.conversations.list(viewer, { orderId: order.id }, { first, after });
    return toConnection(page, (row) => row);
  }

  @ResolveField(() => Int, { description: 'Messages from the other party the viewer has not read.' })
  async unreadMessages(@Parent() order: OrderModel, @Ctx() ctx: RequestContext): Promise<number> {
    return unreadOf(ctx, this.conversations, await threadOfOrder(ctx, this.conversations, order.id));
  }
}

@Resolver(() => BidModel)
export class BidMessagesResolver {
  constructor(private readonly conversations: MessagesService) {}

  @ResolveField(() => MessageConnection, {
    description:
      'Before acceptance the merchant and the bidder can talk about the bid; the thread carries on into the order.',
  })
  async messages(
    @Parent() bid: BidModel,
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<MessageModel>> {
    const page = await this.conversations.list(viewer, { bidId: bid.id }, { first, after });
    return toConnection(page, (row) => row);
  }

  @ResolveField(() => Int)
  unreadMessages(@Parent() bid: BidModel, @Ctx() ctx: RequestContext): Promise<number> {
    return unreadOf(ctx, this.conversations, bid.id);
  }
}
