import { TransitionTable } from '@vtask/core';

export enum VenueKind {
  CREATOR = 'CREATOR',
  LIVE = 'LIVE',
  HEADLINE = 'HEADLINE',
  LIST = 'LIST',
}

/** Where the clock is in a venue's timeline. Derived on every read, never stored. */
export enum VenuePhase {
  UPCOMING = 'UPCOMING',
  RECRUITING = 'RECRUITING',
  DOCKING = 'DOCKING',
  CURATING = 'CURATING',
  LIVE = 'LIVE',
  ENDED = 'ENDED',
}

export enum EnrollmentStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export enum SubmissionStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum SubmissionDecision {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
}

/** An admin approves or rejects each enrollment once. */
export const ENROLLMENT_TRANSITIONS = new TransitionTable<EnrollmentStatus, 'APPROVE' | 'REJECT'>(
  'enrollment',
  Object.values(EnrollmentStatus),
  {
    APPROVE: { from: [EnrollmentStatus.PENDING], to: EnrollmentStatus.APPROVED },
    REJECT: { from: [EnrollmentStatus.PENDING], to: EnrollmentStatus.REJECTED },
  },
);

/**
 * A submission is decided by an admin; an accepted one may still be rejected (it then leaves the draft
 * lineup) until the lineup freezes. The submitter may withdraw it until the submission deadline.
 */
export const SUBMISSION_TRANSITIONS = new TransitionTable<SubmissionStatus, 'ACCEPT' | 'REJECT' | 'WITHDRAW'>(
  'submission',
  Object.values(SubmissionStatus),
  {
    ACCEPT: { from: [SubmissionStatus.SUBMITTED], to: SubmissionStatus.ACCEPTED },
    REJECT: { from: [SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED], to: SubmissionStatus.REJECTED },
    WITHDRAW: {
      from: [SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED],
      to: SubmissionStatus.WITHDRAWN,
    },
  },
);
