import { DomainError, ErrorCode } from '@vtask/core';

export const VenuesErrors = {
  venueNotFound: () => DomainError.notFound('Venue'),
  enrollmentNotFound: () => DomainError.notFound('Enrollment'),
  submissionNotFound: () => DomainError.notFound('Submission'),
  /** The same answer for "no such order" and "not yours", so ids cannot be probed. */
  orderNotFound: () => DomainError.notFound('Order'),
  adminOnly: () => DomainError.forbidden('Only platform staff manage venues.'),
  notAParticipantRole: () => DomainError.forbidden('Only merchants and creators take part in venues.'),
  recruitmentNotOpen: (opensAt: Date) =>
    DomainError.conflict(`Enrollment in this venue opens at ${opensAt.toISOString()}.`),
  recruitmentClosed: (closedAt: Date) =>
    new DomainError(
      ErrorCode.DEADLINE_PASSED,
      `Enrollment in this venue closed at ${closedAt.toISOString()}.`,
    ),
  alreadyEnrolled: () => DomainError.conflict('You have already enrolled in this venue.'),
  belowMinTier: (minTier: string) =>
    new DomainError(ErrorCode.TIER_TOO_LOW, `This venue is for creators of tier ${minTier} and above.`),
  orderCreatorBelowMinTier: (minTier: string) =>
    new DomainError(
      ErrorCode.TIER_TOO_LOW,
      `The order's creator is below this venue's minimum tier, ${minTier}: their content does not qualify.`,
    ),
  notApproved: (status: string | null) =>
    DomainError.forbidden(
      status === null
        ? 'Only approved participants submit content: enroll in the venue first.'
        : `Only approved participants submit content; your enrollment is ${status}.`,
    ),
  orderNotCompleted: (status: string) =>
    DomainError.conflict(`Only content of COMPLETED orders qualifies; this order is ${status}.`),
  noApprovedDeliverable: () =>
    DomainError.conflict('The order has no approved deliverable; name the deliverable to submit.'),
  deliverableNotOfOrder: () =>
    DomainError.badInput({ deliverableId: 'This deliverable is not part of the order.' }),
  alreadySubmitted: () => DomainError.conflict('This order is already submitted to this venue.'),
  submissionDeadlinePassed: (deadline: Date) =>
    new DomainError(
      ErrorCode.DEADLINE_PASSED,
      `Submissions to this venue closed at ${deadline.toISOString()}.`,
    ),
  lineupPublished: () => DomainError.conflict('The lineup of this venue is published and frozen.'),
  venueLive: () => DomainError.conflict('The venue went live: its lineup is frozen as it was at goLiveAt.'),
  notCurating: (phase: string) =>
    DomainError.conflict(
      `A lineup is published while the venue is CURATING (from submissionDeadline to goLiveAt); it is ${phase}.`,
    ),
};
