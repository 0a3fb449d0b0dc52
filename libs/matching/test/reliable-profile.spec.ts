import { setTimeout as sleep } from 'node:timers/promises';
import { OrderPublicationService } from '@vtask/orders';
import { profileTrackColumns, trackPartSql } from '../src/match-score.sql';
import { startServiceTest, type ServiceTestContext } from '../../../test/support/service-harness';
import {
  completedOrders,
  setUpServiceParties,
  type ServiceParties,
} from '../../../test/support/service-fixtures';
import { setTrackRecord, TRACK_RECORD_POINTS } from './track-record-points';

/**
 * The match profile's reliability columns (migration ReliableRanking) follow the facts through the
 * database's own triggers, whatever path changes them, and the square's stored track_score is the
 * ranking's live formula (trackPartSql): the two are written separately and must not drift.
 */
describe('match profiles: reliability and the stored track score', () => {
  let context: ServiceTestContext;
  let p: ServiceParties;
  let publications: OrderPublicationService;

  const profile = async (creatorId: string) =>
    (
      await context.sql(
        `SELECT completed_orders, cancelled_orders, late_deliveries, ended_retentions, breached_retentions,
                verified_orders, track_score::float8 AS track_score
           FROM creator_match_profiles WHERE creator_id = $1`,
        [creatorId],
      )
    )[0];

  const afterDeadline = async (orderId: string, column: 'retain_until' | 'publish_by') => {
    for (;;) {
      const [row] = await context.sql(
        `SELECT ${column} <= clock_timestamp() AS passed FROM order_publications WHERE order_id = $1`,
        [orderId],
      );
      if (row.passed) return;
      await sleep(100);
    }
  };

  beforeAll(async () => {
    context = await startServiceTest({ env: { DAY_S: '1', PUBLISH_WINDOW_S: '1' } });
    p = await setUpServiceParties(context);
    publications = context.get(OrderPublicationService);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('counts ended and breached retentions as the retention rate does, and a breach lowers the track score', async () => {
    const creator = p.creator.creatorId!;
    const [kept, breached] = await completedOrders(context, p, 2, { retentionDays: 1 });
    await publications.markPublished(p.creator, kept, 'https://x.example/kept');
    await afterDeadline(kept, 'retain_until');
    await publications.releaseHoldback(kept);
    const clean = await profile(creator);
    expect(clean).toMatchObject({ completed_orders: 2, ended_retentions: 1, breached_retentions: 0 });

    await afterDeadline(breached, 'publish_by');
    await publications.breachUnpublished(breached);
    const after = await profile(creator);
    expect(after).toMatchObject({ completed_orders: 2, ended_retentions: 2, breached_retentions: 1 });
    const rate = (await publications.retentionRates([creator])).get(creator);
    expect(rate).toBe(1 - after.breached_retentions / after.ended_retentions);
    expect(after.track_score).toBeLessThan(clean.track_score);
  });

  it('stores the track score the ranking computes, for any mix of record, reliability and evidence', async () => {
    const creator = p.otherCreator.creatorId!;
    for (const point of TRACK_RECORD_POINTS) {
      await setTrackRecord(context, creator, point);
      const [row] = await context.sql(
        `SELECT track_score::text AS stored,
                round((${trackPartSql(profileTrackColumns('p'))})::numeric, 6)::text AS live
           FROM creator_match_profiles p WHERE creator_id = $1`,
        [creator],
      );
      expect(row.stored).toBe(row.live);
    }
    // More broken commitments, all else equal, always rank lower; more verified orders higher.
    const scoreOf = async (cancelled: number, verified: number) => {
      await setTrackRecord(context, creator, [10, 10, 10, 50, cancelled, 0, 0, verified]);
      return (await profile(creator)).track_score as number;
    };
    expect(await scoreOf(0, 0)).toBeGreaterThan(await scoreOf(1, 0));
    expect(await scoreOf(1, 0)).toBeGreaterThan(await scoreOf(2, 0));
    expect(await scoreOf(0, 5)).toBeGreaterThan(await scoreOf(0, 0));
  });
});
