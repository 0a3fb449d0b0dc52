import { Injectable } from '@nestjs/common';
import { hasPassed } from '@vtask/database';
import { TimersService } from '@vtask/jobs';
import type { EntityManager } from 'typeorm';
import type { VenueEntity } from './entities/venue.entity';

export const VENUE_TIMERS = Symbol('VENUE_TIMERS');

export const PUBLISH_LINEUP = 'venues.publish-lineup-at-go-live';
export const REMIND_DEADLINE = 'venues.remind-submission-deadline';

/** How long before the submission deadline enrolled users are reminded (SPEC: 24 h). */
export const DEADLINE_REMINDER_LEAD_SECONDS = 24 * 3600;

/** The venue's durable timers, written in the transaction that creates the venue. */
export interface VenueTimers {
  /**
   * At goLiveAt: publish the lineup if nobody did. At submissionDeadline - 24 h: remind enrolled
   * users (not scheduled when that moment has already passed). Keys carry the moment, so arming a
   * venue again after its timeline changed adds timers for the new moments and repeats none.
   */
  arm(manager: EntityManager, venue: VenueEntity): Promise<void>;
  /** Cancels the timers `arm` scheduled for the venue's current moments (before its timeline moves). */
  disarm(manager: EntityManager, venue: VenueEntity): Promise<void>;
}

@Injectable()
export class VenueTimerScheduler implements VenueTimers {
  constructor(private readonly timers: TimersService) {}

  async arm(manager: EntityManager, venue: VenueEntity): Promise<void> {
    await this.timers.schedule(
      PUBLISH_LINEUP,
      { venueId: venue.id },
      venue.goLiveAt,
      timerKey(venue, venue.goLiveAt),
      {
        manager,
      },
    );
    const remindAt = reminderTime(venue);
    if (!(await hasPassed(manager, remindAt))) {
      await this.timers.schedule(
        REMIND_DEADLINE,
        { venueId: venue.id },
        remindAt,
        timerKey(venue, remindAt),
        { manager },
      );
    }
  }

  async disarm(manager: EntityManager, venue: VenueEntity): Promise<void> {
    await this.timers.cancel(PUBLISH_LINEUP, timerKey(venue, venue.goLiveAt), { manager });
    await this.timers.cancel(REMIND_DEADLINE, timerKey(venue, reminderTime(venue)), { manager });
  }
}

export function reminderTime(venue: Pick<VenueEntity, 'submissionDeadline'>): Date {
  return new Date(venue.submissionDeadline.getTime() - DEADLINE_REMINDER_LEAD_SECONDS * 1000);
}

/** One firing of a venue timer: the venue and the moment it fires at. */
function timerKey(venue: Pick<VenueEntity, 'id'>, at: Date): string {
  return `${venue.id}:${at.toISOString()}`;
}
