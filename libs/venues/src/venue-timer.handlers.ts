import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TimersService } from '@vtask/jobs';
import { PUBLISH_LINEUP, REMIND_DEADLINE } from './venues.timers';
import { VenuesService } from './venues.service';

/**
 * What the venue timers do when they fire. Each acts through one conditional write on the venue row,
 * so a timer that fires twice (two instances, a retry after a crash) or too late changes nothing more.
 */
@Injectable()
export class VenueTimerHandlers implements OnModuleInit {
  constructor(
    private readonly timers: TimersService,
    private readonly venues: VenuesService,
  ) {}

  onModuleInit(): void {
    this.timers.handle<{ venueId: string }>(PUBLISH_LINEUP, async ({ venueId }) => {
      await this.venues.autoPublish(venueId);
    });
    this.timers.handle<{ venueId: string }>(REMIND_DEADLINE, async ({ venueId }) => {
      await this.venues.remindDeadline(venueId);
    });
  }
}
