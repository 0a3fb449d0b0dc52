import { setTimeout as sleep } from 'node:timers/promises';
import { CreatorTier } from '@vtask/accounts';
import { OrdersService } from '@vtask/orders';
import {
  SubmissionDecision,
  VenueEnrollmentsService,
  VenueKind,
  VenuesService,
  VenueSubmissionsService,
  type CreateVenueCommand,
} from '@vtask/venues';
import type { Viewer } from '@vtask/core';
import { startServiceTest, type ServiceTestContext } from '../../../test/support/service-harness';
import {
  bookedOrders,
  codeOf,
  completedOrders,
  NO_SUCH_ID,
  refusal,
  setUpServiceParties,
  signUpAgency,
  signUpCreator,
  signUpCreatorWithTier,
  type ServiceParties,
} from '../../../test/support/service-fixtures';

// Every way the venue services say no, each with its code (and, for input errors, the field at fault).
// What only the API decides (UNAUTHENTICATED, malformed ids, enum values) is in test/venues-refusals.

const { ACCEPT, REJECT } = SubmissionDecision;

/** A timeline from offsets in seconds from now (negative: in the past), read from one clock reading. */
function timeline(opens: number, closes: number, deadline: number, goLive: number, ends: number) {
  const now = Date.now();
  const at = (seconds: number) => new Date(now + seconds * 1000);
  return {
    recruitmentOpensAt: at(opens),
    recruitmentClosesAt: at(closes),
    submissionDeadline: at(deadline),
    goLiveAt: at(goLive),
    endsAt: at(ends),
  };
}

function venueCommand(overrides: Partial<CreateVenueCommand> = {}): CreateVenueCommand {
  return {
    name: 'Home makeover hall',
    kind: VenueKind.CREATOR,
    event: 'Double 11 2026',
    description: 'Furniture and storage ideas for small flats.',
    domainTags: ['home'],
    capacity: 10,
    ...timeline(-1, 3600, 7200, 10800, 86400),
    ...overrides,
  };
}

describe('venue services: refusals', () => {
  let context: ServiceTestContext;
  let parties: ServiceParties;
  let venues: VenuesService;
  let enrollments: VenueEnrollmentsService;
  let submissions: VenueSubmissionsService;
  let orders: string[];

  const createVenue = (overrides: Partial<CreateVenueCommand> = {}) =>
    venues.create(parties.admin, venueCommand(overrides));
  /** Enrolls the participant and has the admin approve it. */
  const enrollApproved = async (participant: Viewer, venueId: string) => {
    const enrollment = await enrollments.enroll(participant, venueId);
    await enrollments.decide(parties.admin, enrollment.id, true);
  };

  beforeAll(async () => {
    context = await startServiceTest();
    venues = context.get(VenuesService);
    enrollments = context.get(VenueEnrollmentsService);
    submissions = context.get(VenueSubmissionsService);
    parties = await setUpServiceParties(context);
    orders = await completedOrders(context, parties, 6);
  });
  afterAll(() => context?.close());

  it('create: admins only, a timeline in order, capacity 1-500, known tags, no blank names', async () => {
    expect(await codeOf(venues.create(parties.merchant, venueCommand()))).toBe('FORBIDDEN');

    const outOfOrder = await refusal(createVenue(timeline(10, 5, 4, 3, 3)));
    expect(outOfOrder.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(outOfOrder.fields!).sort()).toEqual([
      'endsAt',
      'goLiveAt',
      'recruitmentClosesAt',
      'submissionDeadline',
    ]);
    // Boundaries: closes == deadline == goLive is allowed; opens == closes and goLive == ends are not.
    expect(await codeOf(createVenue(timeline(1, 2, 2, 2, 3)))).toBe('OK');
    expect(Object.keys((await refusal(createVenue(timeline(1, 1, 2, 3, 4)))).fields!)).toEqual([
      'recruitmentClosesAt',
    ]);
    expect(Object.keys((await refusal(createVenue(timeline(1, 2, 3, 4, 4)))).fields!)).toEqual(['endsAt']);
    for (const capacity of [0, 501, -3]) {
      const refused = await refusal(createVenue({ capacity }));
      expect(refused.code).toBe('BAD_USER_INPUT');
      expect(refused.fields).toHaveProperty('capacity');
    }
    expect(await codeOf(createVenue({ capacity: 500 }))).toBe('OK');
    const tags = await refusal(createVenue({ domainTags: ['home', 'no-such-tag'] }));
    expect(tags.code).toBe('BAD_USER_INPUT');
    expect(tags.fields?.domainTags).toContain('no-such-tag');
    const blank = await refusal(createVenue({ name: '   ', event: ' ' }));
    expect(blank.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(blank.fields!).sort()).toEqual(['event', 'name']);
  });

  it('enroll: merchants and creators, once, while recruiting, at the venue tier', async () => {
    const { admin, merchant, creator } = parties;
    const open = await createVenue({ minTier: CreatorTier.EXPERT });
    const upcoming = await createVenue(timeline(3600, 7200, 7200, 9000, 86400));
    const closed = await createVenue(timeline(-600, -300, 3600, 7200, 86400));
    const agency = await signUpAgency(context);
    const ordinary = await signUpCreator(context);
    const creatorTier = await signUpCreatorWithTier(context, admin, CreatorTier.CREATOR);

    expect(await codeOf(enrollments.enroll(agency, open.id))).toBe('FORBIDDEN');
    expect(await codeOf(enrollments.enroll(admin, open.id))).toBe('FORBIDDEN');
    expect(await codeOf(enrollments.enroll(merchant, NO_SUCH_ID))).toBe('NOT_FOUND');
    expect(await codeOf(enrollments.enroll(merchant, upcoming.id))).toBe('CONFLICT');
    expect(await codeOf(enrollments.enroll(merchant, closed.id))).toBe('DEADLINE_PASSED');
    expect(await codeOf(enrollments.enroll(ordinary, open.id))).toBe('TIER_TOO_LOW');
    expect(await codeOf(enrollments.enroll(creatorTier, open.id))).toBe('TIER_TOO_LOW');
    expect(await codeOf(enrollments.enroll(merchant, open.id))).toBe('OK');
    expect(await codeOf(enrollments.enroll(merchant, open.id))).toBe('CONFLICT');
    // Concurrent double enrollment: one row, one CONFLICT.
    const both = await Promise.all([
      codeOf(enrollments.enroll(creator, open.id)),
      codeOf(enrollments.enroll(creator, open.id)),
    ]);
    expect(both.sort()).toEqual(['CONFLICT', 'OK']);
    const [{ n }] = await context.sql(
      `SELECT count(*)::int AS n FROM venue_enrollments WHERE venue_id = $1`,
      [open.id],
    );
    expect(n).toBe(2);
  });

  it('decide an enrollment: admins only, each enrollment once, its notification with it', async () => {
    const { admin, merchant } = parties;
    const venue = await createVenue();
    const enrollment = await enrollments.enroll(merchant, venue.id);
    expect(await codeOf(enrollments.decide(merchant, enrollment.id, true))).toBe('FORBIDDEN');
    expect(await codeOf(enrollments.decide(admin, NO_SUCH_ID, true))).toBe('NOT_FOUND');
    expect(await codeOf(enrollments.decide(admin, enrollment.id, false))).toBe('OK');
    expect(await codeOf(enrollments.decide(admin, enrollment.id, true))).toBe('CONFLICT');
    // The notification commits with the decision: the refused second decision stored none.
    const stored = await context.sql(`SELECT type FROM notifications WHERE user_id = $1 AND venue_id = $2`, [
      merchant.userId,
      venue.id,
    ]);
    expect(stored).toEqual([{ type: 'VENUE_ENROLLMENT_REJECTED' }]);
  });

  it('submit: approved participants, their own COMPLETED orders, at the venue tier, once per order', async () => {
    const { admin, merchant, creator, otherMerchant, otherCreator } = parties;
    const venue = await createVenue();
    const strict = await createVenue({ minTier: CreatorTier.CELEBRITY });
    const submit = (viewer: Viewer, orderId: string, deliverableId?: string, venueId = venue.id) =>
      codeOf(submissions.submit(viewer, { venueId, orderId, deliverableId }));

    // Not enrolled, then pending, then rejected: not a participant.
    expect(await submit(merchant, orders[0])).toBe('FORBIDDEN');
    const pending = await enrollments.enroll(otherMerchant, venue.id);
    expect(await submit(otherMerchant, orders[0])).toBe('FORBIDDEN');
    await enrollments.decide(admin, pending.id, false);
    expect(await submit(otherMerchant, orders[0])).toBe('FORBIDDEN');

    await enrollApproved(merchant, venue.id);
    await enrollApproved(creator, venue.id);
    await enrollApproved(otherCreator, venue.id);
    await enrollApproved(merchant, strict.id);
    // Someone else's order, or no such order: NOT_FOUND (ids cannot be probed).
    expect(await submit(otherCreator, orders[0])).toBe('NOT_FOUND');
    expect(await submit(merchant, NO_SUCH_ID)).toBe('NOT_FOUND');
    expect(await submit(merchant, orders[0], undefined, NO_SUCH_ID)).toBe('NOT_FOUND');
    // Only content dealt to the end qualifies.
    const [unfunded] = await bookedOrders(context, parties, 1);
    expect(await submit(merchant, unfunded)).toBe('CONFLICT');
    // A named deliverable must be the order's own.
    const [otherDeliverable] = await context.get(OrdersService).deliverablesOf([orders[1]]);
    const wrong = await refusal(
      submissions.submit(merchant, {
        venueId: venue.id,
        orderId: orders[0],
        deliverableId: otherDeliverable.id,
      }),
    );
    expect(wrong.code).toBe('BAD_USER_INPUT');
    expect(wrong.fields).toHaveProperty('deliverableId');
    expect(await submit(merchant, orders[0], NO_SUCH_ID)).toBe('BAD_USER_INPUT');
    // The order's creator (EXPERT) is below a CELEBRITY venue.
    expect(await submit(merchant, orders[0], undefined, strict.id)).toBe('TIER_TOO_LOW');
    // Once per order per venue, whichever party submits it, even at the same moment.
    const racing = await Promise.all([submit(merchant, orders[0]), submit(creator, orders[0])]);
    expect(racing.sort()).toEqual(['CONFLICT', 'OK']);
    expect(await submit(creator, orders[0])).toBe('CONFLICT');
    // Agencies do not take part.
    expect(await submit(await signUpAgency(context), orders[1])).toBe('FORBIDDEN');
  });

  it('withdraw and decide: the submitter withdraws, admins decide with a reason, each once', async () => {
    const { admin, merchant, creator } = parties;
    const venue = await createVenue();
    await enrollApproved(merchant, venue.id);
    const submission = await submissions.submit(merchant, { venueId: venue.id, orderId: orders[2] });

    expect(await codeOf(submissions.withdraw(creator, submission.id))).toBe('NOT_FOUND'); // not the submitter
    expect(await codeOf(submissions.withdraw(merchant, NO_SUCH_ID))).toBe('NOT_FOUND');
    expect(await codeOf(submissions.decide(merchant, submission.id, ACCEPT, null))).toBe('FORBIDDEN');
    expect(await codeOf(submissions.decide(admin, NO_SUCH_ID, ACCEPT, null))).toBe('NOT_FOUND');
    const noReason = await refusal(submissions.decide(admin, submission.id, REJECT, null));
    expect(noReason.code).toBe('BAD_USER_INPUT');
    expect(noReason.fields).toHaveProperty('reason');
    const longReason = await refusal(submissions.decide(admin, submission.id, REJECT, 'x'.repeat(501)));
    expect(longReason.code).toBe('BAD_USER_INPUT');
    expect(longReason.fields).toHaveProperty('reason');
    expect(await codeOf(submissions.decide(admin, submission.id, ACCEPT, null))).toBe('OK');
    expect(await codeOf(submissions.decide(admin, submission.id, ACCEPT, null))).toBe('CONFLICT');

    // Withdrawn (accepted, in the draft lineup): it leaves the lineup; it cannot be withdrawn or decided again.
    await venues.setLineup(admin, venue.id, [submission.id]);
    expect(await codeOf(submissions.withdraw(merchant, submission.id))).toBe('OK');
    expect(await codeOf(submissions.withdraw(merchant, submission.id))).toBe('CONFLICT');
    expect(await codeOf(submissions.decide(admin, submission.id, REJECT, 'Too late'))).toBe('CONFLICT');
    expect(await venues.lineupsOf([venue.id])).toEqual([]);
    // A withdrawn order may be entered again.
    expect(await codeOf(submissions.submit(merchant, { venueId: venue.id, orderId: orders[2] }))).toBe('OK');
  });

  it('setLineup: admins only, ACCEPTED submissions of this venue, each once, at most capacity', async () => {
    const { admin, merchant } = parties;
    const venue = await createVenue({ capacity: 2 });
    const elsewhere = await createVenue();
    await enrollApproved(merchant, venue.id);
    await enrollApproved(merchant, elsewhere.id);
    const submitted: string[] = [];
    for (const orderId of orders.slice(3, 6))
      submitted.push((await submissions.submit(merchant, { venueId: venue.id, orderId })).id);
    const foreign = (await submissions.submit(merchant, { venueId: elsewhere.id, orderId: orders[3] })).id;
    for (const id of submitted) await submissions.decide(admin, id, ACCEPT, null);
    const notAccepted = (await submissions.submit(merchant, { venueId: venue.id, orderId: orders[1] })).id;
    const lineupRefusal = async (ids: string[]) => {
      const refused = await refusal(venues.setLineup(admin, venue.id, ids));
      return { code: refused.code, fields: Object.keys(refused.fields ?? {}) };
    };

    expect(await codeOf(venues.setLineup(merchant, venue.id, [submitted[0]]))).toBe('FORBIDDEN');
    expect(await codeOf(venues.setLineup(admin, NO_SUCH_ID, [submitted[0]]))).toBe('NOT_FOUND');
    expect(await codeOf(venues.setLineup(admin, venue.id, [notAccepted]))).toBe('CONFLICT');
    const badInput = { code: 'BAD_USER_INPUT', fields: ['submissionIds'] };
    expect(await lineupRefusal(submitted)).toEqual(badInput); // over capacity
    expect(await lineupRefusal([submitted[0], submitted[0]])).toEqual(badInput);
    expect(await lineupRefusal([foreign])).toEqual(badInput);
    // A valid lineup replaces the draft; an empty one clears it.
    const lineup = async () =>
      (await venues.lineupsOf([venue.id])).map((entry) => [entry.lineupPosition, entry.id]);
    await venues.setLineup(admin, venue.id, [submitted[2], submitted[0]]);
    expect(await lineup()).toEqual([
      [1, submitted[2]],
      [2, submitted[0]],
    ]);
    await venues.setLineup(admin, venue.id, [submitted[1]]);
    expect(await lineup()).toEqual([[1, submitted[1]]]);
    // Rejecting a lineup entry takes it out of the draft.
    await submissions.decide(admin, submitted[1], REJECT, 'Duplicate content');
    expect(await lineup()).toEqual([]);
    // The database refuses a lineup entry that is not ACCEPTED, whatever the code does.
    await expect(
      context.sql(`UPDATE venue_submissions SET lineup_position = 1 WHERE id = $1`, [notAccepted]),
    ).rejects.toThrow(/venue_submissions_lineup_accepted/);
  });

  it('publish: admins only, during CURATING, once; then the lineup is frozen', async () => {
    const { admin, merchant } = parties;
    // Seconds are enough here: no HTTP between the steps that must happen before the deadline.
    const times = timeline(-1, 4, 5, 600, 3600);
    const venue = await createVenue(times);
    await enrollApproved(merchant, venue.id);
    const submission = (await submissions.submit(merchant, { venueId: venue.id, orderId: orders[4] })).id;
    const pending = (await submissions.submit(merchant, { venueId: venue.id, orderId: orders[5] })).id;
    await submissions.decide(admin, submission, ACCEPT, null);
    await venues.setLineup(admin, venue.id, [submission]);
    expect(await codeOf(venues.publish(admin, venue.id))).toBe('CONFLICT'); // still RECRUITING

    await sleep(Math.max(0, times.submissionDeadline.getTime() - Date.now()) + 200);
    expect(await codeOf(submissions.withdraw(merchant, pending))).toBe('DEADLINE_PASSED');
    expect(await codeOf(venues.publish(merchant, venue.id))).toBe('FORBIDDEN');
    expect(await codeOf(venues.publish(admin, NO_SUCH_ID))).toBe('NOT_FOUND');
    const racing = await Promise.all([
      codeOf(venues.publish(admin, venue.id)),
      codeOf(venues.publish(admin, venue.id)),
    ]);
    expect(racing.sort()).toEqual(['CONFLICT', 'OK']);
    expect(await codeOf(venues.setLineup(admin, venue.id, []))).toBe('CONFLICT');
    expect(await codeOf(submissions.decide(admin, pending, ACCEPT, null))).toBe('CONFLICT');
    expect(await codeOf(submissions.decide(admin, submission, REJECT, 'Changed our mind'))).toBe('CONFLICT');

    // A venue already live publishes only by its timer: an admin is too late.
    const live = await createVenue(timeline(-40, -30, -20, -10, 3600));
    expect(await codeOf(venues.publish(admin, live.id))).toBe('CONFLICT');
  });
});
