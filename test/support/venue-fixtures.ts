import type { GqlClient, GqlResponse, TestServer } from './harness';
import { bookedOrders, inBatches, mustSucceed, orderCalls, type Parties } from './order-fixtures';

/** Helpers for the venue suites: venues with a timeline relative to now, the calls, and completed orders. */

const SECOND = 1000;

export const VENUE_FIELDS = /* GraphQL */ `
  fragment VenueFields on Venue {
    id
    name
    kind
    event
    description
    domainTags {
      slug
    }
    minTier
    recruitmentOpensAt
    recruitmentClosesAt
    submissionDeadline
    goLiveAt
    endsAt
    capacity
    phase
    lineupPublishedAt
  }
`;

export type Timeline = {
  recruitmentOpensAt: string;
  recruitmentClosesAt: string;
  submissionDeadline: string;
  goLiveAt: string;
  endsAt: string;
};

/** A timeline from offsets in seconds from now (negative: in the past). */
export function timeline(
  opens: number,
  closes: number,
  deadline: number,
  goLive: number,
  ends: number,
): Timeline {
  // One clock reading for all five: equal offsets must give equal instants (the boundaries tested).
  const now = Date.now();
  const at = (seconds: number) => new Date(now + seconds * SECOND).toISOString();
  return {
    recruitmentOpensAt: at(opens),
    recruitmentClosesAt: at(closes),
    submissionDeadline: at(deadline),
    goLiveAt: at(goLive),
    endsAt: at(ends),
  };
}

/** A valid createVenue input (recruiting now, for a day); `overrides` replace fields. */
export function venueInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Home makeover hall',
    kind: 'CREATOR',
    event: 'Double 11 2026',
    description: 'Furniture and storage ideas for small flats.',
    domainTags: ['home'],
    capacity: 10,
    ...timeline(-1, 3600, 7200, 10800, 86400),
    ...overrides,
  };
}

export const CREATE_VENUE = `mutation($input: CreateVenueInput!) { createVenue(input: $input) { ...VenueFields } } ${VENUE_FIELDS}`;

export async function createVenue(
  gql: GqlClient,
  adminToken: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  return (await gql.ok(CREATE_VENUE, { input: venueInput(overrides) }, adminToken)).createVenue;
}

/** The venue mutations, each returning the raw response (data or errors). */
export function venueCalls(gql: GqlClient) {
  return {
    create: (token: string | null, overrides: Record<string, unknown> = {}) =>
      gql.request(CREATE_VENUE, { input: venueInput(overrides) }, token),
    enroll: (token: string | null, venueId: string) =>
      gql.request(
        `mutation($id: ID!) { enrollInVenue(venueId: $id) { id status venue { id } user { id } } }`,
        { id: venueId },
        token,
      ),
    decideEnrollment: (token: string, enrollmentId: string, approve: boolean) =>
      gql.request(
        `mutation($id: ID!, $approve: Boolean!) { decideEnrollment(enrollmentId: $id, approve: $approve) { id status } }`,
        { id: enrollmentId, approve },
        token,
      ),
    submit: (token: string | null, input: { venueId: string; orderId: string; deliverableId?: string }) =>
      gql.request(
        `mutation($input: SubmitToVenueInput!) {
           submitToVenue(input: $input) { id status reason submittedAt venue { id } order { id } deliverable { id status } submittedBy { id } }
         }`,
        { input },
        token,
      ),
    withdraw: (token: string | null, submissionId: string) =>
      gql.request(
        `mutation($id: ID!) { withdrawVenueSubmission(submissionId: $id) { id status } }`,
        { id: submissionId },
        token,
      ),
    decide: (
      token: string,
      submissionId: string,
      decision: 'ACCEPT' | 'REJECT',
      reason: string | null = null,
    ) =>
      gql.request(
        `mutation($id: ID!, $decision: SubmissionDecision!, $reason: String) {
           decideVenueSubmission(submissionId: $id, decision: $decision, reason: $reason) { id status reason }
         }`,
        { id: submissionId, decision, reason },
        token,
      ),
    setLineup: (token: string, venueId: string, submissionIds: string[]) =>
      gql.request(
        `mutation($id: ID!, $ids: [ID!]!) { setVenueLineup(venueId: $id, submissionIds: $ids) { id lineup { position submission { id } } } }`,
        { id: venueId, ids: submissionIds },
        token,
      ),
    publish: (token: string, venueId: string) =>
      gql.request(
        `mutation($id: ID!) { publishVenueLineup(venueId: $id) { id phase lineupPublishedAt lineup { position submission { id } } } }`,
        { id: venueId },
        token,
      ),
    venue: (token: string | null, venueId: string) =>
      gql.request(
        `query($id: ID!) {
           venue(id: $id) {
             ...VenueFields
             lineup { position submission { id status } }
             enrollments { totalCount nodes { id status user { id } } }
             submissions { totalCount nodes { id status } }
           }
         } ${VENUE_FIELDS}`,
        { id: venueId },
        token,
      ),
  };
}

export type VenueCalls = ReturnType<typeof venueCalls>;

/** The error code of a response, or 'OK'. */
export function codeOf(response: GqlResponse<unknown>): string {
  if (response.errors?.length) return String(response.errors[0].extensions?.code ?? 'NO_CODE');
  return response.data ? 'OK' : 'NO_DATA';
}

/** Enrolls the account and has the admin approve it; returns the enrollment id. */
export async function enrollApproved(
  calls: VenueCalls,
  adminToken: string,
  token: string,
  venueId: string,
): Promise<string> {
  const enrolled = mustSucceed(await calls.enroll(token, venueId), 'enrollInVenue') as any;
  mustSucceed(await calls.decideEnrollment(adminToken, enrolled.enrollInVenue.id, true), 'decideEnrollment');
  return enrolled.enrollInVenue.id;
}

/** `count` COMPLETED orders between the parties' merchant and creator (booked from one offer, then funded, delivered, accepted). */
export async function completedOrders(parties: Parties, count: number, concurrency = 8): Promise<string[]> {
  const ids = await bookedOrders(parties, count, '100.00', concurrency);
  const calls = orderCalls(parties.gql);
  await inBatches(ids.length, concurrency, async (index) => {
    const id = ids[index];
    mustSucceed(await calls.fund(parties.merchant.token, id), 'fundOrder');
    mustSucceed(await calls.deliver(parties.creator.token, id), 'submitDeliverable');
    mustSucceed(await calls.accept(parties.merchant.token, id), 'acceptDelivery');
  });
  return ids;
}

/** The stored notifications of a user, oldest first, from the database. */
export async function notificationsOf(
  server: TestServer,
  userId: string,
): Promise<{ type: string; venue_id: string | null; order_id: string | null }[]> {
  return server.sql(
    `SELECT type, venue_id, order_id FROM notifications WHERE user_id = $1 ORDER BY created_at, id`,
    [userId],
  ) as Promise<{ type: string; venue_id: string | null; order_id: string | null }[]>;
}

/** The pg-boss jobs of a venue timer. */
export async function venueJobs(
  server: TestServer,
  name: string,
  venueId: string,
): Promise<{ state: string; retry_count: number }[]> {
  return server.sql(
    `SELECT state::text, retry_count FROM pgboss.job WHERE name = $1 AND singleton_key LIKE $2 || ':%'`,
    [name, venueId],
  ) as Promise<{ state: string; retry_count: number }[]>;
}

export const PUBLISH_LINEUP_JOB = 'venues.publish-lineup-at-go-live';
export const REMIND_DEADLINE_JOB = 'venues.remind-submission-deadline';
