import { hasPassed } from '@vtask/database';
import { defineTimer, type Timers, type TimerTable } from '@vtask/jobs';
import type { EntityManager } from 'typeorm';
import type { VenueEntity } from './entities/venue.entity';

/** How long before the submission deadline enrolled users are reminded (SPEC: 24 h). */
export const DEADLINE_REMINDER_LEAD_SECONDS = 24 * 3600;

/**
 * The venue's durable timers (see `defineTimer` in libs/jobs), written in the transaction that creates
 * the venue; their handlers are registered in venues.module.ts. Keys carry the moment, so arming a venue
 * again after its timeline changed adds timers for the new moments and repeats none.
 */
export const VenueTimers = {
  /** At goLiveAt: publish the lineup if nobody did. */
  publishLineup: defineTimer<{ venueId: string }>({
    name: 'venues.publish-lineup-at-go-live',
    key: ({ venueId }, at) => `${venueId}:${at.toISOString()}`,
  }),
  /** At submissionDeadline - 24 h: remind enrolled users who have not submitted. */
  remindDeadline: defineTimer<{ venueId: string }>({
    name: 'venues.remind-submission-deadline',
    key: ({ venueId }, at) => `${venueId}:${at.toISOString()}`,
  }),
} satisfies TimerTable;

/**
 * Schedules the venue's timers for its current moments; the reminder is not scheduled when its
 * moment has already passed (database clock).
 */
export async function armVenueTimers(
  timers: Timers,
  manager: EntityManager,
  venue: VenueEntity,
): Promise<void> {
  const payload = { venueId: venue.id };
  await timers.schedule(VenueTimers.publishLineup, payload, venue.goLiveAt, { manager });
  const remindAt = reminderTime(venue);
  if (!(await hasPassed(manager, remindAt))) {
    await timers.schedule(VenueTimers.remindDeadline, payload, remindAt, { manager });
  }
}

/** Cancels the timers `armVenueTimers` scheduled for the venue's current moments (before its timeline moves). */
export async function disarmVenueTimers(
  timers: Timers,
  manager: EntityManager,
  venue: VenueEntity,
): Promise<void> {
  const payload = { venueId: venue.id };
  await timers.cancel(VenueTimers.publishLineup, payload, venue.goLiveAt, { manager });
  await timers.cancel(VenueTimers.remindDeadline, payload, reminderTime(venue), { manager });
}

function reminderTime(venue: Pick<VenueEntity, 'submissionDeadline'>): Date {
  return new Date(venue.submissionDeadline.getTime() - DEADLINE_REMINDER_LEAD_SECONDS * 1000);
}
