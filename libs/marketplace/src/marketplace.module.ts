import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ORDER_TITLES } from '@vtask/orders';
import { BidsService } from './bids.service';
import { MARKETPLACE_ENTITIES } from './entities';
import { INVITATION_OPTIONS, InvitationsService, type InvitationOptions } from './invitations.service';
import { MarketplaceTimerHandlers } from './marketplace-timer.handlers';
import { MarketplaceNotifier, orderTitles } from './marketplace.notifications';
import { MARKETPLACE_TIMERS, MarketplaceTimerScheduler } from './marketplace.timers';
import { OffersService } from './offers.service';
import { TasksService } from './tasks.service';

const SERVICES = [TasksService, BidsService, InvitationsService, OffersService];

@Module({})
export class MarketplaceModule {
  static forRoot(options: InvitationOptions): DynamicModule {
    return {
      module: MarketplaceModule,
      global: true,
      imports: [TypeOrmModule.forFeature(MARKETPLACE_ENTITIES)],
      providers: [
        { provide: INVITATION_OPTIONS, useValue: options },
        { provide: MARKETPLACE_TIMERS, useClass: MarketplaceTimerScheduler },
        MarketplaceTimerHandlers,
        MarketplaceNotifier,
        ...SERVICES,
        // Orders name themselves in their notifications by their task's or offer's title through this port.
        { provide: ORDER_TITLES, useValue: orderTitles },
      ],
      exports: [...SERVICES, ORDER_TITLES],
    };
  }
}
