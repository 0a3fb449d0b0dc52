import { formatInstant } from '@vtask/core';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { waitUntilPast } from './support/market-fixtures';
import { eventually, mustSucceed, setUpParties, type Parties } from './support/order-fixtures';
import {
  completedOrders,
  createVenue,
  enrollApproved,
  notificationsOf,
  PUBLISH_LINEUP_JOB,
  REMIND_DEADLINE_JOB,
  timeline,
  venueCalls,
  venueJobs,
} from './support/venue-fixtures';

const DAY_S = 24 * 3600;

/**
 * A venue `goLiveInSeconds` from going live (submissions close a second before), with one accepted
 * submission in its draft lineup. The seconds leave room for the setup on a loaded machine.
 */
async function venueWithDraftLineup(parties: Parties, orderId: string, goLiveInSeconds: number) {
  const { gql, admin, merchant } = parties;
  const calls = venueCalls(gql);
  const times = timeline(-1, goLiveInSeconds - 2, goLiveInSeconds - 1, goLiveInSeconds, 3600);
  const venue = await createVenue(gql, admin, times);
  await enrollApproved(calls, admin, merchant.token, venue.id);
  const submission = mustSucceed(await calls.submit(merchant.token, { venueId: venue.id, orderId }), 'submit')
    .submitToVenue as any;
  mustSucceed(await calls.decide(admin, submission.id, 'ACCEPT'), 'accept');
  mustSucceed(await calls.setLineup(admin, venue.id, [submission.id]), 'setVenueLineup');
  return { venue, submission, times };
}

async function publication(server: TestServer, venueId: string) {
  const [row] = await server.sql(
    `SELECT lineup_published_at, lineup_published_by_user_id, go_live_at FROM venues WHERE id = $1`,
    [venueId],
  );
  return row as {
    lineup_published_at: Date | null;
    lineup_published_by_user_id: string | null;
    go_live_at: Date;
  };
}

describe('venue timers', () => {
  it('publish the lineup at goLiveAt even when the server was killed before it', async () => {
    let server = await startTestServer({ env: ADMIN_ENV, dropOnClose: true });
    try {
      const parties = await setUpParties(server);
      const [orderId] = await completedOrders(parties, 1);
      const { venue, submission, times } = await venueWithDraftLineup(parties, orderId, 20);
      // A crash before goLiveAt: nothing runs the timer while the server is down.
      await server.kill();
      await waitUntilPast(times.goLiveAt, 1500);
      expect((await publication(server, venue.id)).lineup_published_at).toBeNull();

      server = await startTestServer({ databaseUrl: server.databaseUrl, env: ADMIN_ENV, dropOnClose: true });
      const published = await eventually(
        async () => (await publication(server, venue.id)).lineup_published_at,
        'the go-live timer to publish after the restart',
      );
      const row = await publication(server, venue.id);
      expect(published!.getTime()).toBeGreaterThanOrEqual(row.go_live_at.getTime());
      expect(row.lineup_published_by_user_id).toBeNull(); // the timer, not an admin
      const view = await server.gql.ok(
        `query($id: ID!) { venue(id: $id) { phase lineupPublishedAt lineup { position submission { id } } } }`,
        { id: venue.id },
      );
      expect(view.venue).toMatchObject({
        phase: 'LIVE',
        lineup: [{ position: 1, submission: { id: submission.id } }],
      });
      const lineupNotes = (await notificationsOf(server, parties.merchant.userId)).filter(
        (n) => n.type === 'VENUE_LINEUP_PUBLISHED',
      );
      expect(lineupNotes).toHaveLength(1);
      expect(await venueJobs(server, PUBLISH_LINEUP_JOB, venue.id)).toEqual([
        { state: 'completed', retry_count: 0 },
      ]);
    } finally {
      await server.close();
    }
  }, 120_000);

  describe('with two server instances on one database', () => {
    let first: TestServer;
    let second: TestServer;
    let parties: Parties;

    beforeAll(async () => {
      first = await startTestServer({ env: ADMIN_ENV });
      second = await startTestServer({ databaseUrl: first.databaseUrl, env: ADMIN_ENV, dropOnClose: false });
      parties = await setUpParties(first);
    });
    afterAll(async () => {
      await second.close();
      await first.close();
    });

    it('publish a lineup once', async () => {
      const [orderId] = await completedOrders(parties, 1);
      const { venue, times } = await venueWithDraftLineup(parties, orderId, 15);
      await waitUntilPast(times.goLiveAt);
      await eventually(
        async () => (await publication(first, venue.id)).lineup_published_at,
        'the go-live timer',
      );
      // Give the other instance every chance to publish again.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const logLines = (server: TestServer) =>
        server
          .logs()
          .split('\n')
          .filter((line) => line.includes(`Venue ${venue.id} went live`)).length;
      expect(logLines(first) + logLines(second)).toBe(1);
      expect(await venueJobs(first, PUBLISH_LINEUP_JOB, venue.id)).toEqual([
        { state: 'completed', retry_count: 0 },
      ]);
      const notes = (await notificationsOf(first, parties.merchant.userId)).filter(
        (n) => n.type === 'VENUE_LINEUP_PUBLISHED' && n.venue_id === venue.id,
      );
      expect(notes).toHaveLength(1);
    }, 120_000);

    it('remind everyone enrolled, once, 24 h before the submission deadline', async () => {
      const { gql, admin, merchant, creator, otherMerchant } = parties;
      const calls = venueCalls(gql);
      // The reminder is due a few seconds from now; recruitment is still open.
      const venue = await createVenue(gql, admin, timeline(-1, 3600, DAY_S + 20, DAY_S + 3600, 2 * DAY_S));
      await enrollApproved(calls, admin, merchant.token, venue.id); // approved: reminded
      mustSucceed(await calls.enroll(creator.token, venue.id), 'enroll'); // pending: reminded too
      const rejected = mustSucceed(await calls.enroll(otherMerchant.token, venue.id), 'enroll')
        .enrollInVenue as any;
      mustSucceed(await calls.decideEnrollment(admin, rejected.id, false), 'reject'); // rejected: not reminded
      // A venue whose reminder moment has already passed gets no reminder timer at all.
      const late = await createVenue(gql, admin, timeline(-1, 3600, 12 * 3600, DAY_S, 2 * DAY_S));
      expect(await venueJobs(first, REMIND_DEADLINE_JOB, late.id)).toEqual([]);

      const reminded = (userId: string) =>
        notificationsOf(first, userId).then((rows) =>
          rows.filter((row) => row.type === 'VENUE_DEADLINE_SOON' && row.venue_id === venue.id),
        );
      await eventually(
        async () => (await reminded(merchant.userId)).length > 0,
        'the deadline reminder',
        45_000,
      );
      await eventually(
        async () =>
          (await venueJobs(first, REMIND_DEADLINE_JOB, venue.id)).every((job) => job.state === 'completed'),
        'the reminder job to complete',
      );
      expect(await reminded(merchant.userId)).toHaveLength(1);
      expect(await reminded(creator.userId)).toHaveLength(1);
      expect(await reminded(otherMerchant.userId)).toHaveLength(0);
      const [row] = await first.sql(`SELECT deadline_reminder_sent_at FROM venues WHERE id = $1`, [venue.id]);
      expect(row.deadline_reminder_sent_at).not.toBeNull();
      const listed = await gql.ok(
        `{ notifications(unreadOnly: true) { nodes { type message venue { id name } } } }`,
        {},
        creator.token,
      );
      expect(
        listed.notifications.nodes.find((node: any) => node.type === 'VENUE_DEADLINE_SOON'),
      ).toMatchObject({
        type: 'VENUE_DEADLINE_SOON',
        venue: { id: venue.id },
        // The deadline as the reader writes it, in their zone (Asia/Shanghai when the request names none).
        message: expect.stringContaining(
          formatInstant(new Date(venue.submissionDeadline), { locale: 'en', timeZone: 'Asia/Shanghai' }),
        ),
      });
    }, 120_000);
  });
});
