import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import request from 'supertest';
import WebSocket from 'ws';
import { expectWellFormedErrors } from './support/errors';
import { FakeStripe } from './support/fake-stripe';
import { ADMIN_ENV, PASSWORD, signUpMerchant, unique } from './support/fixtures';
import { startTestServer, type GqlError, type TestServer } from './support/harness';
import { postTask } from './support/market-fixtures';
import { key, orderCalls, orderIn, setUpParties, type Parties } from './support/order-fixtures';

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\uD800b';
const CONSOLE_PAGE = '<!doctype html><title>V-Task console (test)</title>';

const SIGN_UP = /* GraphQL */ `
  mutation ($input: SignUpInput!) {
    signUp(input: $input) {
      token
      user {
        email
      }
    }
  }
`;
const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { user { email } } }`;
const TASKS = `query($filter: TaskFilter) { tasks(filter: $filter) { totalCount } }`;

function expectRefused(error: GqlError | undefined, field: string): void {
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(Object.keys(error?.extensions?.fields ?? {})).toEqual([field]);
  expect(error?.message).toContain(field);
}

/**
 * Input an intruder sends on purpose (issue 13): NUL bytes and broken UTF-16 anywhere, ids that are
 * not ids, look-alike e-mail addresses, blank passwords, texts longer than their columns, malformed
 * but signed webhooks. Each is refused with a code and the field at fault, never a 500.
 */
describe('bad input', () => {
  let server: TestServer;
  let parties: Parties;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'vtask-console-'));
    writeFileSync(join(webDir, 'index.html'), CONSOLE_PAGE);
    server = await startTestServer({ env: { ...ADMIN_ENV, WEB_DIST_DIR: webDir } });
    parties = await setUpParties(server);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    expect(server.gql.errorsSeen.map((error) => error.extensions?.code)).not.toContain(
      'INTERNAL_SERVER_ERROR',
    );
    await server?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  describe('NUL bytes and unpaired surrogates (defect 4)', () => {
    it('are refused in every string, at any depth, naming the field, with no error logged', async () => {
      const { gql, merchant, creator } = parties;
      const task = await postTask(gql, merchant.token);
      const orderId = await orderIn(parties, 'IN_PROGRESS');
      const cases: [string, string, Record<string, unknown>, string | null, string][] = [
        ['a filter (variable)', TASKS, { filter: { search: NUL } }, null, 'search'],
        [
          'a filter (literal)',
          `{ tasks(filter: { search: "a\\u0000b" }) { totalCount } }`,
          {},
          null,
          'search',
        ],
        [
          'a nested input',
          SIGN_UP,
          {
            input: {
              email: `${unique('nul')}@example.com`,
              password: PASSWORD,
              displayName: 'Nul',
              role: 'MERCHANT',
              merchant: { shopName: LONE_SURROGATE },
            },
          },
          null,
          'merchant.shopName',
        ],
        ['a log-in e-mail', LOG_IN, { email: `x${NUL}@example.com`, password: PASSWORD }, null, 'email'],
        [
          'a list item',
          `mutation($input: SubmitDeliverableInput!) { submitDeliverable(input: $input) { id } }`,
          {
            input: {
              orderId,
              title: 'Video',
              body: 'Done',
              mediaUrls: ['https://cdn.example.com/a.mp4', `https://cdn.example.com/${NUL}`],
            },
          },
          creator.token,
          'mediaUrls.1',
        ],
        [
          'an idempotency key',
          `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status } }`,
          { id: orderId, key: NUL },
          merchant.token,
          'idempotencyKey',
        ],
        [
          'a reason',
          `mutation($id: ID!, $reason: String!) { cancelTask(taskId: $id, reason: $reason) { id } }`,
          { id: task.id, reason: LONE_SURROGATE },
          merchant.token,
          'reason',
        ],
        ['a slug', TASKS, { filter: { domainTags: ['home.furniture', `home${NUL}`] } }, null, 'domainTags.1'],
      ];
      for (const [what, query, variables, token, field] of cases) {
        const response = await gql.request(query, variables, token);
        expect({ what, status: response.status }).toEqual({ what, status: 400 });
        expectRefused(response.errors?.[0], field);
      }
      // Nothing reached PostgreSQL, so nothing failed: no ERROR line, no stack.
      expect(server.logs()).not.toMatch(/\bERROR\b/);
      expect(server.logs()).not.toMatch(/QueryFailedError|invalid byte sequence/);
    });

    it('are refused in subscriptions too', async () => {
      const { merchant } = parties;
      const client: Client = createClient({
        url: `${server.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${merchant.token}`, acceptLanguage: 'en' },
        retryAttempts: 0,
      });
      try {
        const subscribe = (orderId: string) =>
          new Promise<unknown>((resolve) => {
            client.subscribe(
              {
                query: `subscription($id: ID!) { orderUpdated(orderId: $id) { id } }`,
                variables: { id: orderId },
              },
              { next: () => undefined, error: resolve, complete: () => resolve(null) },
            );
          });
        const nul = (await subscribe(`${randomUUID()}\u0000`)) as GqlError[];
        expectRefused(nul[0], 'orderId');
        const notAnId = (await subscribe('x')) as GqlError[];
        expect(notAnId[0]).toMatchObject({
          message: 'No order with this id.',
          extensions: { code: 'NOT_FOUND' },
        });
      } finally {
        await client.dispose();
      }
    });
  });

  describe('ids that are not UUIDs (defects 5 and 11)', () => {
    it('are BAD_USER_INPUT naming the field in a filter or a list', async () => {
      const { gql, merchant } = parties;
      for (const [query, variables, field] of [
        [TASKS, { filter: { merchantId: '1 OR 1=1' } }, 'merchantId'],
        [TASKS, { filter: { venueId: 'x' } }, 'venueId'],
        [
          `query($f: OfferFilter) { offers(filter: $f) { totalCount } }`,
          { f: { creatorId: 'x' } },
          'creatorId',
        ],
        [
          `query($f: CreatorFilter) { creators(filter: $f) { totalCount } }`,
          { f: { agencyId: 'x' } },
          'agencyId',
        ],
        [
          `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`,
          { ids: [randomUUID(), 'x'] },
          'ids.1',
        ],
      ] as const) {
        expectRefused(await gql.fail(query, variables, merchant.token), field);
      }
    });

    it('in a list of 190,000 are answered in a few lines, as are 190,000 nulls (fuzz-found)', async () => {
      const { gql, merchant } = parties;
      const MARK_READ = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
      // Just under the 1 MB body limit: before, every item became an error and the answer megabytes.
      const zeros = await gql.request(MARK_READ, { ids: Array<string>(190_000).fill('0') }, merchant.token);
      const [refused] = zeros.errors ?? [];
      expect(refused?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(refused?.extensions?.fields ?? {})).toHaveLength(20);
      expect(refused?.message).toContain('and 189980 more like them');
      expect(JSON.stringify(zeros).length).toBeLessThan(5_000);

      const nulls = await gql.request(MARK_READ, { ids: Array<null>(190_000).fill(null) }, merchant.token);
      expect(nulls.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(nulls).length).toBeLessThan(20_000);
    });

    it("are NOT_FOUND as an object's own id, with a message that reads right", async () => {
      const { gql, merchant, admin } = parties;
      for (const id of ['x', '1 OR 1=1', randomUUID()]) {
        expect(await gql.fail(`query($id: ID!) { order(id: $id) { id } }`, { id }, admin)).toMatchObject({
          message: 'No order with this id.',
          extensions: { code: 'NOT_FOUND' },
        });
      }
      const fund = await orderCalls(gql).fund(merchant.token, 'not-an-order');
      expect(fund.errors?.[0]).toMatchObject({
        message: 'No order with this id.',
        extensions: { code: 'NOT_FOUND' },
      });
      expect(
        await gql.fail(`mutation { publishVenueLineup(venueId: "nope") { id } }`, {}, admin),
      ).toMatchObject({ message: 'No venue with this id.', extensions: { code: 'NOT_FOUND' } });
    });

    it('leave slugs alone: tags and industries are not UUIDs', async () => {
      const { gql } = parties;
      const data = await gql.ok(TASKS, { filter: { domainTags: ['home.furniture'] } });
      expect(typeof data.tasks.totalCount).toBe('number');
      await signUpMerchant(gql, { merchant: { shopName: 'Slugs', industry: 'home' } });
    });
  });

  describe('e-mail addresses and passwords (defect 10)', () => {
    const signUp = (email: string, password = PASSWORD) =>
      parties.gql.request(SIGN_UP, {
        input: {
          email,
          password,
          displayName: 'Look-alike',
          role: 'MERCHANT',
          merchant: { shopName: 'Shop' },
        },
      });

    it('refuses invisible characters, so a look-alike cannot duplicate an account', async () => {
      const local = unique('dup');
      expect((await signUp(`${local}@example.com`)).errors).toBeUndefined();
      for (const lookAlike of [
        `${local}\u200b@example.com`, // zero-width space
        `${local}\u2060@example.com`, // word joiner
        `\ufeff${local}@example.com`, // byte-order mark
        `${local}\u0335@example.com`, // a combining mark NFKC cannot compose
      ]) {
        expectRefused((await signUp(lookAlike)).errors?.[0], 'email');
      }
      // Full-width letters are the same address once normalized (NFKC): taken, and it logs in.
      const fullWidth = `${local.replace(/^d/, '\uff44')}@example.com`;
      const taken = (await signUp(fullWidth)).errors?.[0];
      expect(taken?.extensions?.fields).toEqual({ email: 'An account with this email already exists.' });
      const signedIn = await parties.gql.ok(LOG_IN, { email: fullWidth, password: PASSWORD });
      expect(signedIn.logIn.user.email).toBe(`${local}@example.com`);
    });

    it('stores the composed form, so both spellings of an accent sign in', async () => {
      const local = unique('cafe');
      const decomposed = `${local}e\u0301@example.com`;
      const created = await signUp(decomposed);
      expect(created.data?.signUp.user.email).toBe(`${local}\u00e9@example.com`);
      const signedIn = await parties.gql.ok(LOG_IN, { email: decomposed, password: PASSWORD });
      expect(signedIn.logIn.user.email).toBe(`${local}\u00e9@example.com`);
    });

    it('refuses a password that is only whitespace, and keeps the length rule', async () => {
      for (const blank of [' '.repeat(12), '\u3000'.repeat(12), ' \t\n'.repeat(4), '\u200b'.repeat(12)]) {
        expectRefused((await signUp(`${unique('blank')}@example.com`, blank)).errors?.[0], 'password');
      }
      expectRefused((await signUp(`${unique('short')}@example.com`, 'short')).errors?.[0], 'password');
      expect((await signUp(`${unique('spaced')}@example.com`, ' a spaced pass ')).errors).toBeUndefined();
    });
  });

  describe('texts longer than where they are kept (fuzz-found)', () => {
    const long = 'x'.repeat(2001);

    it('are refused in order actions, naming the field, and 2,000 characters still pass', async () => {
      const { gql, merchant, creator } = parties;
      const calls = orderCalls(gql);
      const inProgress = await orderIn(parties, 'IN_PROGRESS');
      expectRefused((await calls.cancel(merchant.token, inProgress, key('c'), long)).errors?.[0], 'reason');
      expectRefused((await calls.dispute(creator.token, inProgress, long)).errors?.[0], 'reason');
      const delivered = await orderIn(parties, 'DELIVERED');
      expectRefused((await calls.revise(merchant.token, delivered, long)).errors?.[0], 'feedback');
      const comment = await gql.request(
        `mutation($id: ID!, $comment: String) { acceptDelivery(orderId: $id, rating: 5, comment: $comment, idempotencyKey: "${key('a')}") { id } }`,
        { id: delivered, comment: long },
        merchant.token,
      );
      expectRefused(comment.errors?.[0], 'comment');
      // Nothing moved: the refusals came before any write.
      const [row] = await server.sql(`SELECT status FROM orders WHERE id = $1`, [delivered]);
      expect(row.status).toBe('DELIVERED');

      const disputed = await calls.dispute(creator.token, delivered, 'y'.repeat(2000));
      expect(disputed.data?.openDispute.status).toBe('DISPUTED');
    });

    it('are refused in list filters, which are validated like any input', async () => {
      expectRefused(await parties.gql.fail(TASKS, { filter: { search: 's'.repeat(201) } }), 'search');
      expectRefused(
        await parties.gql.fail(`query($f: OfferFilter) { offers(filter: $f) { totalCount } }`, {
          f: { search: 's'.repeat(201) },
        }),
        'search',
      );
    });
  });

  describe('the console at / (defect 12)', () => {
    it('is served whatever the client accepts; other paths stay API answers', async () => {
      for (const accept of ['*/*', 'application/json', 'text/html']) {
        const response = await request(server.url).get('/').set('accept', accept);
        expect({ accept, status: response.status }).toEqual({ accept, status: 200 });
        expect(response.text).toBe(CONSOLE_PAGE);
      }
      const noAccept = await request(server.url).get('/').unset('accept');
      expect(noAccept.text).toBe(CONSOLE_PAGE);
      expect((await request(server.url).get('/no-such-api').set('accept', '*/*')).status).toBe(404);
    });
  });
});

describe('bad input in production with Stripe', () => {
  let fake: FakeStripe;
  let server: TestServer;

  beforeAll(async () => {
    fake = await FakeStripe.start();
    server = await startTestServer({ env: { NODE_ENV: 'production', ...fake.env() } });
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server?.close();
    await fake?.close();
  });

  it('suggests no field, argument or value names in errors (defect 8)', async () => {
    const errors = [
      await server.gql.fail(`{ ordr(id: "x") { id } }`),
      await server.gql.fail(`{ tasks(filtr: {}) { totalCount } }`),
      await server.gql.fail(`query($s: TaskStatus) { tasks(filter: { status: $s }) { totalCount } }`, {
        s: 'OPN',
      }),
    ];
    for (const error of errors) {
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).not.toMatch(/Did you mean/);
      expect(error.message).not.toMatch(/"order"|"filter"|"OPEN"/);
    }
  });

  it('answers a signed but malformed webhook as malformed, not as a bad signature (defect 9)', async () => {
    const paid = {
      id: 'pi_malformed',
      object: 'payment_intent',
      amount: 1000,
      currency: 'cny',
      metadata: {},
    };
    const longId = { ...fake.event('payment_intent.succeeded', paid), id: `evt_${'x'.repeat(5000)}` };
    const noAmount = fake.event('payment_intent.succeeded', { ...paid, amount: undefined });
    const nulInType = { ...fake.event('payment_intent.succeeded', paid), type: `payment_intent.${NUL}` };
    for (const [event, problem] of [
      [longId, /id is longer than 255 characters/],
      [noAmount, /data\.object\.amount must be a whole, non-negative amount/],
      [nulInType, /type may not contain a NUL/],
    ] as const) {
      const delivered = await fake.deliver(server, event);
      expect(delivered.status).toBe(400);
      expect(delivered.body.error).toMatch(/^Malformed event: /);
      expect(delivered.body.error).toMatch(problem);
    }
    // A signed body that is not JSON at all.
    const garbage = await fetch(`${server.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': fake.sign('{not json') },
      body: '{not json',
    });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toEqual({ error: 'Malformed event: the body is not JSON.' });
    // A forged one is still a bad signature, checked first.
    const forged = await fake.deliver(server, longId, { signature: 't=1,v1=deadbeef' });
    expect(forged.body.error).toMatch(/^The Stripe signature does not verify/);

    const [stored] = await server.sql(`SELECT count(*)::int AS n FROM provider_events`);
    expect(stored.n).toBe(0);
  });
});
