import { expectWellFormedErrors } from './support/errors';
import { ADMIN, ADMIN_ENV, logInAdmin, PASSWORD, signUpCreator, signUpMerchant } from './support/fixtures';
import { dropDatabase } from '../libs/database/src/embedded-postgres';
import { createTestDatabase, TestServer } from './support/harness';

const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id role } } }`;
const ME = `{ me { id email role displayName creator { id handle tier } merchant { id shopName } } }`;

describe('admin bootstrap and restarts', () => {
  let databaseUrl: string;
  let server: TestServer;
  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    server = await TestServer.start({ databaseUrl, env: ADMIN_ENV });
  }, 120_000);
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
    await dropDatabase(process.env.VTASK_TEST_ADMIN_URL!, new URL(databaseUrl).pathname.slice(1));
  });

  it('creates the admin from ADMIN_EMAIL and ADMIN_PASSWORD at start', async () => {
    const token = await logInAdmin(server.gql);
    const me = await server.gql.ok(ME, {}, token);
    expect(me.me).toMatchObject({
      email: ADMIN.email,
      role: 'ADMIN',
      displayName: '平台管理员',
      creator: null,
      merchant: null,
    });
    const rows = await server.sql(`SELECT role, password_hash FROM users WHERE lower(email) = $1`, [
      ADMIN.email,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].role).toBe('ADMIN');
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  }, 180_000);

  it('keeps accounts, profiles and tokens across a graceful restart; a new admin password ends the old admin sign-ins', async () => {
    const adminToken = await logInAdmin(server.gql);
    const merchant = await signUpMerchant(server.gql);
    const creator = await signUpCreator(server.gql);
    await server.gql.ok(
      `mutation($id: ID!) { setCreatorTier(creatorId: $id, tier: EXPERT, reason: "before the restart") { tier } }`,
      { id: creator.profileId },
      adminToken,
    );
    const before = await server.gql.ok(ME, {}, creator.token);
    expectWellFormedErrors(server.gql.errorsSeen);

    await server.close();
    const newPassword = 'a-brand-new-admin-password';
    // The admin's email in another letter case names the same account.
    server = await TestServer.start({
      databaseUrl,
      env: { ADMIN_EMAIL: ADMIN.email.toUpperCase(), ADMIN_PASSWORD: newPassword },
    });

    // Tokens issued before the restart still work, and the data is all there.
    expect((await server.gql.ok(ME, {}, creator.token)).me).toEqual(before.me);
    expect((await server.gql.ok(ME, {}, merchant.token)).me.merchant.id).toBe(merchant.profileId);
    // But not the admin's: a new ADMIN_PASSWORD ends every sign-in made with the old one.
    const revoked = await server.gql.fail(ME, {}, adminToken);
    expect(revoked.extensions?.code).toBe('UNAUTHENTICATED');
    expect(revoked.message).toContain('sign in again');
    expect((await server.gql.ok(LOG_IN, { email: creator.email, password: PASSWORD })).logIn.user.id).toBe(
      creator.userId,
    );

    // The configured password replaced the old one.
    const old = await server.gql.fail(LOG_IN, { email: ADMIN.email, password: ADMIN.password });
    expect(old.extensions?.code).toBe('UNAUTHENTICATED');
    const fresh = await server.gql.ok(LOG_IN, { email: ADMIN.email, password: newPassword });
    expect(fresh.logIn.user.role).toBe('ADMIN');
    expect(await server.sql(`SELECT id FROM users WHERE lower(email) = $1`, [ADMIN.email])).toHaveLength(1);
    expectWellFormedErrors(server.gql.errorsSeen);

    const newAdminToken = fresh.logIn.token;
    expect((await server.gql.ok(ME, {}, newAdminToken)).me.role).toBe('ADMIN');

    // A restart with the same password changes nothing: the admin stays signed in.
    await server.close();
    server = await TestServer.start({
      databaseUrl,
      env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: newPassword },
    });
    expect((await server.gql.ok(ME, {}, newAdminToken)).me.role).toBe('ADMIN');

    // Back to the fixture admin for the other tests.
    await server.close();
    server = await TestServer.start({ databaseUrl, env: ADMIN_ENV });
    expect(await logInAdmin(server.gql)).toBeTruthy();
    expect((await server.gql.fail(ME, {}, newAdminToken)).extensions?.code).toBe('UNAUTHENTICATED');
  }, 180_000);

  it('refuses to make an account someone registered into the admin, and says what to do', async () => {
    // Anyone can sign up with the address the operator is about to configure: there is no e-mail check.
    const squatter = await signUpMerchant(server.gql, { email: 'ops-admin@example.com' });
    await expect(
      TestServer.start({
        databaseUrl,
        env: { ADMIN_EMAIL: 'ops-admin@example.com', ADMIN_PASSWORD: 'the-operators-password' },
      }),
    ).rejects.toThrow(
      /V-Task cannot start: ADMIN_EMAIL ops-admin@example.com already belongs to a merchant account.*Set ADMIN_EMAIL to an address no account uses/,
    );
    // Neither the account nor its token became anything more.
    const me = await server.gql.ok(ME, {}, squatter.token);
    expect(me.me).toMatchObject({ id: squatter.userId, role: 'MERCHANT' });
    const rows = await server.sql(`SELECT role FROM users WHERE id = $1`, [squatter.userId]);
    expect(rows[0].role).toBe('MERCHANT');
    const orders = await server.gql.fail('{ orders(first: 1) { totalCount } }', {}, squatter.token);
    expect(orders.extensions?.code).toBe('FORBIDDEN');
  }, 180_000);

  it('keeps the data after a crash (SIGKILL) too', async () => {
    const merchant = await signUpMerchant(server.gql);
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.kill();
    server = await TestServer.start({ databaseUrl, env: ADMIN_ENV });
    expect((await server.gql.ok(ME, {}, merchant.token)).me.id).toBe(merchant.userId);
  }, 180_000);

  it('refuses to start with an admin password under 10 characters, saying why', async () => {
    await expect(
      TestServer.start({ databaseUrl, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: 'short' } }),
    ).rejects.toThrow(/ADMIN_PASSWORD must have at least 10 characters/);
    await expect(TestServer.start({ databaseUrl, env: { ADMIN_EMAIL: ADMIN.email } })).rejects.toThrow(
      /Set both ADMIN_EMAIL and ADMIN_PASSWORD/,
    );
    // The running server and its admin are untouched.
    expect(await logInAdmin(server.gql)).toBeTruthy();
  }, 180_000);
});
