import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CreatorTier } from '@vtask/accounts';
import { EnrollmentStatus, SubmissionDecision, SubmissionStatus, VenueKind, VenuePhase } from '@vtask/venues';
import { Connection } from '../graphql/common.models';

registerEnumType(VenueKind, {
  name: 'VenueKind',
  description: 'Double-11 style event venues that feature content dealt through the platform.',
});
registerEnumType(VenuePhase, {
  name: 'VenuePhase',
  description: "Derived from the venue's timeline and the clock.",
  valuesMap: {
    UPCOMING: { description: 'Before recruitmentOpensAt.' },
    RECRUITING: { description: 'Merchants and creators enroll, until recruitmentClosesAt.' },
    DOCKING: { description: 'Content is dealt and submitted, until submissionDeadline.' },
    CURATING: { description: 'Submissions closed; admins finalise the lineup until goLiveAt.' },
  },
});
registerEnumType(EnrollmentStatus, { name: 'EnrollmentStatus' });
registerEnumType(SubmissionStatus, { name: 'SubmissionStatus' });
registerEnumType(SubmissionDecision, { name: 'SubmissionDecision' });

@ObjectType('Venue')
export class VenueModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => VenueKind)
  kind: VenueKind;

  @Field({ description: "The event the venue belongs to, e.g. 'Double 11 2026'." })
  event: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => CreatorTier)
  minTier: CreatorTier;

  @Field()
  recruitmentOpensAt: Date;

  @Field()
  recruitmentClosesAt: Date;

  @Field()
  submissionDeadline: Date;

  @Field()
  goLiveAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => Int, { description: 'Most entries the lineup may hold.' })
  capacity: number;

  @Field(() => VenuePhase)
  phase: VenuePhase;

  @Field(() => Date, { nullable: true })
  lineupPublishedAt: Date | null;

  domainTags: string[];
}

@ObjectType('VenueEnrollment')
export class VenueEnrollmentModel {
  @Field(() => ID)
  id: string;

  @Field(() => EnrollmentStatus)
  status: EnrollmentStatus;

  @Field()
  createdAt: Date;

  venueId: string;
  userId: string;
}

@ObjectType('VenueSubmission', {
  description:
    'Content entered for a venue. Only content dealt through the platform qualifies: the order must be COMPLETED.',
})
export class VenueSubmissionModel {
  @Field(() => ID)
  id: string;

  @Field(() => SubmissionStatus)
  status: SubmissionStatus;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field()
  submittedAt: Date;

  venueId: string;
  orderId: string;
  deliverableId: string;
  submittedByUserId: string;
}

@ObjectType('LineupEntry')
export class LineupEntryModel {
  @Field(() => Int)
  position: number;

  @Field(() => VenueSubmissionModel)
  submission: VenueSubmissionModel;
}

export const VenueConnection = Connection(VenueModel, 'VenueConnection');
export const VenueEnrollmentConnection = Connection(VenueEnrollmentModel, 'VenueEnrollmentConnection');
export const VenueSubmissionConnection = Connection(VenueSubmissionModel, 'VenueSubmissionConnection');
