import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VENUE_DIRECTORY, type VenueDirectory } from '@vtask/marketplace';
import { VENUES_ENTITIES } from './entities';
import { VenueEnrollmentsService } from './venue-enrollments.service';
import { VenueSubmissionsService } from './venue-submissions.service';
import { VenueTimerHandlers } from './venue-timer.handlers';
import { VenuesService } from './venues.service';
import { VENUE_TIMERS, VenueTimerScheduler } from './venues.timers';

const SERVICES = [VenuesService, VenueEnrollmentsService, VenueSubmissionsService];

@Module({})
export class VenuesModule {
  static forRoot(): DynamicModule {
    return {
      module: VenuesModule,
      global: true,
      imports: [TypeOrmModule.forFeature(VENUES_ENTITIES)],
      providers: [
        { provide: VENUE_TIMERS, useClass: VenueTimerScheduler },
        VenueTimerHandlers,
        ...SERVICES,
        {
          // The market checks a task's deliverBy against its venue through this port (it cannot import venues).
          provide: VENUE_DIRECTORY,
          inject: [VenuesService],
          useFactory: (venues: VenuesService): VenueDirectory => ({
            submissionDeadline: (manager, venueId) => venues.submissionDeadline(manager, venueId),
          }),
        },
      ],
      exports: [...SERVICES, VENUE_TIMERS, VENUE_DIRECTORY],
    };
  }
}
