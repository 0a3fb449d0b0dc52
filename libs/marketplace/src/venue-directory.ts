import type { EntityManager } from 'typeorm';

/**
 * Where the venues lib tells the market a venue's submission deadline (null: no such venue), registered
 * with `TasksService.useVenueDirectory`: the market cannot import venues, which depends on it.
 */
export interface VenueDirectory {
  submissionDeadline(manager: EntityManager, venueId: string): Promise<Date | null>;
}
