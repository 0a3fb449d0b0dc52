import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { timerHandlers } from '@vtask/jobs';
import { ORDER_TITLES } from '@vtask/orders';
import { BidsService } from './bids.service';
import { MARKETPLACE_ENTITIES } from './entities';
import { INVITATION_OPTIONS, InvitationsService, type InvitationOptions } from './invitations.service';
import { MarketplaceNotifier, orderTitles } from './marketplace.notifications';
import { MarketplaceTimers } from './marketplace.timers';
import { OffersService } from './offers.service';
import { TaskEditingService } from './task-editing.service';
import { TasksService } from './tasks.service';

const SERVICES = [TasksService, TaskEditingService, BidsService, InvitationsService, OffersService];

@Module({})
export class MarketplaceModule {
  static forRoot(options: InvitationOptions): DynamicModule {
    return {
      module: MarketplaceModule,
      global: true,
      imports: [TypeOrmModule.forFeature(MARKETPLACE_ENTITIES)],
      providers: [
        { provide: INVITATION_OPTIONS, useValue: options },
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
        ...SERVICES,
        // Orders name themselves in their notifications by their task's or offer's title through this port.
        { provide: ORDER_TITLES, useValue: orderTitles },
      ],
      exports: [...SERVICES, ORDER_TITLES],
    };
  }
}
