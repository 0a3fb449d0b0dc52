import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpCreator,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { postOffer, SET_OFFER_STATUS } from './support/market-fixtures';
import { completedOrder, CREATOR_CARD, SQUARE } from './support/square-fixtures';

/**
 * The creator square (找达人): `creators` with every filter and sort of version 2, merchants' big-V
 * default, stable keyset pages under equal keys, privacy and a constant number of statements per page.
 */
const SQUARE_TOTAL = /* GraphQL */ `
  query SquareTotal($filter: CreatorFilter, $first: Int, $after: String) {
    creators(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        totalCountIsExact
        endCursor
      }
      nodes {
        id
      }
    }
  }
`;

describe('creator square', () => {
  let server: TestServer;
  let merchant: Account;
  const made: Record<string, Account> = {};
  const nameOf = new Map<string, string>();

  beforeAll(async () => {
    server = await startTestServer({ env: { ...ADMIN_ENV, PUBLIC_CACHE: 'off', EXPOSE_QUERY_STATS: 'on' } });
    const gql = server.gql;
    const admin = await logInAdmin(gql);
    merchant = await signUpMerchant(gql, { merchant: { shopName: 'Oak & Co', industry: 'home' } });
    // Created one after another: NEWEST is e, d, c, b, a.
    made.a = await signUpCreatorWithTier(gql, admin, 'CELEBRITY', {
      handle: 'sq_alpha',
      bio: 'Oak furniture in small flats',
      domainTags: ['home.furniture', 'home.decor'],
      channels: ['LIVE'],
      followerCount: 50_000,
    });
    made.b = await signUpCreatorWithTier(gql, admin, 'EXPERT', {
      handle: 'sq_beta',
      domainTags: ['home.decor'],
      channels: ['HEADLINES'],
      followerCount: 20_000,
    });
    made.c = await signUpCreatorWithTier(gql, admin, 'CREATOR', {
      handle: 'sq_gamma',
      domainTags: ['beauty.skincare'],
      followerCount: 5_000,
    });
    made.d = await signUpCreator(
      gql,
      {},
      { handle: 'sq_delta', domainTags: ['home'], followerCount: 100_000 },
    );
    made.e = await signUpCreatorWithTier(gql, admin, 'CREATOR', {
      handle: 'sq_epsilon',
      domainTags: ['digital.phones'],
      followerCount: 20_000,
    });
    for (const [name, account] of Object.entries(made)) nameOf.set(account.profileId, name);

    for (const amount of ['800.00', '1000.00', '1200.00']) {
      await postOffer(gql, made.a.token, { price: { amount, currencyCode: 'CNY' } });
    }
    const paused = await postOffer(gql, made.b.token, {
      contentType: 'LIVE',
      scheduledAt: new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString(),
      price: { amount: '300.00', currencyCode: 'CNY' },
    });
    await gql.ok(SET_OFFER_STATUS, { id: paused.id, status: 'PAUSED' }, made.b.token);
    await completedOrder(gql, merchant, made.b, { price: '300.00', rating: 5 });
    await completedOrder(gql, merchant, made.b, { price: '300.00', rating: 5 });
    await completedOrder(gql, merchant, made.c, { price: '500.00', rating: 3 });
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  async function names(
    filter: Record<string, unknown> = {},
    orderBy: string | null = null,
    token: string | null = null,
  ): Promise<string[]> {
    const data = await server.gql.ok(SQUARE, { filter, orderBy, first: 100 }, token);
    expect(data.creators.totalCount).toBe(data.creators.nodes.length);
    return data.creators.nodes.map((node: { id: string }) => nameOf.get(node.id) ?? node.id);
  }
  const sorted = async (filter: Record<string, unknown>, token: string | null = null) =>
    (await names(filter, null, token)).sort();
  /** The creators after the first few, for sorts that end in ties broken by id. */
  const byIdDesc = (...keys: string[]) =>
    keys.sort((x, y) => (made[x].profileId < made[y].profileId ? 1 : -1));

  describe('who is listed', () => {
    it('lists only big-V creators to merchants unless they ask for a lower tier; everyone to others', async () => {
      expect(await sorted({}, merchant.token)).toEqual(['a', 'b', 'c', 'e']);
      expect(await sorted({ minTier: 'ORDINARY' }, merchant.token)).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(await sorted({})).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(await sorted({ domainTags: ['home'] }, merchant.token)).toEqual(['a', 'b']);
    });

    it('matches a parent tag to its children', async () => {
      expect(await sorted({ domainTags: ['home'] })).toEqual(['a', 'b', 'd']);
      expect(await sorted({ domainTags: ['home.decor'] })).toEqual(['a', 'b']);
      expect(await sorted({ domainTags: ['beauty', 'digital'] })).toEqual(['c', 'e']);
    });
  });

  describe('filters', () => {
    it('by content type: of open offers (paused too) and of completed orders', async () => {
      expect(await sorted({ contentType: 'LIVE' })).toEqual(['b']);
      expect(await sorted({ contentType: 'VIDEO' })).toEqual(['a', 'b', 'c']);
      expect(await sorted({ contentType: 'OUTFIT' })).toEqual([]);
    });

    it('by followers range, bounds included', async () => {
      expect(await sorted({ minFollowers: 20_000 })).toEqual(['a', 'b', 'd', 'e']);
      expect(await sorted({ maxFollowers: 20_000 })).toEqual(['b', 'c', 'e']);
      expect(await sorted({ minFollowers: 20_000, maxFollowers: 20_000 })).toEqual(['b', 'e']);
    });

    it('by typical price in the currency asked', async () => {
      expect(await sorted({ maxTypicalPrice: { amount: '500.00', currencyCode: 'CNY' } })).toEqual([
        'b',
        'c',
      ]);
      expect(await sorted({ maxTypicalPrice: { amount: '1000.00', currencyCode: 'CNY' } })).toEqual([
        'a',
        'b',
        'c',
      ]);
      expect(await sorted({ maxTypicalPrice: { amount: '9999.00', currencyCode: 'USD' } })).toEqual([]);
    });

    it('by completed orders and rating', async () => {
      expect(await sorted({ minCompletedOrders: 1 })).toEqual(['b', 'c']);
      expect(await sorted({ minCompletedOrders: 2 })).toEqual(['b']);
      expect(await sorted({ minRating: 4 })).toEqual(['b']);
      expect(await sorted({ minRating: 3 })).toEqual(['b', 'c']);
    });

    it('by having an ACTIVE offer', async () => {
      expect(await sorted({ hasActiveOffer: true })).toEqual(['a']);
      expect(await sorted({ hasActiveOffer: false })).toEqual(['b', 'c', 'd', 'e']);
    });

    it('combines the new filters with tags, tier, channel and text', async () => {
      expect(await sorted({ domainTags: ['home'], minFollowers: 30_000 })).toEqual(['a', 'd']);
      expect(await sorted({ domainTags: ['home'], minFollowers: 30_000 }, merchant.token)).toEqual(['a']);
      expect(await sorted({ channel: 'HEADLINES', minCompletedOrders: 1 })).toEqual(['b', 'c']);
      expect(await sorted({ search: 'oak', hasActiveOffer: true })).toEqual(['a']);
    });

    it('refuses negative counts, a rating outside 0-5 and a price that is not positive', async () => {
      for (const [filter, field] of [
        [{ minFollowers: -1 }, 'minFollowers'],
        [{ minCompletedOrders: -5 }, 'minCompletedOrders'],
        [{ minRating: 6 }, 'minRating'],
        [{ maxTypicalPrice: { amount: '0.00', currencyCode: 'CNY' } }, 'maxTypicalPrice.amount'],
      ] as const) {
        const error = await server.gql.fail(SQUARE, { filter });
        expect(error.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: { [field]: expect.any(String) },
        });
      }
    });
  });

  describe('sorts', () => {
    it('defaults to RELEVANCE: the track record first without text or tags', async () => {
      expect(await names()).toEqual(['b', 'c', ...byIdDesc('a', 'd', 'e')]);
      expect(await names({}, 'RELEVANCE')).toEqual(await names());
    });

    it('ranks by tag match, then track record, when tags are asked', async () => {
      // a has two home tags; b and d one each, and b has the better track record.
      expect(await names({ domainTags: ['home'] })).toEqual(['a', 'b', 'd']);
    });

    it('ranks the closer text match first', async () => {
      expect((await names({ search: 'sq_beta' }))[0]).toBe('b');
    });

    it('by followers, rating, completed orders, lowest typical price and newest', async () => {
      expect(await names({}, 'FOLLOWERS')).toEqual(['d', 'a', ...byIdDesc('b', 'e'), 'c']);
      expect(await names({}, 'RATING')).toEqual(['b', 'c', ...byIdDesc('a', 'd', 'e')]);
      expect(await names({}, 'COMPLETED_ORDERS')).toEqual(['b', 'c', ...byIdDesc('a', 'd', 'e')]);
      // No price sorts last, ties ascending by id as the rest of this order.
      expect(await names({}, 'PRICE_LOW')).toEqual(['b', 'c', 'a', ...byIdDesc('d', 'e').reverse()]);
      expect(await names({}, 'NEWEST')).toEqual(['e', 'd', 'c', 'b', 'a']);
    });

    it('sorts by the typical price of the currency asked', async () => {
      const ranked = await names(
        { maxTypicalPrice: { amount: '2000.00', currencyCode: 'CNY' } },
        'PRICE_LOW',
      );
      expect(ranked).toEqual(['b', 'c', 'a']);
    });
  });

  describe('cards', () => {
    it('carry the price range: quartiles of open offers and completed orders', async () => {
      const query = `query($id: ID!) { creator(id: $id) { ...CreatorCard usd: priceRange(currency: USD) { low { amount } } } } ${CREATOR_CARD}`;
      const alpha = (await server.gql.ok(query, { id: made.a.profileId })).creator;
      expect(alpha.priceRange).toEqual({
        low: { amount: '800.00', currencyCode: 'CNY' },
        typical: { amount: '1000.00' },
        high: { amount: '1200.00' },
      });
      expect(alpha.usd).toBeNull();
      const beta = (await server.gql.ok(query, { id: made.b.profileId })).creator;
      expect(beta.priceRange.typical).toEqual({ amount: '300.00' });
      expect(beta.stats).toEqual({ completedOrders: 2, averageRating: 5 });
      expect((await server.gql.ok(query, { id: made.d.profileId })).creator.priceRange).toBeNull();
    });

    it('show nothing private: no email, payout or wallet field on a creator', async () => {
      const data = await server.gql.ok(`{ __type(name: "Creator") { fields { name } } }`);
      const fields: string[] = data.__type.fields.map((field: { name: string }) => field.name);
      expect(fields).toEqual(
        expect.arrayContaining(['priceRange', 'portfolio', 'reviews', 'inMyShortlists']),
      );
      for (const field of fields) expect(field).not.toMatch(/email|payout|wallet|balance|phone|user/i);
      const unknown = await server.gql.fail(`{ creators { nodes { email } } }`);
      expect(unknown.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('cost the same number of statements for a page of 2 and a page of 5', async () => {
      const query = `query($first: Int) { creators(first: $first, filter: { minTier: ORDINARY }) {
          nodes { ...CreatorCard displayName domainTags { slug } agency { id } inMyShortlists { id } }
        } } ${CREATOR_CARD}`;
      const statements = async (first: number) => {
        const response = await server.gql.request(query, { first }, merchant.token);
        expect(response.errors).toBeUndefined();
        expect(response.data!.creators.nodes).toHaveLength(first);
        return Number(response.headers['x-sql-statements']);
      };
      await statements(1);
      const two = await statements(2);
      expect(two).toBeGreaterThan(0);
      expect(await statements(5)).toBe(two);
    });
  });

  describe('tag relevance kept per creator and tag', () => {
    it('adds up the tags asked together, and counts a tag asked with its parent once', async () => {
      // a covers two of home's tags, c and e one tag each of beauty and digital.
      expect(await names({ domainTags: ['home', 'beauty'] })).toEqual(['a', 'b', 'c', 'd']);
      expect(await names({ domainTags: ['home', 'home.decor'] })).toEqual(['a', 'b', 'd']);
      expect(
        await names({ domainTags: ['home', 'home', 'beauty', 'digital'] }, null, merchant.token),
      ).toEqual(['a', 'b', 'c', 'e']);
    });

    it('gives several tags their whole total on every page, from the ranks the page groups', async () => {
      const filter = { domainTags: ['home', 'beauty'] };
      let after: string | null = null;
      const seen: string[] = [];
      for (let pages = 0; pages < 4; pages++) {
        const data: any = await server.gql.ok(SQUARE_TOTAL, { filter, first: 1, after });
        expect(data.creators.totalCount).toBe(4);
        expect(data.creators.pageInfo.totalCountIsExact).toBe(true);
        seen.push(...data.creators.nodes.map((node: { id: string }) => nameOf.get(node.id)));
        after = data.creators.pageInfo.endCursor;
      }
      expect(seen).toEqual(['a', 'b', 'c', 'd']);
    });

    it('follows profile, tier and track record changes at once', async () => {
      const admin = await logInAdmin(server.gql);
      const f = await signUpCreatorWithTier(server.gql, admin, 'CREATOR', {
        handle: 'sq_phi',
        domainTags: ['pets.food'],
        followerCount: 9_000,
      });
      const g = await signUpCreatorWithTier(server.gql, admin, 'CREATOR', {
        handle: 'sq_gamma2',
        domainTags: ['pets.food'],
        followerCount: 9_000,
      });
      made.f = f;
      made.g = g;
      nameOf.set(f.profileId, 'f').set(g.profileId, 'g');
      expect(await names({ domainTags: ['pets'] })).toEqual(byIdDesc('f', 'g'));

      await completedOrder(server.gql, merchant, f, { price: '200.00', rating: 5 });
      expect(await names({ domainTags: ['pets'] })).toEqual(['f', 'g']);

      await server.gql.ok(
        `mutation($tags: [ID!]) { updateCreatorProfile(input: { domainTags: $tags }) { id } }`,
        { tags: ['pets.food', 'pets.health'] },
        g.token,
      );
      expect(await names({ domainTags: ['pets'] })).toEqual(['g', 'f']);
      expect(await names({ domainTags: ['pets.food'] })).toEqual(['f', 'g']);

      await server.gql.ok(
        `mutation($id: ID!) { setCreatorTier(creatorId: $id, tier: ORDINARY, reason: "test") { id } }`,
        { id: g.profileId },
        admin,
      );
      expect(await names({ domainTags: ['pets'] }, null, merchant.token)).toEqual(['f']);
      // The count of a filter the match profiles hold alone, beside the list it counts.
      expect(
        await names({ domainTags: ['pets'], minTier: 'ORDINARY', channel: 'COMMUNITY', minFollowers: 9_000 }),
      ).toEqual([]);
      expect(await names({ domainTags: ['pets'], minFollowers: 9_000, maxFollowers: 9_000 })).toEqual([
        'g',
        'f',
      ]);
    });
  });

  describe('pages', () => {
    async function walk(filter: Record<string, unknown>, orderBy: string, first: number) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const data: any = await server.gql.ok(SQUARE, { filter, orderBy, first, after });
        expect(data.creators.totalCount).toBe(7);
        seen.push(...data.creators.nodes.map((node: { id: string }) => node.id));
        if (!data.creators.pageInfo.hasNextPage) return seen;
        after = data.creators.pageInfo.endCursor;
      }
      throw new Error('too many pages');
    }

    it('lose and repeat no one when every sort key is equal (the id breaks ties)', async () => {
      await server.sql(`
        WITH u AS (
          INSERT INTO users (email, password_hash, display_name, role)
          SELECT 'tie' || g || '@example.com', 'not-a-hash', 'Tie ' || g, 'CREATOR' FROM generate_series(1, 7) g
          RETURNING id, display_name
        )
        INSERT INTO creators (user_id, handle, domain_tags, channels, follower_count)
        SELECT id, 'tie-' || split_part(display_name, ' ', 2), ARRAY['books.children'], ARRAY['COMMUNITY']::channel[], 777
          FROM u`);
      for (const orderBy of ['RELEVANCE', 'FOLLOWERS', 'RATING', 'COMPLETED_ORDERS', 'PRICE_LOW', 'NEWEST']) {
        for (const first of [1, 2, 3]) {
          const seen = await walk({ domainTags: ['books'] }, orderBy, first);
          expect(seen).toHaveLength(7);
          expect(new Set(seen).size).toBe(7);
        }
      }
    });

    it('page a text search as its full ranking does, perfect matches first', async () => {
      // Four bios have "maple" as a word (rank 1: found by walking the track record) and three only
      // inside a longer word (ranked below them: the pages past the perfect ones rank every match).
      await server.sql(`
        WITH u AS (
          INSERT INTO users (email, password_hash, display_name, role)
          SELECT 'maple' || g || '@example.com', 'not-a-hash', 'Maple ' || g, 'CREATOR' FROM generate_series(1, 7) g
          RETURNING id, email
        )
        INSERT INTO creators (user_id, handle, bio, domain_tags, channels, follower_count)
        SELECT id, 'mp-' || split_part(email, '@', 1),
               CASE WHEN split_part(email, '@', 1) IN ('maple1', 'maple3', 'maple5', 'maple7')
                    THEN 'Syrup and maple trees' ELSE 'Mapleshire crafts' END,
               ARRAY['food.snacks'], ARRAY['COMMUNITY']::channel[], 10
          FROM u`);
      await server.sql(
        `UPDATE creator_match_profiles SET completed_orders = 3, on_time_orders = 3
          WHERE creator_id IN (SELECT c.id FROM creators c WHERE c.handle IN ('mp-maple3', 'mp-maple6'))`,
      );
      const ids = async (filter: Record<string, unknown>, first: number, after: string | null) => {
        const data: any = await server.gql.ok(SQUARE, { filter, first, after });
        return data.creators;
      };
      const handles = new Map(
        (
          await server.sql<{ id: string; handle: string }>(
            `SELECT id, handle FROM creators WHERE handle LIKE 'mp-maple%'`,
          )
        ).map((row) => [row.id, row.handle]),
      );
      const all = (await ids({ search: 'maple' }, 100, null)).nodes.map((n: { id: string }) =>
        handles.get(n.id),
      );
      expect(all).toHaveLength(7);
      // The perfect matches first, the better track record first among them; then the partial ones.
      expect(all[0]).toBe('mp-maple3');
      expect(new Set(all.slice(0, 4))).toEqual(new Set(['mp-maple1', 'mp-maple3', 'mp-maple5', 'mp-maple7']));
      for (const first of [1, 2, 3, 5]) {
        const seen: string[] = [];
        let after: string | null = null;
        for (let pages = 0; pages < 10; pages++) {
          const page: any = await ids({ search: 'maple' }, first, after);
          expect(page.totalCount).toBe(7);
          seen.push(...page.nodes.map((n: { id: string }) => handles.get(n.id)));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(seen).toEqual(all);
      }
    });

    it("refuses another sort's cursor as BAD_USER_INPUT", async () => {
      const newest = await server.gql.ok(SQUARE, { orderBy: 'NEWEST', first: 1 });
      const error = await server.gql.fail(SQUARE, {
        orderBy: 'RATING',
        after: newest.creators.pageInfo.endCursor,
      });
      expect(error.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { after: expect.any(String) },
      });
    });
  });
});
