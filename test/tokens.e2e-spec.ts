import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { expectWellFormedErrors } from './support/errors';
import { signUpCreator, signUpMerchant, type Account } from './support/fixtures';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from './support/harness';
import { craftToken, decodeClaims, nowSeconds } from './support/tokens';

const ME = `{ me { id role } }`;

describe('bearer tokens', () => {
  let server: TestServer;
  let merchant: Account;
  let creator: Account;
  beforeAll(async () => {
    server = await startTestServer();
    merchant = await signUpMerchant(server.gql);
    creator = await signUpCreator(server.gql);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  const claimsFor = (account: Account, role = 'MERCHANT') => ({
    sub: account.userId,
    role,
    iat: nowSeconds(),
    exp: nowSeconds() + 3600,
  });

  async function expectRefused(token: string): Promise<void> {
    const response = await server.gql.request(ME, {}, token);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data?.me ?? null).toBeNull();
  }

  it('issues HS256 tokens for the user, expiring in 12 hours', () => {
    const header = JSON.parse(Buffer.from(merchant.token.split('.')[0], 'base64url').toString());
    expect(header.alg).toBe('HS256');
    const claims = decodeClaims(merchant.token);
    expect(claims.sub).toBe(merchant.userId);
    expect(claims.exp - claims.iat).toBe(12 * 3600);
  });

  it('accepts a token signed HS256 with the server secret (the forging below is otherwise right)', async () => {
    const data = await server.gql.ok(ME, {}, craftToken(claimsFor(merchant), { secret: TEST_JWT_SECRET }));
    expect(data.me).toEqual({ id: merchant.userId, role: 'MERCHANT' });
  });

  it('refuses a token whose signature was altered', async () => {
    const [header, payload, signature] = merchant.token.split('.');
    const flipped = (signature[5] === 'A' ? 'B' : 'A') + '';
    await expectRefused(`${header}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`);
    await expectRefused(`${header}.${payload}.`);
    await expectRefused(`${header}.${payload}`);
  });

  it('refuses a token whose claims were altered under the original signature', async () => {
    const [header, , signature] = merchant.token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...decodeClaims(merchant.token), sub: creator.userId }),
    ).toString('base64url');
    await expectRefused(`${header}.${forged}.${signature}`);
  });

  it('refuses an unsigned token (alg: none), in any spelling', async () => {
    await expectRefused(craftToken(claimsFor(merchant), { alg: 'none' }));
    await expectRefused(
      craftToken(claimsFor(merchant), { alg: 'none', header: { alg: 'None', typ: 'JWT' } }),
    );
    await expectRefused(craftToken(claimsFor(merchant), { alg: 'none', header: { alg: 'NONE' } }));
  });

  it('refuses other algorithms, even with the right secret', async () => {
    await expectRefused(craftToken(claimsFor(merchant), { alg: 'HS512', secret: TEST_JWT_SECRET }));
    await expectRefused(craftToken(claimsFor(merchant), { alg: 'HS384', secret: TEST_JWT_SECRET }));
    // An HS512 signature under a header that claims HS256.
    await expectRefused(
      craftToken(claimsFor(merchant), {
        alg: 'HS512',
        secret: TEST_JWT_SECRET,
        header: { alg: 'HS256', typ: 'JWT' },
      }),
    );
  });

  it('refuses a token signed with another secret', async () => {
    await expectRefused(
      craftToken(claimsFor(merchant), { secret: 'some-other-secret-0123456789-abcdefghij' }),
    );
    await expectRefused(craftToken(claimsFor(merchant), { secret: '' }));
  });

  it('refuses an expired token, and one not valid yet', async () => {
    await expectRefused(
      craftToken(
        { ...claimsFor(merchant), iat: nowSeconds() - 7200, exp: nowSeconds() - 10 },
        { secret: TEST_JWT_SECRET },
      ),
    );
    await expectRefused(
      craftToken({ ...claimsFor(merchant), nbf: nowSeconds() + 3600 }, { secret: TEST_JWT_SECRET }),
    );
  });

  it('refuses a well-signed token for a user that does not exist, or with a subject that is not an id', async () => {
    await expectRefused(
      craftToken({ ...claimsFor(merchant), sub: randomUUID() }, { secret: TEST_JWT_SECRET }),
    );
    await expectRefused(
      craftToken({ ...claimsFor(merchant), sub: "x' OR '1'='1" }, { secret: TEST_JWT_SECRET }),
    );
    await expectRefused(craftToken({ ...claimsFor(merchant), sub: 42 }, { secret: TEST_JWT_SECRET }));
  });

  it('takes the role from the account, never from the token', async () => {
    const token = craftToken(claimsFor(creator, 'ADMIN'), { secret: TEST_JWT_SECRET });
    const data = await server.gql.ok(ME, {}, token);
    expect(data.me).toEqual({ id: creator.userId, role: 'CREATOR' });
    const error = await server.gql.fail(
      `mutation($id: ID!) { setCreatorTier(creatorId: $id, tier: CELEBRITY, reason: "self-promotion") { tier } }`,
      { id: creator.profileId },
      token,
    );
    expect(error.extensions?.code).toBe('FORBIDDEN');
    const [row] = await server.sql(`SELECT tier FROM creators WHERE id = $1`, [creator.profileId]);
    expect(row.tier).toBe('ORDINARY');
  });

  it('refuses garbage and malformed Authorization headers with UNAUTHENTICATED', async () => {
    await expectRefused('not-a-jwt');
    await expectRefused('a.b.c');
    for (const header of [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer ',
      `Bearer ${merchant.token} extra`,
      merchant.token,
      `Token ${merchant.token}`,
    ]) {
      const response = await request(server.url)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', header)
        .send({ query: ME });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      server.gql.errorsSeen.push(...response.body.errors);
    }
  });

  it('accepts the scheme in any letter case', async () => {
    const response = await request(server.url)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `bearer ${merchant.token}`)
      .send({ query: ME });
    expect(response.body.data.me.id).toBe(merchant.userId);
  });

  it('refuses a bad token even on public fields, rather than answering as if anonymous', async () => {
    const response = await server.gql.request(`{ domainTags { slug } }`, {}, 'a.b.c');
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('expires issued tokens after TOKEN_TTL_S', async () => {
    // exp counts whole seconds from a floored iat: 2 s leaves at least 1 s in which the token works.
    const shortLived = await startTestServer({ env: { TOKEN_TTL_S: '2' } });
    try {
      const account = await signUpMerchant(shortLived.gql);
      const claims = decodeClaims(account.token);
      expect(claims.exp - claims.iat).toBe(2);
      expect((await shortLived.gql.ok(ME, {}, account.token)).me.id).toBe(account.userId);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, claims.exp * 1000 - Date.now()) + 100));
      const error = await shortLived.gql.fail(ME, {}, account.token);
      expect(error.extensions?.code).toBe('UNAUTHENTICATED');
      expectWellFormedErrors(shortLived.gql.errorsSeen);
    } finally {
      await shortLived.close();
    }
  }, 120_000);
});
