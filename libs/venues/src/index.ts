export { VENUES_ENTITIES } from './entities';
export type { VenueEntity, VenueSubmissionEntity } from './entities';
export { VenueEnrollmentsService } from './venue-enrollments.service';
export { VenueSubmissionsService } from './venue-submissions.service';
export { VenuesModule } from './venues.module';
export { VenuesService } from './venues.service';
export type { CreateVenueCommand } from './venues.service';
export {
  EnrollmentStatus,
  SubmissionDecision,
  SubmissionStatus,
  VenueKind,
  VenuePhase,
} from './venues.states';
export { armVenueTimers, disarmVenueTimers } from './venues.timers';
