import { randomUUID } from 'node:crypto';
import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpAgency,
  signUpCreator,
  signUpCreatorWithTier,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';

const CREATORS = /* GraphQL */ `
  query Creators($filter: CreatorFilter, $orderBy: CreatorOrder, $first: Int, $after: String) {
    creators(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        handle
        displayName
        tier
      }
    }
  }
`;

interface Tag {
  slug: string;
  name: string;
  parent: { slug: string } | null;
  children: { slug: string }[];
}

const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('domain tags and creator queries', () => {
  let server: TestServer;
  const made: Record<string, Account> = {};
  let agency: Account;
  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    const admin = await logInAdmin(server.gql);
    agency = await signUpAgency(server.gql);
    made.alpha = await signUpCreatorWithTier(server.gql, admin, 'CELEBRITY', {
      handle: 'alpha_home',
      bio: 'Furniture and storage for small flats',
      domainTags: ['home.furniture'],
      channels: ['HEADLINES', 'LIVE'],
    });
    made.beta = await signUpCreator(
      server.gql,
      { displayName: 'Beta Person' },
      { handle: 'beta-b', domainTags: ['home'], channels: ['STROLL'] },
    );
    made.gamma = await signUpCreatorWithTier(server.gql, admin, 'EXPERT', {
      handle: 'gamma',
      domainTags: ['beauty.skincare'],
      channels: ['LIVE'],
    });
    made.delta = await signUpCreatorWithTier(server.gql, admin, 'CREATOR', {
      handle: 'delta',
      bio: '100% natural_oils',
      domainTags: ['beauty', 'home.decor'],
      channels: ['GOOD_FINDS'],
    });
    made.epsilon = await signUpCreator(
      server.gql,
      {},
      { handle: 'epsilon', domainTags: ['digital.phones'], channels: ['EXTERNAL'] },
    );
    for (const member of [made.gamma, made.delta]) {
      await server.gql.ok(
        `mutation($id: ID!) { inviteToAgency(creatorId: $id) { id } }`,
        { id: member.profileId },
        agency.token,
      );
      await server.gql.ok(
        `mutation($id: ID!) { joinAgency(agencyId: $id) { id } }`,
        { id: agency.profileId },
        member.token,
      );
    }
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  async function handles(filter: Record<string, unknown>): Promise<string[]> {
    const data = await server.gql.ok(CREATORS, { filter, first: 100 });
    expect(data.creators.totalCount).toBe(data.creators.nodes.length);
    return data.creators.nodes.map((node: { handle: string }) => node.handle).sort();
  }

  describe('domainTags', () => {
    it('is a two-level tree: 8+ parents with 3+ children each, every child listed right after its parent', async () => {
      const data = await server.gql.ok(`{ domainTags { slug name parent { slug } children { slug } } }`);
      const tags: Tag[] = data.domainTags;
      const parents = tags.filter((tag) => tag.parent === null);
      expect(parents.length).toBeGreaterThanOrEqual(8);
      expect(new Set(tags.map((tag) => tag.slug)).size).toBe(tags.length);
      for (const tag of tags) expect(tag.name.length).toBeGreaterThan(0);
      for (const parent of parents) {
        expect(parent.children.length).toBeGreaterThanOrEqual(3);
        const at = tags.indexOf(parent);
        const following = tags.slice(at + 1, at + 1 + parent.children.length).map((tag) => tag.slug);
        expect(following).toEqual(parent.children.map((child) => child.slug));
        for (const child of parent.children) {
          const full = tags.find((tag) => tag.slug === child.slug)!;
          expect(full.parent).toEqual({ slug: parent.slug });
          // Two levels only.
          expect(full.children).toEqual([]);
        }
      }
      const slugs = tags.map((tag) => tag.slug);
      for (const expected of [
        'home',
        'home.furniture',
        'beauty',
        'beauty.skincare',
        'digital',
        'fashion',
        'baby',
        'food',
        'travel',
        'sports',
      ]) {
        expect(slugs).toContain(expected);
      }
    });
  });

  describe('creators filters', () => {
    it('lists every creator without a filter', async () => {
      expect(await handles({})).toEqual(['alpha_home', 'beta-b', 'delta', 'epsilon', 'gamma']);
    });

    it('matches a parent tag to its children, but not a child tag to its parent', async () => {
      expect(await handles({ domainTags: ['home'] })).toEqual(['alpha_home', 'beta-b', 'delta']);
      expect(await handles({ domainTags: ['home.furniture'] })).toEqual(['alpha_home']);
      expect(await handles({ domainTags: ['beauty', 'digital'] })).toEqual(['delta', 'epsilon', 'gamma']);
      expect(await handles({ domainTags: ['no-such-tag'] })).toEqual([]);
    });

    it('filters by minimum tier', async () => {
      expect(await handles({ minTier: 'ORDINARY' })).toHaveLength(5);
      expect(await handles({ minTier: 'CREATOR' })).toEqual(['alpha_home', 'delta', 'gamma']);
      expect(await handles({ minTier: 'EXPERT' })).toEqual(['alpha_home', 'gamma']);
      expect(await handles({ minTier: 'CELEBRITY' })).toEqual(['alpha_home']);
    });

    it('filters by channel and by agency', async () => {
      expect(await handles({ channel: 'LIVE' })).toEqual(['alpha_home', 'gamma']);
      expect(await handles({ channel: 'MUST_BUY' })).toEqual([]);
      expect(await handles({ agencyId: agency.profileId })).toEqual(['delta', 'gamma']);
      expect(await handles({ agencyId: randomUUID() })).toEqual([]);
    });

    it('searches handle, display name and bio, ignoring case, with wildcards taken literally', async () => {
      expect(await handles({ search: 'ALPHA' })).toEqual(['alpha_home']);
      expect(await handles({ search: 'beta person' })).toEqual(['beta-b']);
      expect(await handles({ search: 'natural' })).toEqual(['delta']);
      expect(await handles({ search: 'small FLATS' })).toEqual(['alpha_home']);
      expect(await handles({ search: '%' })).toEqual(['delta']);
      expect(await handles({ search: '_' })).toEqual(['alpha_home', 'delta']);
      expect(await handles({ search: '   ' })).toHaveLength(5);
      expect(await handles({ search: 'nobody-like-this' })).toEqual([]);
    });

    it('combines filters', async () => {
      expect(await handles({ domainTags: ['home'], minTier: 'CREATOR' })).toEqual(['alpha_home', 'delta']);
      expect(await handles({ domainTags: ['home'], minTier: 'CREATOR', channel: 'GOOD_FINDS' })).toEqual([
        'delta',
      ]);
      expect(await handles({ agencyId: agency.profileId, minTier: 'EXPERT', search: 'gam' })).toEqual([
        'gamma',
      ]);
    });

    it('refuses a malformed agency id as BAD_USER_INPUT', async () => {
      const error = await server.gql.fail(CREATORS, { filter: { agencyId: 'not-an-id' } });
      expect(error.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { agencyId: expect.any(String) },
      });
    });

    it('finds one creator by id, null for an unknown id and NOT_FOUND for a malformed one', async () => {
      const query = `query($id: ID!) { creator(id: $id) { id handle displayName domainTags { slug } channels agency { id } } }`;
      const found = await server.gql.ok(query, { id: made.delta.profileId });
      expect(found.creator).toEqual({
        id: made.delta.profileId,
        handle: 'delta',
        displayName: 'Test User',
        domainTags: [{ slug: 'beauty' }, { slug: 'home.decor' }],
        channels: ['GOOD_FINDS'],
        agency: { id: agency.profileId },
      });
      expect((await server.gql.ok(query, { id: randomUUID() })).creator).toBeNull();
      expect((await server.gql.fail(query, { id: 'nope' })).extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('cursor pagination', () => {
    async function walk(filter: Record<string, unknown>, first: number, orderBy: string | null = null) {
      const seen: string[] = [];
      const totals = new Set<number>();
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const data: any = await server.gql.ok(CREATORS, { filter, orderBy, first, after });
        const { nodes, pageInfo, totalCount } = data.creators;
        pages += 1;
        totals.add(totalCount);
        seen.push(...nodes.map((node: { id: string }) => node.id));
        expect(nodes.length).toBeLessThanOrEqual(first);
        if (!pageInfo.hasNextPage) break;
        expect(nodes).toHaveLength(first);
        expect(pageInfo.endCursor).toEqual(expect.any(String));
        after = pageInfo.endCursor;
        expect(pages).toBeLessThan(100);
      }
      return { seen, totals: [...totals], pages };
    }

    it('walks every page once, newest first, with the same totalCount on each', async () => {
      const created: string[] = [];
      for (let batch = 0; batch < 4; batch++) {
        const accounts = await Promise.all(
          Array.from({ length: 6 }, () => signUpCreator(server.gql, {}, { domainTags: ['pets.food'] })),
        );
        created.push(...accounts.map((account) => account.profileId));
      }
      // Newest first is asked for: since version 2 the default order is RELEVANCE (creator square).
      const { seen, totals, pages } = await walk({ domainTags: ['pets'] }, 7, 'NEWEST');
      expect(pages).toBe(4);
      expect(totals).toEqual([24]);
      expect(new Set(seen).size).toBe(24);
      expect([...seen].sort()).toEqual([...created].sort());
      const ordered = await server.sql(
        `SELECT id FROM creators WHERE 'pets.food' = ANY(domain_tags) ORDER BY created_at DESC, id DESC`,
      );
      expect(seen).toEqual(ordered.map((row) => row.id));
    });

    it('does not lose or repeat creators created at the very same instant', async () => {
      // One statement: every row gets the same now(), so only the id breaks the tie.
      await server.sql(`
        WITH u AS (
          INSERT INTO users (email, password_hash, display_name, role)
          SELECT 'same' || g || '@example.com', 'not-a-hash', 'Same ' || g, 'CREATOR' FROM generate_series(1, 7) g
          RETURNING id, display_name
        )
        INSERT INTO creators (user_id, handle, domain_tags, channels, follower_count)
        SELECT id, 'same-' || split_part(display_name, ' ', 2), ARRAY['books.children'], ARRAY['COMMUNITY']::channel[], 1
          FROM u`);
      const stamps = await server.sql(`SELECT DISTINCT created_at FROM creators WHERE handle LIKE 'same-%'`);
      expect(stamps).toHaveLength(1);
      for (const first of [1, 2, 3, 7]) {
        const { seen, totals } = await walk({ domainTags: ['books'] }, first);
        expect(totals).toEqual([7]);
        expect(seen).toHaveLength(7);
        expect(new Set(seen).size).toBe(7);
      }
    });

    it('defaults to 20 and allows 0 to 100', async () => {
      const all = await server.gql.ok(CREATORS, {});
      expect(all.creators.nodes).toHaveLength(20);
      expect(all.creators.pageInfo.hasNextPage).toBe(true);
      expect(all.creators.totalCount).toBeGreaterThan(20);
      const hundred = await server.gql.ok(CREATORS, { first: 100 });
      expect(hundred.creators.nodes).toHaveLength(hundred.creators.totalCount);
      expect(hundred.creators.pageInfo.hasNextPage).toBe(false);
      const none = await server.gql.ok(CREATORS, { first: 0 });
      expect(none.creators.nodes).toEqual([]);
      expect(none.creators.totalCount).toBe(hundred.creators.totalCount);
    });

    it('refuses first over 100 or below 0 with BAD_USER_INPUT instead of clamping', async () => {
      for (const first of [101, 1000, -1]) {
        const error = await server.gql.fail(CREATORS, { first });
        expect(error.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: { first: expect.any(String) },
        });
      }
    });

    it('refuses cursors it did not issue with BAD_USER_INPUT', async () => {
      const bad = [
        'garbage',
        '!!!',
        '',
        cursorOf(['2026-01-01T00:00:00.000Z']),
        cursorOf(['2026-01-01T00:00:00.000Z', randomUUID(), 3]),
        cursorOf(['not a date', randomUUID()]),
        cursorOf(['2026-02-30T00:00:00.000Z', randomUUID()]),
        cursorOf(['2026-01-01T00:00:00.000Z', 'not-a-uuid']),
        cursorOf([12, 34]),
        cursorOf({ at: 1 }),
      ];
      for (const after of bad) {
        const error = await server.gql.fail(CREATORS, { after });
        expect(error.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: { after: expect.any(String) },
        });
      }
    });
  });
});
