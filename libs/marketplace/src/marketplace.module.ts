import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@vtask/accounts';
import { configuredModule } from '@vtask/database';
import { timerHandlers } from '@vtask/jobs';
import { NotificationsModule } from '@vtask/notifications';
import { OrdersModule, OrdersService } from '@vtask/orders';
import { BidsService } from './bids.service';
import { MARKETPLACE_ENTITIES } from './entities';
import { INVITATION_OPTIONS, InvitationsService, type InvitationOptions } from './invitations.service';
import { MarketplaceNotifier, orderTitles } from './marketplace.notifications';
import { MarketplaceTimers } from './marketplace.timers';
import { OffersService } from './offers.service';
import { TaskEditingService } from './task-editing.service';
import { SlotReturnsService } from './slot-returns.service';
import { TasksService } from './tasks.service';

const SERVICES = [TasksService, TaskEditingService, BidsService, InvitationsService, OffersService];

/** The market: import it where its services are needed (it is not global); configured by `forRoot`. */
@Module({
  imports: [
    TypeOrmModule.forFeature(MARKETPLACE_ENTITIES),
    AccountsModule,
    NotificationsModule,
    OrdersModule,
  ],
  providers: [
    // Each handler re-checks the row under a lock: a timer that fires after the merchant closed
    // the task (or the creator answered) changes nothing.
    timerHandlers(
      MarketplaceTimers,
      [TasksService, InvitationsService],
      (tasks: TasksService, invitations: InvitationsService) => ({
        closeTaskAtApplyBy: ({ taskId }) => tasks.closeAtApplyBy(taskId),
        expireInvitation: ({ invitationId }) => invitations.expire(invitationId),
      }),
    ),
    MarketplaceNotifier,
    SlotReturnsService,
    ...SERVICES,
    {
      // Orders name themselves in their notifications by their task's or offer's title.
      provide: Symbol('marketplace: order titles, for orders'),
      inject: [OrdersService],
      useFactory: (orders: OrdersService) => orders.nameOrdersWith(orderTitles),
    },
  ],
  exports: SERVICES,
})
export class MarketplaceModule {
  /** For the composition root (apps/api/src/domain.modules.ts). */
  static forRoot(options: InvitationOptions): DynamicModule {
    return configuredModule(MarketplaceModule, [{ provide: INVITATION_OPTIONS, useValue: options }]);
  }
}
