import { hash } from '@node-rs/argon2';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV, PASSWORD, signUpCreator, signUpMerchant, type Account } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { eventually } from './support/order-fixtures';

const ME = `{ me { id role } }`;
const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { role } } }`;
const NOTIFICATION_ADDED = `subscription { notificationAdded { id type } }`;

/**
 * A bearer token dies when its user's role or password changes, on every server instance: the database
 * bumps the user's token version (a trigger: every path) and announces it, and each instance forgets
 * the viewer it had cached. Changes are made by SQL here, as an operator would, so no instance hears of
 * them but through the database.
 */
describe('token revocation across two server instances', () => {
  let a: TestServer;
  let b: TestServer;
  const clients: Client[] = [];

  beforeAll(async () => {
    a = await startTestServer({ env: ADMIN_ENV });
    // B logs each operation's SQL statement count (LOG_LEVEL=debug): a cached viewer costs none.
    b = await startTestServer({
      databaseUrl: a.databaseUrl,
      dropOnClose: false,
      env: { ...ADMIN_ENV, LOG_LEVEL: 'debug', LOG_FORMAT: 'json' },
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    expectWellFormedErrors(a.gql.errorsSeen);
    expectWellFormedErrors(b.gql.errorsSeen);
    await b?.close();
    await a?.close();
  });

  /** Whether `token` is refused on `server` as a sign-in that has ended. */
  const refusedOn = async (server: TestServer, token: string): Promise<boolean> => {
    const response = await server.gql.request(ME, {}, token);
    const error = response.errors?.[0];
    if (!error) return false;
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error.message).toContain('sign in again');
    return true;
  };

  /** The token works on both instances (and so is cached on both). */
  const worksOnBoth = async (account: Account, role: string) => {
    for (const server of [a, b]) {
      // Twice: the second answer comes from the instance's cache.
      for (let i = 0; i < 2; i++)
        expect((await server.gql.ok(ME, {}, account.token)).me).toEqual({ id: account.userId, role });
    }
  };

  it('checks a token without a query once the instance has seen its user', async () => {
    const merchant = await signUpMerchant(a.gql);
    const WHOAMI = `query WhoAmI { me { id } }`;
    for (let i = 0; i < 3; i++)
      expect((await b.gql.ok(WHOAMI, {}, merchant.token)).me.id).toBe(merchant.userId);
    const whoAmICounts = () =>
      b
        .logs()
        .split('\n')
        .filter((line) => line.startsWith('{') && line.includes('"operation":"WhoAmI"'))
        .map((line) => JSON.parse(line).message.sqlStatements as number);
    // Each request's log line is written as its answer goes out: the last may reach us after the answer.
    await eventually(async () => whoAmICounts().length >= 3, 'the three WhoAmI log lines');
    const counts = whoAmICounts();
    expect(counts).toHaveLength(3);
    // The first request read the viewer; the next ones found it in the cache.
    expect(counts[1]).toBe(counts[0] - 1);
    expect(counts[2]).toBe(counts[1]);
  });

  it('ends every sign-in of a user whose password changes, on both instances, and lets the new password in', async () => {
    const merchant = await signUpMerchant(a.gql);
    const other = await signUpMerchant(a.gql);
    await worksOnBoth(merchant, 'MERCHANT');
    await worksOnBoth(other, 'MERCHANT');

    const newPassword = 'a-new-password-for-this-merchant';
    await a.sql(`UPDATE users SET password_hash = $2 WHERE id = $1`, [
      merchant.userId,
      await hash(newPassword, { algorithm: 2 }),
    ]);

    await eventually(() => refusedOn(a, merchant.token), 'instance A to refuse the old token');
    await eventually(() => refusedOn(b, merchant.token), 'instance B to refuse the old token');
    // Nobody else is signed out.
    await worksOnBoth(other, 'MERCHANT');

    expect((await b.gql.fail(LOG_IN, { email: merchant.email, password: PASSWORD })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const fresh = (await b.gql.ok(LOG_IN, { email: merchant.email, password: newPassword })).logIn.token;
    await worksOnBoth({ ...merchant, token: fresh }, 'MERCHANT');
  });

  it('ends the sign-ins of a user whose role changes: the old token never carries the new role', async () => {
    const merchant = await signUpMerchant(a.gql);
    await worksOnBoth(merchant, 'MERCHANT');

    // A promotion (as the ADMIN_EMAIL refusal tells an operator to do it).
    await b.sql(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [merchant.userId]);

    await eventually(() => refusedOn(a, merchant.token), 'instance A to refuse the old token');
    await eventually(() => refusedOn(b, merchant.token), 'instance B to refuse the old token');
    const orders = await a.gql.request('{ orders(first: 1) { totalCount } }', {}, merchant.token);
    expect(orders.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const fresh = (await a.gql.ok(LOG_IN, { email: merchant.email, password: PASSWORD })).logIn;
    expect(fresh.user.role).toBe('ADMIN');
    await worksOnBoth({ ...merchant, token: fresh.token }, 'ADMIN');
  });

  it('keeps tokens when nothing that matters changes, and ends them on an explicit bump (sign out everywhere)', async () => {
    const creator = await signUpCreator(a.gql);
    await worksOnBoth(creator, 'CREATOR');
    await a.sql(`UPDATE users SET display_name = 'Renamed' WHERE id = $1`, [creator.userId]);
    await worksOnBoth(creator, 'CREATOR');
    // The version never goes back: an old token cannot come back to life.
    await a.sql(`UPDATE users SET token_version = 0 WHERE id = $1`, [creator.userId]);
    await worksOnBoth(creator, 'CREATOR');

    await a.sql(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [creator.userId]);
    await eventually(() => refusedOn(a, creator.token), 'instance A to refuse the old token');
    await eventually(() => refusedOn(b, creator.token), 'instance B to refuse the old token');
  });

  it('closes a live subscription on the other instance when the password changes, and refuses to reconnect with the old token', async () => {
    const merchant = await signUpMerchant(a.gql);
    const closed: { code?: number; reason?: string }[] = [];
    const client = createClient({
      url: `${b.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${merchant.token}`, acceptLanguage: 'en' },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      on: { closed: (event) => void closed.push(event as { code?: number; reason?: string }) },
    });
    clients.push(client);
    const received: unknown[] = [];
    let ended = false;
    client.subscribe(
      { query: NOTIFICATION_ADDED },
      {
        next: (value) => void received.push(value),
        error: () => (ended = true),
        complete: () => (ended = true),
      },
    );
    // Live: a notification stored by SQL reaches the subscriber.
    await eventually(async () => {
      await a.sql(`INSERT INTO notifications (user_id, type, message) VALUES ($1, 'TEST_CANARY', 'canary')`, [
        merchant.userId,
      ]);
      return received.length > 0;
    }, 'the subscription to be live');

    await a.sql(`UPDATE users SET password_hash = 'changed-elsewhere' WHERE id = $1`, [merchant.userId]);
    await eventually(async () => closed.length > 0 && ended, 'the socket to close');
    expect(closed[0]).toMatchObject({ code: 4401 });

    // Connecting again with the revoked token is refused (4403), like any invalid token.
    const again: { code?: number }[] = [];
    const retry = createClient({
      url: `${b.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${merchant.token}`, acceptLanguage: 'en' },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      on: { closed: (event) => void again.push(event as { code?: number }) },
    });
    clients.push(retry);
    await eventually(async () => again.length > 0, 'the second connection to be refused');
    expect(again[0]).toMatchObject({ code: 4403 });
  });
});
