import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { timerHandlers } from '@vtask/jobs';
import { VENUE_DIRECTORY, type VenueDirectory } from '@vtask/marketplace';
import { VENUES_ENTITIES } from './entities';
import { VenueEnrollmentsService } from './venue-enrollments.service';
import { VenueSubmissionsService } from './venue-submissions.service';
import { VenuesService } from './venues.service';
import { VenueTimers } from './venues.timers';

const SERVICES = [VenuesService, VenueEnrollmentsService, VenueSubmissionsService];

@Module({})
export class VenuesModule {
  static forRoot(): DynamicModule {
    return {
      module: VenuesModule,
      global: true,
      imports: [TypeOrmModule.forFeature(VENUES_ENTITIES)],
      providers: [
        // Each acts through one conditional write on the venue row, so a timer that fires twice (two
        // instances, a retry after a crash) or too late changes nothing more.
        timerHandlers(VenueTimers, [VenuesService], (venues: VenuesService) => ({
          publishLineup: async ({ venueId }) => void (await venues.autoPublish(venueId)),
          remindDeadline: async ({ venueId }) => void (await venues.remindDeadline(venueId)),
        })),
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
      exports: [...SERVICES, VENUE_DIRECTORY],
    };
  }
}
