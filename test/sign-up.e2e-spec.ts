import { expectWellFormedErrors } from './support/errors';
import { PASSWORD, signUpCreator, signUpMerchant, unique } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';

const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      user {
        id
        email
        displayName
        role
        createdAt
        merchant {
          id
          shopName
          industry {
            slug
          }
        }
        creator {
          id
          handle
          bio
          tier
          isBigV
          domainTags {
            slug
          }
          channels
          followerCount
          agency {
            id
          }
        }
        agency {
          id
          name
          revenueShareBps
          creators {
            id
          }
        }
      }
    }
  }
`;

const ME = /* GraphQL */ `
  {
    me {
      id
      email
      role
      merchant {
        id
      }
      creator {
        id
        handle
      }
      agency {
        id
      }
    }
  }
`;

const LOG_IN = /* GraphQL */ `
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      token
      user {
        id
        email
        role
      }
    }
  }
`;

describe('sign-up, log-in and me', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  const email = () => `${unique('user')}@example.com`;
  const userCount = async () => Number((await server.sql(`SELECT count(*) AS n FROM users`))[0].n);
  const profileCounts = async () =>
    (
      await server.sql(
        `SELECT (SELECT count(*) FROM merchants)::int AS merchants, (SELECT count(*) FROM creators)::int AS creators,
                (SELECT count(*) FROM agencies)::int AS agencies`,
      )
    )[0];

  describe('each role signs up with its profile', () => {
    it('creates a MERCHANT with its shop, hashing the password with argon2id', async () => {
      const address = email();
      const data = await server.gql.ok(SIGN_UP, {
        input: {
          email: address,
          password: PASSWORD,
          displayName: '  Lin Mei  ',
          role: 'MERCHANT',
          merchant: { shopName: ' Linen & Oak ', industry: 'home' },
        },
      });
      const { user, token } = data.signUp;
      expect(token.split('.')).toHaveLength(3);
      expect(user).toMatchObject({
        email: address,
        displayName: 'Lin Mei',
        role: 'MERCHANT',
        merchant: { shopName: 'Linen & Oak', industry: { slug: 'home' } },
        creator: null,
        agency: null,
      });
      expect(new Date(user.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      const [row] = await server.sql(
        `SELECT u.role, u.password_hash, m.shop_name, m.industry_slug
           FROM users u JOIN merchants m ON m.user_id = u.id WHERE u.id = $1`,
        [user.id],
      );
      expect(row).toMatchObject({ role: 'MERCHANT', shop_name: 'Linen & Oak', industry_slug: 'home' });
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(PASSWORD);
    });

    it('creates a CREATOR who starts ORDINARY (not big V), with tags, channels and followers', async () => {
      const handle = unique('Xiao_');
      const data = await server.gql.ok(SIGN_UP, {
        input: {
          email: email(),
          password: PASSWORD,
          displayName: 'Xiaoyu',
          role: 'CREATOR',
          creator: {
            handle,
            bio: 'Small flats, big ideas.',
            domainTags: ['home', 'home.furniture', 'home'],
            channels: ['HEADLINES', 'LIVE', 'LIVE'],
            followerCount: 2400,
          },
        },
      });
      const { user } = data.signUp;
      expect(user.role).toBe('CREATOR');
      expect(user.merchant).toBeNull();
      expect(user.creator).toMatchObject({
        handle,
        bio: 'Small flats, big ideas.',
        tier: 'ORDINARY',
        isBigV: false,
        followerCount: 2400,
        agency: null,
      });
      // Duplicates are folded, so a tag or channel never counts twice in filters and matching.
      expect(user.creator.domainTags.map((t: { slug: string }) => t.slug)).toEqual([
        'home',
        'home.furniture',
      ]);
      expect(user.creator.channels).toEqual(['HEADLINES', 'LIVE']);
      const [row] = await server.sql(`SELECT tier, handle, domain_tags FROM creators WHERE user_id = $1`, [
        user.id,
      ]);
      expect(row).toEqual({ tier: 'ORDINARY', handle, domain_tags: ['home', 'home.furniture'] });
    });

    it('creates an AGENCY with its revenue share', async () => {
      const data = await server.gql.ok(SIGN_UP, {
        input: {
          email: email(),
          password: PASSWORD,
          displayName: 'Starlight',
          role: 'AGENCY',
          agency: { name: 'Starlight MCN', revenueShareBps: 5000 },
        },
      });
      const { user } = data.signUp;
      expect(user.agency).toMatchObject({ name: 'Starlight MCN', revenueShareBps: 5000, creators: [] });
      const [row] = await server.sql(`SELECT name, revenue_share_bps FROM agencies WHERE user_id = $1`, [
        user.id,
      ]);
      expect(row).toEqual({ name: 'Starlight MCN', revenue_share_bps: 5000 });
    });

    it('accepts the bounds: revenueShareBps 0, a 30-character handle, 5 tags, no bio, no industry', async () => {
      await server.gql.ok(SIGN_UP, {
        input: {
          email: email(),
          password: PASSWORD,
          displayName: 'Zero',
          role: 'AGENCY',
          agency: { name: 'Zero Share', revenueShareBps: 0 },
        },
      });
      const creator = await server.gql.ok(SIGN_UP, {
        input: {
          email: email(),
          password: 'exactly10!',
          displayName: 'Five Tags',
          role: 'CREATOR',
          creator: {
            handle: `${unique('h')}-${'x'.repeat(30)}`.slice(0, 30),
            domainTags: ['home', 'beauty', 'food', 'baby', 'pets'],
            channels: [],
            followerCount: 0,
          },
        },
      });
      expect(creator.signUp.user.creator.domainTags).toHaveLength(5);
      expect(creator.signUp.user.creator.bio).toBeNull();
      const merchant = await server.gql.ok(SIGN_UP, {
        input: {
          email: email(),
          password: PASSWORD,
          displayName: 'M',
          role: 'MERCHANT',
          merchant: { shopName: 'S' },
        },
      });
      expect(merchant.signUp.user.merchant.industry).toBeNull();
    });

    it('keeps the user and the profile in one transaction: a profile that fails leaves no user behind', async () => {
      const taken = await signUpCreator(server.gql);
      const [{ handle }] = await server.sql(`SELECT handle FROM creators WHERE id = $1`, [taken.profileId]);
      const address = email();
      // The handle clash is only found by the unique index when the profile row is inserted, after the
      // user row: the user must be rolled back with it.
      const error = await server.gql.fail(SIGN_UP, {
        input: {
          email: address,
          password: PASSWORD,
          displayName: 'Copycat',
          role: 'CREATOR',
          creator: { handle: handle.toUpperCase(), domainTags: ['home'], channels: [], followerCount: 1 },
        },
      });
      expect(error.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { 'creator.handle': expect.any(String) },
      });
      expect(await server.sql(`SELECT id FROM users WHERE lower(email) = lower($1)`, [address])).toEqual([]);
    });
  });

  describe('sign-up refuses bad input with BAD_USER_INPUT naming the field, and changes nothing', () => {
    const base = (overrides: Record<string, unknown> = {}) => ({
      email: email(),
      password: PASSWORD,
      displayName: 'Someone',
      role: 'CREATOR',
      creator: { handle: unique('h_'), domainTags: ['home'], channels: ['HEADLINES'], followerCount: 10 },
      ...overrides,
    });
    const creatorWith = (profile: Record<string, unknown>) =>
      base({
        creator: { handle: unique('h_'), domainTags: ['home'], channels: [], followerCount: 10, ...profile },
      });

    const cases: [string, () => Promise<Record<string, unknown>> | Record<string, unknown>, string][] = [
      ['a password under 10 characters', () => base({ password: 'short-pw1' }), 'password'],
      ['an email that is not one', () => base({ email: 'not-an-email' }), 'email'],
      ['an email with no domain', () => base({ email: 'someone@' }), 'email'],
      ['a 2-character handle', () => creatorWith({ handle: 'ab' }), 'creator.handle'],
      ['a 31-character handle', () => creatorWith({ handle: 'a'.repeat(31) }), 'creator.handle'],
      ['a handle with a space', () => creatorWith({ handle: 'has space' }), 'creator.handle'],
      ['a handle with a dot', () => creatorWith({ handle: 'dot.ted' }), 'creator.handle'],
      ['no domain tags', () => creatorWith({ domainTags: [] }), 'creator.domainTags'],
      [
        'six domain tags',
        () => creatorWith({ domainTags: ['home', 'beauty', 'food', 'baby', 'pets', 'books'] }),
        'creator.domainTags',
      ],
      [
        'an unknown domain tag',
        () => creatorWith({ domainTags: ['home', 'no-such-tag'] }),
        'creator.domainTags',
      ],
      ['a negative follower count', () => creatorWith({ followerCount: -1 }), 'creator.followerCount'],
      [
        'more than a billion followers',
        () => creatorWith({ followerCount: 2_147_483_647 }),
        'creator.followerCount',
      ],
      ['a bio over 2000 characters', () => creatorWith({ bio: 'b'.repeat(2001) }), 'creator.bio'],
      [
        'revenueShareBps over 5000',
        () => base({ role: 'AGENCY', creator: null, agency: { name: 'Greedy', revenueShareBps: 5001 } }),
        'agency.revenueShareBps',
      ],
      [
        'a negative revenueShareBps',
        () => base({ role: 'AGENCY', creator: null, agency: { name: 'Odd', revenueShareBps: -1 } }),
        'agency.revenueShareBps',
      ],
      ['a CREATOR without a creator profile', () => base({ creator: null }), 'creator'],
      ['a MERCHANT without a merchant profile', () => base({ role: 'MERCHANT', creator: null }), 'merchant'],
      ['an AGENCY without an agency profile', () => base({ role: 'AGENCY', creator: null }), 'agency'],
      [
        'a profile of another role',
        () => base({ role: 'MERCHANT', merchant: { shopName: 'Shop' } }),
        'creator',
      ],
      [
        'an unknown industry',
        () => base({ role: 'MERCHANT', creator: null, merchant: { shopName: 'Shop', industry: 'nope' } }),
        'merchant.industry',
      ],
      [
        'a blank shop name',
        () => base({ role: 'MERCHANT', creator: null, merchant: { shopName: '   ' } }),
        'merchant.shopName',
      ],
      [
        'a blank agency name',
        () => base({ role: 'AGENCY', creator: null, agency: { name: ' ', revenueShareBps: 10 } }),
        'agency.name',
      ],
      ['a blank display name', () => base({ displayName: '   ' }), 'displayName'],
      ['a display name over 80 characters', () => base({ displayName: 'd'.repeat(81) }), 'displayName'],
      ['the ADMIN role', () => base({ role: 'ADMIN', creator: null }), 'role'],
      [
        'an email taken in another letter case',
        async () => {
          const existing = await signUpMerchant(server.gql);
          return base({ email: existing.email.toUpperCase() });
        },
        'email',
      ],
      [
        'a handle taken in another letter case',
        async () => {
          const handle = unique('Taken_');
          await signUpCreator(server.gql, {}, { handle });
          return creatorWith({
            handle: handle.toLowerCase() === handle ? handle.toUpperCase() : handle.toLowerCase(),
          });
        },
        'creator.handle',
      ],
    ];

    it.each(cases)('refuses %s', async (_name, build, field) => {
      const input = await build();
      const usersBefore = await userCount();
      const profilesBefore = await profileCounts();
      const error = await server.gql.fail(SIGN_UP, { input });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.fields).toHaveProperty([field]);
      expect(typeof error.extensions?.fields?.[field]).toBe('string');
      expect(error.message).toContain(field);
      expect(await userCount()).toBe(usersBefore);
      expect(await profileCounts()).toEqual(profilesBefore);
      const wanted = String(input.email);
      expect(
        await server.sql(`SELECT 1 FROM users WHERE lower(email) = lower($1) AND display_name = 'Someone'`, [
          wanted,
        ]),
      ).toEqual([]);
    });

    it('reports every invalid field at once', async () => {
      const error = await server.gql.fail(SIGN_UP, {
        input: base({
          email: 'nope',
          password: 'short',
          creator: { handle: 'x', domainTags: [], channels: [], followerCount: -5 },
        }),
      });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(error.extensions?.fields ?? {})).toEqual(
        expect.arrayContaining([
          'email',
          'password',
          'creator.handle',
          'creator.domainTags',
          'creator.followerCount',
        ]),
      );
    });

    it('refuses a revenueShareBps that is not a whole number at the schema (BAD_USER_INPUT)', async () => {
      const error = await server.gql.fail(SIGN_UP, {
        input: base({ role: 'AGENCY', creator: null, agency: { name: 'Frac', revenueShareBps: 12.5 } }),
      });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('logIn', () => {
    it('returns a working token for the right password, whatever the email letter case', async () => {
      const merchant = await signUpMerchant(server.gql);
      const data = await server.gql.ok(LOG_IN, {
        email: `  ${merchant.email.toUpperCase()} `,
        password: PASSWORD,
      });
      expect(data.logIn.user).toEqual({ id: merchant.userId, email: merchant.email, role: 'MERCHANT' });
      const me = await server.gql.ok(ME, {}, data.logIn.token);
      expect(me.me).toMatchObject({
        id: merchant.userId,
        merchant: { id: merchant.profileId },
        creator: null,
      });
    });

    it('refuses a wrong password and an unknown email alike, with UNAUTHENTICATED', async () => {
      const merchant = await signUpMerchant(server.gql);
      const wrong = await server.gql.fail(LOG_IN, { email: merchant.email, password: `${PASSWORD}x` });
      const unknown = await server.gql.fail(LOG_IN, {
        email: `${unique('ghost')}@example.com`,
        password: PASSWORD,
      });
      const empty = await server.gql.fail(LOG_IN, { email: '', password: '' });
      for (const error of [wrong, unknown, empty]) {
        expect(error.extensions?.code).toBe('UNAUTHENTICATED');
        // The same words for both, so the answer does not tell which emails have accounts.
        expect(error.message).toBe(wrong.message);
      }
    });
  });

  describe('me', () => {
    it('is null without a token', async () => {
      const response = await server.gql.request(ME);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ me: null });
    });

    it('is the signed-in user with the profile of their role', async () => {
      const creator = await signUpCreator(server.gql);
      const data = await server.gql.ok(ME, {}, creator.token);
      expect(data.me).toMatchObject({
        id: creator.userId,
        email: creator.email,
        role: 'CREATOR',
        merchant: null,
        agency: null,
        creator: { id: creator.profileId },
      });
    });
  });
});
