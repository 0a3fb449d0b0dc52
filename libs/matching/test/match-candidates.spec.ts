import { Channel, CreatorsService, CreatorTier } from '@vtask/accounts';
import { audiencePartSql, profileTrackColumns, trackPartSql } from '../src/match-score.sql';
import { startServiceTest, type ServiceTestContext } from '../../../test/support/service-harness';
import { ensureAdmin, signUpCreator } from '../../../test/support/service-fixtures';
import { setTrackRecord, TRACK_RECORD_POINTS } from './track-record-points';

/**
 * The candidates of recommendedCreators (migration MatchCandidates): creator_match_tags follows the
 * match profiles through the database's own trigger, whatever path changes them (a creator's own
 * profile, an admin's tier decision, the track record's refresh), and the per-creator parts stored on
 * the profile are the ranking's live formula: the two are written separately and must not drift.
 */
describe('match candidates: one covering row per big-V creator and tag', () => {
  let context: ServiceTestContext;
  let creators: CreatorsService;

  const rowsOf = async (creatorId: string) =>
    context.sql(
      `SELECT t.tag, t.tag_position, t.tier, t.domain_tags, t.channels::text[] AS channels, t.follower_count,
              t.audience_part = p.audience_part AND t.track_part = p.track_part
                AND t.price_currencies = p.price_currencies AND t.price_typical_minor = p.price_typical_minor AS same_parts
         FROM creator_match_tags t JOIN creator_match_profiles p ON p.creator_id = t.creator_id
        WHERE t.creator_id = $1 ORDER BY t.tag_position`,
      [creatorId],
    );

  beforeAll(async () => {
    context = await startServiceTest();
    creators = context.get(CreatorsService);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('holds big-V creators only, one row per tag at its first position, and follows tier and profile changes', async () => {
    const admin = await ensureAdmin(context);
    const creator = await signUpCreator(context, {
      domainTags: ['home.furniture', 'home'],
      channels: [Channel.HEADLINES],
      followerCount: 5000,
    });
    const id = creator.creatorId!;
    expect(await rowsOf(id)).toEqual([]);

    await creators.setTier(admin, id, CreatorTier.EXPERT, 'big enough');
    expect(await rowsOf(id)).toEqual([
      expect.objectContaining({
        tag: 'home.furniture',
        tag_position: 1,
        tier: 'EXPERT',
        follower_count: 5000,
        same_parts: true,
      }),
      expect.objectContaining({ tag: 'home', tag_position: 2, tier: 'EXPERT', same_parts: true }),
    ]);

    await creators.updateProfile(creator, {
      domainTags: ['beauty'],
      channels: [Channel.LIVE, Channel.HEADLINES],
      followerCount: 90_000,
    });
    expect(await rowsOf(id)).toEqual([
      expect.objectContaining({
        tag: 'beauty',
        tag_position: 1,
        domain_tags: ['beauty'],
        channels: ['LIVE', 'HEADLINES'],
        follower_count: 90_000,
        same_parts: true,
      }),
    ]);

    await creators.setTier(admin, id, CreatorTier.ORDINARY, 'back to ordinary');
    expect(await rowsOf(id)).toEqual([]);
  });

  it('stores the audience and track parts the ranking computes, and copies them to the candidate rows', async () => {
    const admin = await ensureAdmin(context);
    const creator = await signUpCreator(context, { followerCount: 123_456 });
    const id = creator.creatorId!;
    await creators.setTier(admin, id, CreatorTier.CREATOR, 'big enough');
    for (const point of TRACK_RECORD_POINTS) {
      await setTrackRecord(context, id, point);
      // Compared as float8 bits (their text round-trips exactly): ranking orders by these values.
      const [row] = await context.sql(
        `SELECT track_part::text AS stored_track, (${trackPartSql(profileTrackColumns('p'))})::text AS live_track,
                audience_part::text AS stored_audience, (${audiencePartSql('p.follower_count')})::text AS live_audience
           FROM creator_match_profiles p WHERE creator_id = $1`,
        [id],
      );
      expect(row.stored_track).toBe(row.live_track);
      expect(row.stored_audience).toBe(row.live_audience);
      expect(await rowsOf(id)).toEqual([expect.objectContaining({ same_parts: true })]);
    }
  });
});
