import {
  Args,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import type { Viewer } from '@vtask/core';
import { notificationMessage, NotificationsService } from '@vtask/notifications';
import { CurrentViewer, Ctx } from '../graphql/auth.decorators';
import { toConnection, type ConnectionShape } from '../graphql/common.models';
import type { RequestContext } from '../graphql/request-context';
import { SelectsTotal } from '../graphql/selects-total';
import { pushed } from '../graphql/subscriptions';
import { TaskModel } from '../marketplace/marketplace.models';
import { OrderModel } from '../orders/orders.models';
import { visibleOrder } from '../orders/visible-order';
import { VenueModel } from '../venues/venues.models';
import { NotificationConnection, NotificationModel } from './notifications.models';

/** The signed-in user's notifications: stored, and pushed live as they are raised. */
@Resolver(() => NotificationModel)
export class NotificationResolver {
  constructor(private readonly notificationsService: NotificationsService) {}

  @Query(() => NotificationConnection)
  async notifications(
    @CurrentViewer() viewer: Viewer,
    @Args('unreadOnly', { type: () => Boolean, nullable: true }) unreadOnly: boolean | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @SelectsTotal() withTotal: boolean,
  ): Promise<ConnectionShape<NotificationModel>> {
    const page = await this.notificationsService.list(viewer, unreadOnly ?? false, {
      first,
      after,
      withTotal,
    });
    return toConnection(page, (row) => row);
  }

  @Mutation(() => Int)
  markNotificationsRead(
    @CurrentViewer() viewer: Viewer,
    @Args('ids', { type: () => [ID] }) ids: string[],
  ): Promise<number> {
    return this.notificationsService.markRead(viewer, ids);
  }

  @Mutation(() => Int, {
    description: "Marks every one of the viewer's unread notifications read; returns how many.",
  })
  markAllNotificationsRead(@CurrentViewer() viewer: Viewer): Promise<number> {
    return this.notificationsService.markAllRead(viewer);
  }

  @Subscription(() => NotificationModel, {
    description:
      "Fires for the subscriber's own notifications, on whichever server instance they were raised.",
    resolve: pushed,
  })
  notificationAdded(@CurrentViewer() viewer: Viewer): AsyncIterableIterator<NotificationModel> {
    return this.notificationsService.added(viewer);
  }

  /** Written for the reader: their language, times in their zone (query and live push alike). */
  @ResolveField(() => String)
  message(@Parent() notification: NotificationModel, @Ctx() ctx: RequestContext): string {
    return notificationMessage(notification, ctx.reader);
  }

  @ResolveField(() => Boolean)
  read(@Parent() notification: NotificationModel): boolean {
    return notification.readAt !== null;
  }

  /** The objects a notification is about, each only if the viewer may see it now. */
  @ResolveField(() => OrderModel, { nullable: true })
  order(@Parent() notification: NotificationModel, @Ctx() ctx: RequestContext) {
    return visibleOrder(ctx, notification.orderId);
  }

  @ResolveField(() => TaskModel, { nullable: true })
  async task(@Parent() notification: NotificationModel, @Ctx() ctx: RequestContext) {
    if (!notification.taskId) return null;
    const task = await ctx.loaders.tasks.load(notification.taskId);
    return task && (await ctx.loaders.canSeeTask(ctx.viewer, task)) ? task : null;
  }

  @ResolveField(() => VenueModel, { nullable: true })
  venue(@Parent() notification: NotificationModel, @Ctx() ctx: RequestContext) {
    return notification.venueId ? ctx.loaders.venues.load(notification.venueId) : null;
  }
}
