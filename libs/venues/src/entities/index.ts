import { VenueEnrollmentEntity } from './venue-enrollment.entity';
import { VenueSubmissionEntity } from './venue-submission.entity';
import { VenueEntity } from './venue.entity';

export { VenueEnrollmentEntity, VenueEntity, VenueSubmissionEntity };

export const VENUES_ENTITIES = [VenueEntity, VenueEnrollmentEntity, VenueSubmissionEntity];
