import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@vtask/accounts';
import { timerHandlers } from '@vtask/jobs';
import { MarketplaceModule, TasksService } from '@vtask/marketplace';
import { NotificationsModule } from '@vtask/notifications';
import { OrdersModule } from '@vtask/orders';
import { VENUES_ENTITIES } from './entities';
import { VenueEnrollmentsService } from './venue-enrollments.service';
import { VenueSubmissionsService } from './venue-submissions.service';
import { VenuesService } from './venues.service';
import { VenueTimers } from './venues.timers';

const SERVICES = [VenuesService, VenueEnrollmentsService, VenueSubmissionsService];

/** Venues (会场): import it where its services are needed (it is not global; it has no settings). */
@Module({
  imports: [
    TypeOrmModule.forFeature(VENUES_ENTITIES),
    AccountsModule,
    NotificationsModule,
    OrdersModule,
    MarketplaceModule,
  ],
  providers: [
    // Each acts through one conditional write on the venue row, so a timer that fires twice (two
    // instances, a retry after a crash) or too late changes nothing more.
    timerHandlers(VenueTimers, [VenuesService], (venues: VenuesService) => ({
      publishLineup: async ({ venueId }) => void (await venues.autoPublish(venueId)),
      remindDeadline: async ({ venueId }) => void (await venues.remindDeadline(venueId)),
    })),
    ...SERVICES,
    {
      // The market checks a task's deliverBy against its venue through this registration.
      provide: Symbol('venues: submission deadlines, for the market'),
      inject: [TasksService, VenuesService],
      useFactory: (tasks: TasksService, venues: VenuesService) =>
        tasks.useVenueDirectory({
          submissionDeadline: (manager, venueId) => venues.submissionDeadline(manager, venueId),
        }),
    },
  ],
  exports: SERVICES,
})
export class VenuesModule {}
