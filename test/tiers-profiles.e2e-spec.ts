import { randomUUID } from 'node:crypto';
import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN,
  ADMIN_ENV,
  logInAdmin,
  signUpAgency,
  signUpCreator,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';

const SET_TIER = /* GraphQL */ `
  mutation SetTier($id: ID!, $tier: CreatorTier!, $reason: String!) {
    setCreatorTier(creatorId: $id, tier: $tier, reason: $reason) {
      id
      tier
      isBigV
    }
  }
`;

const HISTORY = /* GraphQL */ `
  query History($id: ID!) {
    creator(id: $id) {
      tier
      tierHistory {
        fromTier
        toTier
        reason
        createdAt
        actor {
          id
          email
          role
        }
      }
    }
  }
`;

const UPDATE_CREATOR = /* GraphQL */ `
  mutation UpdateCreator($input: UpdateCreatorProfileInput!) {
    updateCreatorProfile(input: $input) {
      id
      handle
      bio
      tier
      domainTags {
        slug
      }
      channels
      followerCount
    }
  }
`;

const UPDATE_MERCHANT = /* GraphQL */ `
  mutation UpdateMerchant($input: MerchantProfileInput!) {
    updateMerchantProfile(input: $input) {
      id
      shopName
      industry {
        slug
        parent {
          slug
        }
      }
      user {
        id
      }
    }
  }
`;

describe('creator tiers, the tier audit trail, and profile updates', () => {
  let server: TestServer;
  let adminToken: string;
  let adminUserId: string;
  let merchant: Account;
  let agency: Account;
  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    adminToken = await logInAdmin(server.gql);
    adminUserId = (await server.gql.ok(`{ me { id } }`, {}, adminToken)).me.id;
    merchant = await signUpMerchant(server.gql);
    agency = await signUpAgency(server.gql);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  const auditRows = (creatorId: string) =>
    server.sql(
      `SELECT from_tier, to_tier, reason, actor_user_id FROM creator_tier_changes WHERE creator_id = $1 ORDER BY created_at`,
      [creatorId],
    );
  const creatorRow = async (creatorId: string) =>
    (await server.sql(`SELECT * FROM creators WHERE id = $1`, [creatorId]))[0];

  describe('setCreatorTier', () => {
    it('is for admins only: UNAUTHENTICATED anonymously, FORBIDDEN for every other role, and changes nothing', async () => {
      const creator = await signUpCreator(server.gql);
      const variables = { id: creator.profileId, tier: 'CELEBRITY', reason: 'I said so' };
      expect((await server.gql.fail(SET_TIER, variables)).extensions?.code).toBe('UNAUTHENTICATED');
      for (const token of [merchant.token, agency.token, creator.token]) {
        expect((await server.gql.fail(SET_TIER, variables, token)).extensions?.code).toBe('FORBIDDEN');
      }
      expect((await creatorRow(creator.profileId)).tier).toBe('ORDINARY');
      expect(await auditRows(creator.profileId)).toEqual([]);
    });

    it('needs a reason of at most 500 characters', async () => {
      const creator = await signUpCreator(server.gql);
      for (const reason of ['', '   ', 'r'.repeat(501)]) {
        const error = await server.gql.fail(
          SET_TIER,
          { id: creator.profileId, tier: 'EXPERT', reason },
          adminToken,
        );
        expect(error.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: { reason: expect.any(String) },
        });
      }
      const missing = await server.gql.fail(
        `mutation($id: ID!) { setCreatorTier(creatorId: $id, tier: EXPERT) { tier } }`,
        { id: creator.profileId },
        adminToken,
      );
      expect(missing.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await creatorRow(creator.profileId)).tier).toBe('ORDINARY');
      expect(await auditRows(creator.profileId)).toEqual([]);
      await server.gql.ok(
        SET_TIER,
        { id: creator.profileId, tier: 'EXPERT', reason: 'r'.repeat(500) },
        adminToken,
      );
    });

    it('answers NOT_FOUND for an unknown or malformed creator id', async () => {
      for (const id of [randomUUID(), 'not-an-id', merchant.profileId]) {
        const error = await server.gql.fail(SET_TIER, { id, tier: 'EXPERT', reason: 'verified' }, adminToken);
        expect(error.extensions?.code).toBe('NOT_FOUND');
      }
    });

    it('sets the tier; CREATOR and above are big V', async () => {
      const creator = await signUpCreator(server.gql);
      const expected: [string, boolean][] = [
        ['CREATOR', true],
        ['EXPERT', true],
        ['CELEBRITY', true],
        ['ORDINARY', false],
      ];
      for (const [tier, isBigV] of expected) {
        const data = await server.gql.ok(
          SET_TIER,
          { id: creator.profileId, tier, reason: `now ${tier}` },
          adminToken,
        );
        expect(data.setCreatorTier).toEqual({ id: creator.profileId, tier, isBigV });
        const seen = await server.gql.ok(`query($id: ID!) { creator(id: $id) { tier isBigV } }`, {
          id: creator.profileId,
        });
        expect(seen.creator).toEqual({ tier, isBigV });
        expect((await creatorRow(creator.profileId)).tier).toBe(tier);
      }
    });

    it('keeps who changed which tier, from what, to what, when and why, newest first', async () => {
      const creator = await signUpCreator(server.gql);
      await server.gql.ok(
        SET_TIER,
        { id: creator.profileId, tier: 'CREATOR', reason: ' Passed review ' },
        adminToken,
      );
      await server.gql.ok(
        SET_TIER,
        { id: creator.profileId, tier: 'EXPERT', reason: 'Strong results' },
        adminToken,
      );

      const data = await server.gql.ok(HISTORY, { id: creator.profileId }, adminToken);
      expect(data.creator.tier).toBe('EXPERT');
      expect(data.creator.tierHistory).toEqual([
        expect.objectContaining({ fromTier: 'CREATOR', toTier: 'EXPERT', reason: 'Strong results' }),
        expect.objectContaining({ fromTier: 'ORDINARY', toTier: 'CREATOR', reason: 'Passed review' }),
      ]);
      for (const change of data.creator.tierHistory) {
        expect(change.actor).toEqual({ id: adminUserId, email: ADMIN.email, role: 'ADMIN' });
        expect(Date.now() - new Date(change.createdAt).getTime()).toBeLessThan(60_000);
      }
      expect(await auditRows(creator.profileId)).toEqual([
        { from_tier: 'ORDINARY', to_tier: 'CREATOR', reason: 'Passed review', actor_user_id: adminUserId },
        { from_tier: 'CREATOR', to_tier: 'EXPERT', reason: 'Strong results', actor_user_id: adminUserId },
      ]);
    });

    it('shows the audit trail to admins only', async () => {
      const creator = await signUpCreator(server.gql);
      const anonymous = await server.gql.request(HISTORY, { id: creator.profileId });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(anonymous.errors?.[0]?.path).toEqual(['creator', 'tierHistory']);
      for (const token of [creator.token, merchant.token, agency.token]) {
        const response = await server.gql.request(HISTORY, { id: creator.profileId }, token);
        expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(response.data?.creator ?? null).toBeNull();
      }
      // The rest of the profile stays public.
      const open = await server.gql.ok(`query($id: ID!) { creator(id: $id) { tier } }`, {
        id: creator.profileId,
      });
      expect(open.creator.tier).toBe('ORDINARY');
    });
  });

  describe('updateCreatorProfile', () => {
    it('is for creators only', async () => {
      const input = { bio: 'hello' };
      expect((await server.gql.fail(UPDATE_CREATOR, { input })).extensions?.code).toBe('UNAUTHENTICATED');
      for (const token of [merchant.token, agency.token, adminToken]) {
        expect((await server.gql.fail(UPDATE_CREATOR, { input }, token)).extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('changes only the fields given; null or blank clears the bio', async () => {
      const creator = await signUpCreator(
        server.gql,
        {},
        {
          bio: 'Original bio',
          domainTags: ['beauty.skincare'],
          channels: ['GOOD_FINDS'],
          followerCount: 100,
        },
      );
      const before = await creatorRow(creator.profileId);

      const tagsOnly = await server.gql.ok(
        UPDATE_CREATOR,
        { input: { domainTags: ['beauty', 'beauty.makeup', 'beauty'] } },
        creator.token,
      );
      expect(tagsOnly.updateCreatorProfile).toMatchObject({
        id: creator.profileId,
        bio: 'Original bio',
        channels: ['GOOD_FINDS'],
        followerCount: 100,
        tier: 'ORDINARY',
        domainTags: [{ slug: 'beauty' }, { slug: 'beauty.makeup' }],
      });

      const rest = await server.gql.ok(
        UPDATE_CREATOR,
        { input: { bio: '  New bio  ', channels: ['LIVE', 'LIVE', 'HEADLINES'], followerCount: 0 } },
        creator.token,
      );
      expect(rest.updateCreatorProfile).toMatchObject({
        bio: 'New bio',
        channels: ['LIVE', 'HEADLINES'],
        followerCount: 0,
        handle: before.handle,
      });

      const cleared = await server.gql.ok(UPDATE_CREATOR, { input: { bio: null } }, creator.token);
      expect(cleared.updateCreatorProfile.bio).toBeNull();
      await server.gql.ok(UPDATE_CREATOR, { input: { bio: 'again' } }, creator.token);
      const blank = await server.gql.ok(UPDATE_CREATOR, { input: { bio: '   ' } }, creator.token);
      expect(blank.updateCreatorProfile.bio).toBeNull();

      const nothing = await server.gql.ok(UPDATE_CREATOR, { input: {} }, creator.token);
      expect(nothing.updateCreatorProfile.domainTags).toEqual([
        { slug: 'beauty' },
        { slug: 'beauty.makeup' },
      ]);
    });

    it('refuses bad values with the field named, changing nothing', async () => {
      const creator = await signUpCreator(server.gql);
      const before = await creatorRow(creator.profileId);
      const cases: [Record<string, unknown>, string][] = [
        [{ domainTags: [] }, 'domainTags'],
        [{ domainTags: ['home', 'beauty', 'food', 'baby', 'pets', 'books'] }, 'domainTags'],
        [{ domainTags: ['home', 'home.nope'] }, 'domainTags'],
        [{ followerCount: -1 }, 'followerCount'],
        // GraphQL's largest Int: the matching scores' ln(1 + followers) once overflowed on it.
        [{ followerCount: 2_147_483_647 }, 'followerCount'],
        [{ followerCount: 1_000_000_001 }, 'followerCount'],
        [{ bio: 'b'.repeat(2001) }, 'bio'],
      ];
      for (const [input, field] of cases) {
        const error = await server.gql.fail(
          UPDATE_CREATOR,
          { input: { bio: 'should not stick', ...input } },
          creator.token,
        );
        expect(error.extensions?.code).toBe('BAD_USER_INPUT');
        expect(error.extensions?.fields).toHaveProperty([field]);
      }
      // Tier and handle are not the creator's to change.
      const tier = await server.gql.fail(UPDATE_CREATOR, { input: { tier: 'CELEBRITY' } }, creator.token);
      expect(tier.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await creatorRow(creator.profileId)).toEqual(before);
      // A billion followers, the most a creator may state, is taken.
      const most = await server.gql.ok(
        UPDATE_CREATOR,
        { input: { followerCount: 1_000_000_000 } },
        creator.token,
      );
      expect(most.updateCreatorProfile).toMatchObject({ followerCount: 1_000_000_000 });
    });
  });

  describe('updateMerchantProfile', () => {
    it('is for merchants only', async () => {
      const input = { shopName: 'Mine now' };
      expect((await server.gql.fail(UPDATE_MERCHANT, { input })).extensions?.code).toBe('UNAUTHENTICATED');
      const creator = await signUpCreator(server.gql);
      for (const token of [creator.token, agency.token, adminToken]) {
        expect((await server.gql.fail(UPDATE_MERCHANT, { input }, token)).extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('renames the shop; a left-out industry is kept, a null one cleared, a child tag accepted', async () => {
      const own = await signUpMerchant(server.gql);
      const renamed = await server.gql.ok(
        UPDATE_MERCHANT,
        { input: { shopName: '  Oak & Co  ' } },
        own.token,
      );
      expect(renamed.updateMerchantProfile).toEqual({
        id: own.profileId,
        shopName: 'Oak & Co',
        industry: { slug: 'home', parent: null },
        user: { id: own.userId },
      });
      const child = await server.gql.ok(
        UPDATE_MERCHANT,
        { input: { shopName: 'Oak & Co', industry: 'home.furniture' } },
        own.token,
      );
      expect(child.updateMerchantProfile.industry).toEqual({
        slug: 'home.furniture',
        parent: { slug: 'home' },
      });
      const cleared = await server.gql.ok(
        UPDATE_MERCHANT,
        { input: { shopName: 'Oak & Co', industry: null } },
        own.token,
      );
      expect(cleared.updateMerchantProfile.industry).toBeNull();
      const [row] = await server.sql(`SELECT shop_name, industry_slug FROM merchants WHERE id = $1`, [
        own.profileId,
      ]);
      expect(row).toEqual({ shop_name: 'Oak & Co', industry_slug: null });
    });

    it('refuses a blank or too long shop name and an unknown industry, changing nothing', async () => {
      const own = await signUpMerchant(server.gql);
      const cases: [Record<string, unknown>, string][] = [
        [{ shopName: '   ' }, 'shopName'],
        [{ shopName: '' }, 'shopName'],
        [{ shopName: 's'.repeat(121) }, 'shopName'],
        [{ shopName: 'Fine', industry: 'no-such-industry' }, 'industry'],
      ];
      for (const [input, field] of cases) {
        const error = await server.gql.fail(UPDATE_MERCHANT, { input }, own.token);
        expect(error.extensions?.code).toBe('BAD_USER_INPUT');
        expect(error.extensions?.fields).toHaveProperty([field]);
      }
      const [row] = await server.sql(`SELECT shop_name, industry_slug FROM merchants WHERE id = $1`, [
        own.profileId,
      ]);
      expect(row).toEqual({ shop_name: 'Test Shop', industry_slug: 'home' });
    });
  });
});
