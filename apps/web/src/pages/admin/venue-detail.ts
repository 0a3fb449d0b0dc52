import type { VenueQuery } from '../../graphql/generated';

/** The venue as the admin's venue page loads it, and one of its submissions. */
export type VenueDetail = NonNullable<VenueQuery['venue']>;
export type SubmissionRow = VenueDetail['submissions']['nodes'][number];
