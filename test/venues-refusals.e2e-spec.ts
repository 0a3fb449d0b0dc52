import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV, signUpAgency, signUpCreator, signUpCreatorWithTier } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { waitUntilPast } from './support/market-fixtures';
import { internalErrors, mustSucceed, orderIn, setUpParties, type Parties } from './support/order-fixtures';
import {
  codeOf,
  completedOrders,
  createVenue,
  enrollApproved,
  timeline,
  venueCalls,
  type VenueCalls,
} from './support/venue-fixtures';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

// Every way the venue operations say no, each with its code (and, for input errors, the field).

describe('venue refusals', () => {
  let server: TestServer;
  let parties: Parties;
  let calls: VenueCalls;
  let orders: string[];

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    parties = await setUpParties(server);
    calls = venueCalls(server.gql);
    orders = await completedOrders(parties, 6);
  }, 90_000);
  afterAll(async () => {
    expect(internalErrors(server.gql)).toEqual([]);
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  it('createVenue: admins only, a timeline in order, capacity 1-500, known tags', async () => {
    const { admin, merchant } = parties;
    expect(codeOf(await calls.create(null))).toBe('UNAUTHENTICATED');
    expect(codeOf(await calls.create(merchant.token))).toBe('FORBIDDEN');

    const outOfOrder = await calls.create(admin, timeline(10, 5, 4, 3, 3));
    expect(outOfOrder.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: {
        recruitmentClosesAt: expect.any(String),
        submissionDeadline: expect.any(String),
        goLiveAt: expect.any(String),
        endsAt: expect.any(String),
      },
    });
    // Boundaries: closes == deadline == goLive is allowed; opens == closes and goLive == ends are not.
    expect(codeOf(await calls.create(admin, timeline(1, 2, 2, 2, 3)))).toBe('OK');
    expect((await calls.create(admin, timeline(1, 1, 2, 3, 4))).errors?.[0].extensions?.fields).toEqual({
      recruitmentClosesAt: 'Must be after recruitmentOpensAt.',
    });
    expect((await calls.create(admin, timeline(1, 2, 3, 4, 4))).errors?.[0].extensions?.fields).toEqual({
      endsAt: 'Must be after goLiveAt.',
    });
    for (const capacity of [0, 501, -3]) {
      const response = await calls.create(admin, { capacity });
      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { capacity: expect.any(String) },
      });
    }
    expect(codeOf(await calls.create(admin, { capacity: 500 }))).toBe('OK');
    const tags = await calls.create(admin, { domainTags: ['home', 'no-such-tag'] });
    expect(tags.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { domainTags: expect.stringContaining('no-such-tag') },
    });
    const blank = await calls.create(admin, { name: '   ', event: ' ' });
    expect(blank.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { name: expect.any(String), event: expect.any(String) },
    });
    expect(codeOf(await calls.create(admin, { kind: 'STADIUM' }))).toBe('BAD_USER_INPUT');
  });

  it('venue and venues: unknown ids are null, malformed ones NOT_FOUND, bad pages are input errors', async () => {
    const { gql } = parties;
    expect((await gql.ok(`query($id: ID!) { venue(id: $id) { id } }`, { id: NO_SUCH_ID })).venue).toBeNull();
    expect(await gql.fail(`{ venue(id: "not-a-uuid") { id } }`)).toMatchObject({
      message: 'No venue with this id.',
      extensions: { code: 'NOT_FOUND' },
    });
    const tooMany = await gql.request(`{ venues(first: 101) { totalCount } }`);
    expect(tooMany.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { first: expect.any(String) },
    });
    const cursor = await gql.request(`{ venues(after: "garbage") { totalCount } }`);
    expect(cursor.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { after: expect.any(String) },
    });
  });

  it('enrollInVenue: merchants and creators, once, while recruiting, at the venue tier', async () => {
    const { gql, admin, merchant } = parties;
    const open = await createVenue(gql, admin, { minTier: 'EXPERT' });
    const upcoming = await createVenue(gql, admin, timeline(3600, 7200, 7200, 9000, 86400));
    const closed = await createVenue(gql, admin, timeline(-600, -300, 3600, 7200, 86400));
    const agency = await signUpAgency(gql);
    const ordinary = await signUpCreator(gql);
    const creatorTier = await signUpCreatorWithTier(gql, admin, 'CREATOR');

    expect(codeOf(await calls.enroll(null, open.id))).toBe('UNAUTHENTICATED');
    expect(codeOf(await calls.enroll(agency.token, open.id))).toBe('FORBIDDEN');
    expect(codeOf(await calls.enroll(admin, open.id))).toBe('FORBIDDEN');
    expect(codeOf(await calls.enroll(merchant.token, NO_SUCH_ID))).toBe('NOT_FOUND');
    expect(codeOf(await calls.enroll(merchant.token, 'not-a-uuid'))).toBe('NOT_FOUND');
    expect(codeOf(await calls.enroll(merchant.token, upcoming.id))).toBe('CONFLICT');
    expect(codeOf(await calls.enroll(merchant.token, closed.id))).toBe('DEADLINE_PASSED');
    expect(codeOf(await calls.enroll(ordinary.token, open.id))).toBe('TIER_TOO_LOW');
    expect(codeOf(await calls.enroll(creatorTier.token, open.id))).toBe('TIER_TOO_LOW');
    expect(codeOf(await calls.enroll(merchant.token, open.id))).toBe('OK');
    expect(codeOf(await calls.enroll(merchant.token, open.id))).toBe('CONFLICT');
    // Concurrent double enrollment: one row, one CONFLICT.
    const both = await Promise.all([
      calls.enroll(parties.creator.token, open.id),
      calls.enroll(parties.creator.token, open.id),
    ]);
    expect(both.map(codeOf).sort()).toEqual(['CONFLICT', 'OK']);
    const [{ n }] = await server.sql(`SELECT count(*)::int AS n FROM venue_enrollments WHERE venue_id = $1`, [
      open.id,
    ]);
    expect(n).toBe(2);
  });

  it('decideEnrollment: admins only, each enrollment once', async () => {
    const { gql, admin, merchant } = parties;
    const venue = await createVenue(gql, admin);
    const enrollment = mustSucceed(await calls.enroll(merchant.token, venue.id), 'enroll')
      .enrollInVenue as any;
    expect(codeOf(await calls.decideEnrollment(merchant.token, enrollment.id, true))).toBe('FORBIDDEN');
    expect(codeOf(await calls.decideEnrollment(admin, NO_SUCH_ID, true))).toBe('NOT_FOUND');
    expect(codeOf(await calls.decideEnrollment(admin, enrollment.id, false))).toBe('OK');
    expect(codeOf(await calls.decideEnrollment(admin, enrollment.id, true))).toBe('CONFLICT');
    // The notification commits with the decision: the refused second decision stored none.
    const stored = await server.sql(`SELECT type FROM notifications WHERE user_id = $1 AND venue_id = $2`, [
      merchant.userId,
      venue.id,
    ]);
    expect(stored).toEqual([{ type: 'VENUE_ENROLLMENT_REJECTED' }]);
  });

  it('submitToVenue: approved participants, their own COMPLETED orders, at the venue tier, once per order', async () => {
    const { gql, admin, merchant, creator, otherMerchant, otherCreator } = parties;
    const venue = await createVenue(gql, admin);
    const strict = await createVenue(gql, admin, { minTier: 'CELEBRITY' });
    const submit = (
      token: string | null,
      orderId: string,
      extra: Record<string, string> = {},
      venueId = venue.id,
    ) => calls.submit(token, { venueId, orderId, ...extra });

    expect(codeOf(await submit(null, orders[0]))).toBe('UNAUTHENTICATED');
    // Not enrolled, then pending, then rejected: not a participant.
    expect(codeOf(await submit(merchant.token, orders[0]))).toBe('FORBIDDEN');
    const pending = mustSucceed(await calls.enroll(otherMerchant.token, venue.id), 'enroll')
      .enrollInVenue as any;
    expect(codeOf(await submit(otherMerchant.token, orders[0]))).toBe('FORBIDDEN');
    mustSucceed(await calls.decideEnrollment(admin, pending.id, false), 'reject');
    expect(codeOf(await submit(otherMerchant.token, orders[0]))).toBe('FORBIDDEN');

    await enrollApproved(calls, admin, merchant.token, venue.id);
    await enrollApproved(calls, admin, creator.token, venue.id);
    await enrollApproved(calls, admin, otherCreator.token, venue.id);
    await enrollApproved(calls, admin, merchant.token, strict.id);
    // Someone else's order, or no such order: NOT_FOUND (ids cannot be probed).
    expect(codeOf(await submit(otherCreator.token, orders[0]))).toBe('NOT_FOUND');
    expect(codeOf(await submit(merchant.token, NO_SUCH_ID))).toBe('NOT_FOUND');
    expect(codeOf(await submit(merchant.token, orders[0], {}, NO_SUCH_ID))).toBe('NOT_FOUND');
    expect(codeOf(await submit(merchant.token, 'not-a-uuid'))).toBe('BAD_USER_INPUT');
    // Only content dealt to the end qualifies.
    const inProgress = await orderIn(parties, 'IN_PROGRESS');
    expect(codeOf(await submit(merchant.token, inProgress))).toBe('CONFLICT');
    // A named deliverable must be the order's own.
    const other = await gql.ok(
      `query($id: ID!) { order(id: $id) { deliverables { id } } }`,
      { id: orders[1] },
      merchant.token,
    );
    const wrong = await submit(merchant.token, orders[0], { deliverableId: other.order.deliverables[0].id });
    expect(wrong.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { deliverableId: expect.any(String) },
    });
    expect(codeOf(await submit(merchant.token, orders[0], { deliverableId: NO_SUCH_ID }))).toBe(
      'BAD_USER_INPUT',
    );
    // The order's creator (EXPERT) is below a CELEBRITY venue.
    expect(codeOf(await submit(merchant.token, orders[0], {}, strict.id))).toBe('TIER_TOO_LOW');
    // Once per order per venue, whichever party submits it, even at the same moment.
    const racing = await Promise.all([submit(merchant.token, orders[0]), submit(creator.token, orders[0])]);
    expect(racing.map(codeOf).sort()).toEqual(['CONFLICT', 'OK']);
    expect(codeOf(await submit(creator.token, orders[0]))).toBe('CONFLICT');
    // Agencies do not take part.
    const agency = await signUpAgency(gql);
    expect(codeOf(await submit(agency.token, orders[1]))).toBe('FORBIDDEN');
  });

  it('withdraw and decide: the submitter withdraws, admins decide with a reason, each once', async () => {
    const { gql, admin, merchant, creator } = parties;
    const venue = await createVenue(gql, admin);
    await enrollApproved(calls, admin, merchant.token, venue.id);
    const submission = mustSucceed(
      await calls.submit(merchant.token, { venueId: venue.id, orderId: orders[2] }),
      'submit',
    ).submitToVenue as any;

    expect(codeOf(await calls.withdraw(creator.token, submission.id))).toBe('NOT_FOUND'); // not the submitter
    expect(codeOf(await calls.withdraw(merchant.token, NO_SUCH_ID))).toBe('NOT_FOUND');
    expect(codeOf(await calls.decide(merchant.token, submission.id, 'ACCEPT'))).toBe('FORBIDDEN');
    expect(codeOf(await calls.decide(admin, NO_SUCH_ID, 'ACCEPT'))).toBe('NOT_FOUND');
    const noReason = await calls.decide(admin, submission.id, 'REJECT');
    expect(noReason.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { reason: expect.any(String) },
    });
    const longReason = await calls.decide(admin, submission.id, 'REJECT', 'x'.repeat(501));
    expect(longReason.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { reason: expect.any(String) },
    });
    expect(codeOf(await calls.decide(admin, submission.id, 'ACCEPT'))).toBe('OK');
    expect(codeOf(await calls.decide(admin, submission.id, 'ACCEPT'))).toBe('CONFLICT');

    // Withdrawn (accepted, in the draft lineup): it leaves the lineup; it cannot be withdrawn or decided again.
    mustSucceed(await calls.setLineup(admin, venue.id, [submission.id]), 'setVenueLineup');
    expect(codeOf(await calls.withdraw(merchant.token, submission.id))).toBe('OK');
    expect(codeOf(await calls.withdraw(merchant.token, submission.id))).toBe('CONFLICT');
    expect(codeOf(await calls.decide(admin, submission.id, 'REJECT', 'Too late'))).toBe('CONFLICT');
    const view = await calls.venue(admin, venue.id);
    expect(view.data!.venue.lineup).toEqual([]);
    // A withdrawn order may be entered again.
    expect(codeOf(await calls.submit(merchant.token, { venueId: venue.id, orderId: orders[2] }))).toBe('OK');
  });

  it('setVenueLineup: admins only, ACCEPTED submissions of this venue, each once, at most capacity', async () => {
    const { gql, admin, merchant } = parties;
    const venue = await createVenue(gql, admin, { capacity: 2 });
    const elsewhere = await createVenue(gql, admin);
    await enrollApproved(calls, admin, merchant.token, venue.id);
    await enrollApproved(calls, admin, merchant.token, elsewhere.id);
    const submitted: string[] = [];
    for (const orderId of orders.slice(3, 6)) {
      submitted.push(
        (
          mustSucceed(await calls.submit(merchant.token, { venueId: venue.id, orderId }), 'submit')
            .submitToVenue as any
        ).id,
      );
    }
    const foreign = (
      mustSucceed(await calls.submit(merchant.token, { venueId: elsewhere.id, orderId: orders[3] }), 'submit')
        .submitToVenue as any
    ).id;
    for (const id of submitted) mustSucceed(await calls.decide(admin, id, 'ACCEPT'), 'accept');
    const notAccepted = (
      mustSucceed(await calls.submit(merchant.token, { venueId: venue.id, orderId: orders[1] }), 'submit')
        .submitToVenue as any
    ).id;

    expect(codeOf(await calls.setLineup(merchant.token, venue.id, [submitted[0]]))).toBe('FORBIDDEN');
    expect(codeOf(await calls.setLineup(admin, NO_SUCH_ID, [submitted[0]]))).toBe('NOT_FOUND');
    expect(codeOf(await calls.setLineup(admin, venue.id, [notAccepted]))).toBe('CONFLICT');
    const overCapacity = await calls.setLineup(admin, venue.id, submitted);
    expect(overCapacity.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { submissionIds: expect.any(String) },
    });
    const twice = await calls.setLineup(admin, venue.id, [submitted[0], submitted[0]]);
    expect(twice.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { submissionIds: expect.any(String) },
    });
    const foreignOne = await calls.setLineup(admin, venue.id, [foreign]);
    expect(foreignOne.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { submissionIds: expect.any(String) },
    });
    expect(codeOf(await calls.setLineup(admin, venue.id, ['not-a-uuid']))).toBe('BAD_USER_INPUT');
    // A valid lineup replaces the draft; an empty one clears it.
    const set = mustSucceed(
      await calls.setLineup(admin, venue.id, [submitted[2], submitted[0]]),
      'setVenueLineup',
    ) as any;
    expect(set.setVenueLineup.lineup.map((entry: any) => entry.submission.id)).toEqual([
      submitted[2],
      submitted[0],
    ]);
    const replaced = mustSucceed(
      await calls.setLineup(admin, venue.id, [submitted[1]]),
      'setVenueLineup',
    ) as any;
    expect(replaced.setVenueLineup.lineup).toEqual([{ position: 1, submission: { id: submitted[1] } }]);
    // Rejecting a lineup entry takes it out of the draft.
    mustSucceed(await calls.decide(admin, submitted[1], 'REJECT', 'Duplicate content'), 'reject');
    expect((await calls.venue(admin, venue.id)).data!.venue.lineup).toEqual([]);
    // The database refuses a lineup entry that is not ACCEPTED, whatever the code does.
    await expect(
      server.sql(`UPDATE venue_submissions SET lineup_position = 1 WHERE id = $1`, [notAccepted]),
    ).rejects.toThrow(/venue_submissions_lineup_accepted/);
  });

  it('publishVenueLineup: admins only, during CURATING, once; then everything is frozen', async () => {
    const { gql, admin, merchant } = parties;
    const times = timeline(-1, 12, 15, 600, 3600);
    const venue = await createVenue(gql, admin, times);
    await enrollApproved(calls, admin, merchant.token, venue.id);
    const submission = (
      mustSucceed(await calls.submit(merchant.token, { venueId: venue.id, orderId: orders[4] }), 'submit')
        .submitToVenue as any
    ).id;
    const pending = (
      mustSucceed(await calls.submit(merchant.token, { venueId: venue.id, orderId: orders[5] }), 'submit')
        .submitToVenue as any
    ).id;
    mustSucceed(await calls.decide(admin, submission, 'ACCEPT'), 'accept');
    mustSucceed(await calls.setLineup(admin, venue.id, [submission]), 'setVenueLineup');
    expect(codeOf(await calls.publish(admin, venue.id))).toBe('CONFLICT'); // still RECRUITING

    await waitUntilPast(times.submissionDeadline);
    expect(codeOf(await calls.withdraw(merchant.token, pending))).toBe('DEADLINE_PASSED');
    expect(codeOf(await calls.publish(merchant.token, venue.id))).toBe('FORBIDDEN');
    expect(codeOf(await calls.publish(admin, NO_SUCH_ID))).toBe('NOT_FOUND');
    const racing = await Promise.all([calls.publish(admin, venue.id), calls.publish(admin, venue.id)]);
    expect(racing.map(codeOf).sort()).toEqual(['CONFLICT', 'OK']);
    expect(codeOf(await calls.setLineup(admin, venue.id, []))).toBe('CONFLICT');
    expect(codeOf(await calls.decide(admin, pending, 'ACCEPT'))).toBe('CONFLICT');
    expect(codeOf(await calls.decide(admin, submission, 'REJECT', 'Changed our mind'))).toBe('CONFLICT');

    // A venue already live publishes only by its timer: an admin is too late.
    const live = await createVenue(gql, admin, timeline(-40, -30, -20, -10, 3600));
    const tooLate = await calls.publish(admin, live.id);
    expect(codeOf(tooLate)).toBe('CONFLICT');
  });
});
