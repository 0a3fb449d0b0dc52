import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { waitUntilPast } from './support/market-fixtures';
import {
  eventually,
  internalErrors,
  mustSucceed,
  setUpParties,
  type Parties,
} from './support/order-fixtures';
import {
  codeOf,
  completedOrders,
  createVenue,
  notificationsOf,
  PUBLISH_LINEUP_JOB,
  timeline,
  venueCalls,
  venueJobs,
  type VenueCalls,
} from './support/venue-fixtures';

// The whole life of a venue on a timeline a few seconds long: UPCOMING -> RECRUITING (enroll, approve,
// submit) -> DOCKING -> CURATING (publish) -> LIVE, with what each party may see at each step.

describe('a venue from recruitment to going live', () => {
  let server: TestServer;
  let parties: Parties;
  let calls: VenueCalls;
  let orders: string[];

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    parties = await setUpParties(server);
    calls = venueCalls(server.gql);
    orders = await completedOrders(parties, 4);
  });
  afterAll(() => server.close());

  it('enrolls, submits, curates and publishes on a timeline of seconds, by the database clock', async () => {
    const { gql, admin, merchant, creator, otherMerchant } = parties;
    // Seconds from now. The windows leave room for a loaded machine: within each phase the steps that
    // must happen in it come first; the rest do not depend on the phase.
    const times = timeline(4, 12, 18, 28, 600);
    const venue = await createVenue(gql, admin, {
      ...times,
      name: 'Small flats, big ideas',
      capacity: 2,
      minTier: null,
    });
    // UPCOMING: enrollment is not open yet, and there is no lineup to publish.
    expect(codeOf(await calls.enroll(merchant.token, venue.id))).toBe('CONFLICT');
    expect(codeOf(await calls.publish(admin, venue.id))).toBe('CONFLICT');
    expect(venue).toMatchObject({
      name: 'Small flats, big ideas',
      kind: 'CREATOR',
      event: 'Double 11 2026',
      domainTags: [{ slug: 'home' }],
      minTier: 'CREATOR',
      capacity: 2,
      phase: 'UPCOMING',
      lineupPublishedAt: null,
      recruitmentOpensAt: times.recruitmentOpensAt,
      submissionDeadline: times.submissionDeadline,
    });
    const inPhase = async (phase: string) =>
      (
        await gql.ok(`query($phase: VenuePhase) { venues(phase: $phase) { nodes { id } } }`, { phase })
      ).venues.nodes.map((node: { id: string }) => node.id);

    // RECRUITING: merchant and creator enroll; the admin approves them (each is told); they submit
    // COMPLETED orders: the approved deliverable, or one they name.
    await waitUntilPast(times.recruitmentOpensAt);
    const merchantEnrollment = mustSucceed(await calls.enroll(merchant.token, venue.id), 'enroll')
      .enrollInVenue as any;
    const creatorEnrollment = mustSucceed(await calls.enroll(creator.token, venue.id), 'enroll')
      .enrollInVenue as any;
    // Not yet approved: no submissions.
    expect(codeOf(await calls.submit(merchant.token, { venueId: venue.id, orderId: orders[0] }))).toBe(
      'FORBIDDEN',
    );
    for (const enrollment of [merchantEnrollment, creatorEnrollment]) {
      mustSucceed(await calls.decideEnrollment(admin, enrollment.id, true), 'decideEnrollment');
    }
    const named = await gql.ok(
      `query($id: ID!) { order(id: $id) { deliverables { id } } }`,
      { id: orders[1] },
      creator.token,
    );
    const deliverableId = named.order.deliverables[0].id;
    const [first, second, third] = (
      await Promise.all([
        calls.submit(merchant.token, { venueId: venue.id, orderId: orders[0] }),
        calls.submit(creator.token, { venueId: venue.id, orderId: orders[1], deliverableId }),
        calls.submit(merchant.token, { venueId: venue.id, orderId: orders[2] }),
      ])
    ).map((response) => mustSucceed(response, 'submitToVenue').submitToVenue as any);
    expect((await calls.venue(null, venue.id)).data!.venue.phase).toBe('RECRUITING');
    expect(await inPhase('RECRUITING')).toContain(venue.id);
    expect(await inPhase('UPCOMING')).not.toContain(venue.id);

    expect(merchantEnrollment).toMatchObject({
      status: 'PENDING',
      venue: { id: venue.id },
      user: { id: merchant.userId },
    });
    expect(first).toMatchObject({
      status: 'SUBMITTED',
      reason: null,
      venue: { id: venue.id },
      order: { id: orders[0] },
      deliverable: { status: 'APPROVED' },
      submittedBy: { id: merchant.userId },
    });
    expect(second.deliverable.id).toBe(deliverableId);
    // Each user sees their own enrollment; the admin sees all; others none.
    const enrollmentsSeenBy = async (token: string | null) =>
      (await calls.venue(token, venue.id)).data!.venue.enrollments.nodes.map(
        (node: { id: string }) => node.id,
      );
    expect(await enrollmentsSeenBy(merchant.token)).toEqual([merchantEnrollment.id]);
    expect(await enrollmentsSeenBy(admin)).toEqual([merchantEnrollment.id, creatorEnrollment.id]);
    expect(await enrollmentsSeenBy(otherMerchant.token)).toEqual([]);
    expect(await enrollmentsSeenBy(null)).toEqual([]);
    const submissionsSeenBy = async (token: string | null) =>
      (await calls.venue(token, venue.id)).data!.venue.submissions.totalCount;
    expect(await submissionsSeenBy(admin)).toBe(3);
    expect(await submissionsSeenBy(creator.token)).toBe(3); // a party to every order
    expect(await submissionsSeenBy(otherMerchant.token)).toBe(0);
    expect(await submissionsSeenBy(null)).toBe(0);

    // DOCKING: enrollment closed, submissions still open.
    await waitUntilPast(times.recruitmentClosesAt);
    expect(codeOf(await calls.enroll(otherMerchant.token, venue.id))).toBe('DEADLINE_PASSED');
    expect((await calls.venue(null, venue.id)).data!.venue.phase).toBe('DOCKING');

    // The admin decides (a rejection says why) and drafts the lineup: admins see it, nobody else yet.
    mustSucceed(await calls.decide(admin, first.id, 'ACCEPT'), 'accept');
    mustSucceed(await calls.decide(admin, second.id, 'ACCEPT', 'Great light'), 'accept');
    const rejected = mustSucceed(
      await calls.decide(admin, third.id, 'REJECT', 'Off-topic for this hall'),
      'reject',
    ).decideVenueSubmission as any;
    expect(rejected).toMatchObject({ status: 'REJECTED', reason: 'Off-topic for this hall' });
    const drafted = mustSucceed(
      await calls.setLineup(admin, venue.id, [second.id, first.id]),
      'setVenueLineup',
    ).setVenueLineup as any;
    expect(drafted.lineup).toEqual([
      { position: 1, submission: { id: second.id } },
      { position: 2, submission: { id: first.id } },
    ]);
    expect((await calls.venue(merchant.token, venue.id)).data!.venue.lineup).toEqual([]);
    expect((await calls.venue(null, venue.id)).data!.venue.lineup).toEqual([]);

    // CURATING: the deadline has passed for submitting and withdrawing; the admin publishes.
    await waitUntilPast(times.submissionDeadline);
    expect(codeOf(await calls.submit(merchant.token, { venueId: venue.id, orderId: orders[3] }))).toBe(
      'DEADLINE_PASSED',
    );
    expect(codeOf(await calls.withdraw(merchant.token, first.id))).toBe('DEADLINE_PASSED');
    const published = mustSucceed(await calls.publish(admin, venue.id), 'publishVenueLineup')
      .publishVenueLineup as any;
    expect(published.phase).toBe('CURATING');
    expect(published.lineupPublishedAt).not.toBeNull();

    // Published: the lineup is everyone's, and frozen.
    const publicView = await gql.request(
      `query($id: ID!) { venue(id: $id) { lineupPublishedAt lineup { position submission { id status deliverable { title } submittedBy { id } } } } }`,
      { id: venue.id },
    );
    expect(publicView.errors).toBeUndefined();
    expect(publicView.data!.venue.lineup.map((entry: any) => [entry.position, entry.submission.id])).toEqual([
      [1, second.id],
      [2, first.id],
    ]);
    expect(publicView.data!.venue.lineup[0].submission.deliverable.title).toBe('The video');
    // ... but the orders behind it stay with their parties.
    const probe = await gql.request(
      `query($id: ID!) { venue(id: $id) { lineup { submission { order { id } } } } }`,
      {
        id: venue.id,
      },
    );
    expect(probe.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const deliverableProbe = await gql.request(
      `query($id: ID!) { venue(id: $id) { lineup { submission { deliverable { order { id } } } } } }`,
      { id: venue.id },
      otherMerchant.token,
    );
    expect(deliverableProbe.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(codeOf(await calls.publish(admin, venue.id))).toBe('CONFLICT');
    expect(codeOf(await calls.setLineup(admin, venue.id, [first.id]))).toBe('CONFLICT');
    expect(codeOf(await calls.decide(admin, first.id, 'REJECT', 'Changed our mind'))).toBe('CONFLICT');

    // LIVE: the go-live timer fires and, finding the lineup published, changes nothing.
    await waitUntilPast(times.goLiveAt);
    expect((await calls.venue(null, venue.id)).data!.venue.phase).toBe('LIVE');
    await eventually(
      async () =>
        (await venueJobs(server, PUBLISH_LINEUP_JOB, venue.id)).every((job) => job.state === 'completed'),
      'the go-live timer to run',
    );
    const [row] = await server.sql(
      `SELECT lineup_published_at, lineup_published_by_user_id FROM venues WHERE id = $1`,
      [venue.id],
    );
    expect(row.lineup_published_at.toISOString()).toBe(published.lineupPublishedAt);
    expect(row.lineup_published_by_user_id).not.toBeNull();

    // Every decision was stored as a notification, in the transaction that made it (the orders'
    // own notifications, from their bids to their acceptance, are left out here).
    const venueNotes = async (userId: string) =>
      (await notificationsOf(server, userId)).filter((n) => n.type.startsWith('VENUE_')).map((n) => n.type);
    expect(await venueNotes(merchant.userId)).toEqual([
      'VENUE_ENROLLMENT_APPROVED',
      'VENUE_SUBMISSION_ACCEPTED',
      'VENUE_SUBMISSION_REJECTED',
      'VENUE_LINEUP_PUBLISHED',
    ]);
    expect(await venueNotes(creator.userId)).toEqual([
      'VENUE_ENROLLMENT_APPROVED',
      'VENUE_SUBMISSION_ACCEPTED',
      'VENUE_LINEUP_PUBLISHED',
    ]);
    const mine = await gql.ok(
      `{ notifications { totalCount nodes { type read venue { id } order { id } } } }`,
      {},
      creator.token,
    );
    expect(mine.notifications.nodes[0]).toEqual({
      type: 'VENUE_LINEUP_PUBLISHED',
      read: false,
      venue: { id: venue.id },
      order: { id: orders[1] },
    });
    expect(internalErrors(gql)).toEqual([]);
  }, 120_000);

  it('lets tasks target a venue only with content due by its submission deadline', async () => {
    const { gql, admin, merchant } = parties;
    const venue = await createVenue(gql, admin, { ...timeline(-1, 3600, 7 * 86400, 8 * 86400, 9 * 86400) });
    const task = (deliverByDays: number, venueId: string) => ({
      title: 'Sofa for the venue',
      brief: 'A video for the Double 11 hall.',
      contentType: 'VIDEO',
      channels: ['HEADLINES'],
      domainTags: ['home.furniture'],
      budget: { amount: '300.00', currencyCode: 'CNY' },
      slots: 1,
      applyBy: new Date(Date.now() + 86400_000).toISOString(),
      deliverBy: new Date(Date.now() + deliverByDays * 86400_000).toISOString(),
      venueId,
      publish: true,
    });
    const POST = `mutation($input: PostTaskInput!) { postTask(input: $input) { id venue { id name phase } } }`;
    const late = await gql.request(POST, { input: task(8, venue.id) }, merchant.token);
    expect(late.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { deliverBy: expect.any(String) },
    });
    const unknown = await gql.request(
      POST,
      { input: task(3, '00000000-0000-4000-8000-000000000000') },
      merchant.token,
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { venueId: expect.any(String) },
    });
    const posted = (await gql.ok(POST, { input: task(6, venue.id) }, merchant.token)).postTask;
    expect(posted.venue).toEqual({ id: venue.id, name: venue.name, phase: 'RECRUITING' });
    const listed = await gql.ok(
      `query($id: ID!) { tasks(filter: { venueId: $id }) { totalCount nodes { id } } }`,
      { id: venue.id },
    );
    expect(listed.tasks).toEqual({ totalCount: 1, nodes: [{ id: posted.id }] });
  });

  it('lists venues by phase and kind, newest first, in pages', async () => {
    const { gql, admin } = parties;
    const kinds = ['CREATOR', 'LIVE', 'HEADLINE', 'LIST'];
    const made: Record<string, string> = {};
    const phases: [string, number[]][] = [
      ['UPCOMING', [60, 120, 180, 240, 300]],
      ['RECRUITING', [-60, 120, 180, 240, 300]],
      ['DOCKING', [-120, -60, 180, 240, 300]],
      ['CURATING', [-180, -120, -60, 240, 300]],
      ['LIVE', [-240, -180, -120, -60, 300]],
      ['ENDED', [-300, -240, -180, -120, -60]],
    ];
    for (const [index, [phase, offsets]] of phases.entries()) {
      const [o, c, d, g, e] = offsets;
      const venue = await createVenue(gql, admin, {
        ...timeline(o, c, d, g, e),
        kind: kinds[index % 4],
        name: `Phase ${phase}`,
      });
      expect(venue.phase).toBe(phase);
      made[phase] = venue.id;
    }
    for (const [phase] of phases) {
      const found = await gql.ok(
        `query($phase: VenuePhase) { venues(phase: $phase, first: 100) { nodes { id phase } } }`,
        { phase },
      );
      expect(found.venues.nodes.map((node: any) => node.phase)).toEqual(found.venues.nodes.map(() => phase));
      expect(found.venues.nodes.map((node: any) => node.id)).toContain(made[phase]);
    }
    const live = await gql.ok(`{ venues(kind: LIVE, first: 100) { nodes { kind } } }`);
    expect(new Set(live.venues.nodes.map((node: any) => node.kind))).toEqual(new Set(['LIVE']));

    const all = await gql.ok(`{ venues(first: 100) { totalCount nodes { id } } }`);
    const pages: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (
        await gql.ok(
          `query($after: String) { venues(first: 3, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
          { after },
        )
      ).venues;
      pages.push(...page.nodes.map((node: any) => node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toEqual(all.venues.nodes.map((node: any) => node.id));
    expect(pages).toHaveLength(all.venues.totalCount);
  });
});
