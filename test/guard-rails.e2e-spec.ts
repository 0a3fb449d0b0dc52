import { getIntrospectionQuery } from 'graphql';
import request from 'supertest';
import { dropDatabase } from '../libs/database/src/embedded-postgres';
import { expectWellFormedErrors } from './support/errors';
import { PASSWORD, signUpAgency, signUpCreator, unique } from './support/fixtures';
import { startTestServer, type GqlError, type TestServer } from './support/harness';

/** 10 levels: creators > nodes > agency > creators > agency > creators > agency > creators > agency > id. */
const DEPTH_10 = `{ creators { nodes { agency { creators { agency { creators { agency { creators { agency { id } } } } } } } } } }`;
const DEPTH_11 = `{ creators { nodes { agency { creators { agency { creators { agency { creators { agency { creators { id } } } } } } } } } } }`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signUpMutation(alias: string, email: string, selection = '{ token }'): string {
  return `${alias}: signUp(input: { email: "${email}", password: "${PASSWORD}", displayName: "Guard", role: AGENCY, agency: { name: "Guard", revenueShareBps: 0 } }) ${selection}`;
}

describe('API guard rails', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    // Enough of a graph for deep queries to have something to walk.
    const agency = await signUpAgency(server.gql);
    for (let i = 0; i < 2; i++) {
      const creator = await signUpCreator(server.gql);
      await server.gql.ok(
        `mutation($id: ID!) { inviteToAgency(creatorId: $id) { id } }`,
        { id: creator.profileId },
        agency.token,
      );
      await server.gql.ok(
        `mutation($id: ID!) { joinAgency(agencyId: $id) { id } }`,
        { id: agency.profileId },
        creator.token,
      );
    }
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  const http = () => request(server.url);
  const users = async () => Number((await server.sql(`SELECT count(*)::int AS n FROM users`))[0].n);
  /** Records a raw response's errors for the end-of-suite check, and returns the first. */
  const firstError = (body: { errors?: GqlError[] }): GqlError => {
    expect(Array.isArray(body?.errors)).toBe(true);
    server.gql.errorsSeen.push(...body.errors!);
    return body.errors![0];
  };

  describe('query depth (at most 10)', () => {
    it('runs a query 10 levels deep', async () => {
      const data = await server.gql.ok(DEPTH_10);
      const member = data.creators.nodes.find((node: { agency: unknown }) => node.agency !== null);
      expect(member.agency.creators[0].agency.creators[0].agency.creators[0].agency.id).toEqual(
        expect.any(String),
      );
    });

    it('refuses 11 levels with QUERY_TOO_COMPLEX, before anything runs', async () => {
      const response = await server.gql.request(DEPTH_11);
      expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(response.data).toBeNull();
    });

    it('counts fragments into the depth', async () => {
      const error = await server.gql.fail(`
        { creators { nodes { agency { creators { agency { creators { agency { ...Deep } } } } } } } }
        fragment Deep on Agency { creators { agency { id } } }`);
      expect(error.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    });

    it('refuses a mutation 11 levels deep without running it', async () => {
      const before = await users();
      const email = `${unique('deep')}@example.com`;
      const error = await server.gql.fail(`mutation {
        signUp(input: { email: "${email}", password: "${PASSWORD}", displayName: "Deep", role: AGENCY, agency: { name: "Deep", revenueShareBps: 0 } }) {
          user { agency { creators { agency { creators { agency { creators { agency { creators { id } } } } } } } } }
        }
      }`);
      expect(error.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(await users()).toBe(before);
    });
  });

  describe('query cost (at most 1000)', () => {
    /** Per creator: the agency, its creators and their agency, the tags and their parents. */
    const PAGE = `nodes { id handle agency { creators { agency { id } } } domainTags { parent { slug } } }`;

    it('runs a query under the limit', async () => {
      const data = await server.gql.ok(`{ creators(first: 50) { ${PAGE} } }`);
      expect(data.creators.nodes.length).toBeGreaterThan(0);
    });

    it('prices a list by its page size, nested lists multiplied, and refuses over 1000', async () => {
      const error = await server.gql.fail(
        `{ a: creators(first: 100) { ${PAGE} } b: creators(first: 100) { ${PAGE} } }`,
      );
      expect(error.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(error.message).toMatch(/cost/);
    });

    it('uses the variables to price a page', async () => {
      const query = `query($n: Int) { a: creators(first: $n) { ${PAGE} } b: creators(first: $n) { ${PAGE} } }`;
      expect((await server.gql.fail(query, { n: 100 })).extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect((await server.gql.ok(query, { n: 10 })).a.nodes.length).toBeGreaterThan(0);
    });

    it('refuses an expensive mutation before any resolver runs', async () => {
      const before = await users();
      const fields = Array.from({ length: 400 }, (_, i) =>
        signUpMutation(`m${i}`, `${unique('cost')}@example.com`, '{ token user { agency { id } } }'),
      );
      const error = await server.gql.fail(`mutation { ${fields.join('\n')} }`);
      expect(error.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(await users()).toBe(before);
    });

    it('reports a bad variable as BAD_USER_INPUT, not as an internal error', async () => {
      const query = `query($n: Int) { creators(first: $n) { totalCount } }`;
      expect((await server.gql.fail(query, { n: 'ten' })).extensions?.code).toBe('BAD_USER_INPUT');
      const required = `query($n: Int!) { creators(first: $n) { totalCount } }`;
      expect((await server.gql.fail(required, {})).extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('HTTP', () => {
    it('refuses batched operations (a JSON array) without running any', async () => {
      const before = await users();
      const response = await http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send([
          { query: `mutation { ${signUpMutation('a', `${unique('batch')}@example.com`)} }` },
          { query: `mutation { ${signUpMutation('b', `${unique('batch')}@example.com`)} }` },
        ]);
      expect(response.status).toBe(400);
      expect(firstError(response.body).extensions?.code).toBe('BAD_USER_INPUT');
      expect(await users()).toBe(before);
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
      'refuses a simple (CSRF-able) POST with content-type %s without running it',
      async (contentType) => {
        const before = await users();
        const body = JSON.stringify({
          query: `mutation { ${signUpMutation('a', `${unique('csrf')}@example.com`)} }`,
        });
        const response = await http().post('/graphql').set('content-type', contentType).send(body);
        expect(response.status).toBe(400);
        expect(firstError(response.body).extensions?.code).toBe('BAD_USER_INPUT');
        expect(response.body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
        expect(await users()).toBe(before);
      },
    );

    it('answers a GET query only with a preflight header, and never runs a mutation over GET', async () => {
      const blocked = await http().get('/graphql').query({ query: '{ domainTags { slug } }' });
      expect(blocked.status).toBe(400);
      expect(firstError(blocked.body).extensions?.code).toBe('BAD_USER_INPUT');
      expect(blocked.body.data).toBeUndefined();

      const allowed = await http()
        .get('/graphql')
        .set('apollo-require-preflight', 'true')
        .query({ query: '{ domainTags { slug } }' });
      expect(allowed.status).toBe(200);
      expect(allowed.body.data.domainTags.length).toBeGreaterThan(0);

      const before = await users();
      const mutation = await http()
        .get('/graphql')
        .set('apollo-require-preflight', 'true')
        .query({ query: `mutation { ${signUpMutation('a', `${unique('get')}@example.com`)} }` });
      expect(mutation.status).toBeGreaterThanOrEqual(400);
      expect(firstError(mutation.body).extensions?.code).toBe('BAD_USER_INPUT');
      expect(await users()).toBe(before);
    });

    it('refuses a body over 1 MB with 413, and takes one just under', async () => {
      const over = await http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: '{ domainTags { slug } }', variables: { padding: 'x'.repeat(1024 * 1024) } });
      expect(over.status).toBe(413);
      expect(firstError(over.body).extensions?.code).toBe('BAD_USER_INPUT');
      expect(over.headers['x-request-id']).toMatch(UUID);

      const under = await http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: '{ domainTags { slug } }', variables: { padding: 'x'.repeat(1000 * 1000) } });
      expect(under.status).toBe(200);
      expect(under.body.data.domainTags.length).toBeGreaterThan(0);
    });

    it('answers malformed JSON with 400 in the GraphQL error shape', async () => {
      const response = await http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send('{"query": ');
      expect(response.status).toBe(400);
      expect(firstError(response.body).extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('sends no x-powered-by header, and an x-request-id on every answer', async () => {
      const answers = [
        await http()
          .post('/graphql')
          .set('content-type', 'application/json')
          .send({ query: '{ me { id } }' }),
        await http().post('/graphql').set('content-type', 'application/json').send({ query: '{ nope }' }),
        await http().post('/graphql').set('content-type', 'text/plain').send('{}'),
        await http().get('/health'),
        await http().get('/no-such-route'),
      ];
      for (const answer of answers) {
        expect(answer.headers['x-powered-by']).toBeUndefined();
        expect(answer.headers['x-request-id']).toMatch(UUID);
        if (answer.body?.errors) server.gql.errorsSeen.push(...answer.body.errors);
      }
      expect(new Set(answers.map((answer) => answer.headers['x-request-id'])).size).toBe(answers.length);
    });

    it("keeps a caller's plain x-request-id and replaces anything else", async () => {
      const kept = await http().get('/health').set('x-request-id', 'trace-42.abc_DEF');
      expect(kept.headers['x-request-id']).toBe('trace-42.abc_DEF');
      const replaced = await http().get('/health').set('x-request-id', 'evil id <script>');
      expect(replaced.headers['x-request-id']).toMatch(UUID);
      const graphql = await http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('x-request-id', 'client-123')
        .send({ query: '{ me { id } }' });
      expect(graphql.headers['x-request-id']).toBe('client-123');
    });

    it('GET /health reports the database', async () => {
      const response = await http().get('/health');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        status: 'ok',
        database: { status: 'up', latencyMs: expect.any(Number) },
      });
    });
  });

  describe('outside production', () => {
    it('serves introspection', async () => {
      const data = await server.gql.ok(getIntrospectionQuery());
      expect(data.__schema.queryType.name).toBe('Query');
    });

    it('serves the landing page to a browser', async () => {
      const response = await http().get('/graphql').set('accept', 'text/html');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
    });
  });

  describe('in production (NODE_ENV=production)', () => {
    let production: TestServer;
    beforeAll(async () => {
      production = await startTestServer({ env: { NODE_ENV: 'production', ALLOW_SANDBOX_PAYMENTS: 'true' } });
    });
    afterAll(async () => {
      expectWellFormedErrors(production.gql.errorsSeen);
      await production.close();
    });

    it('refuses introspection', async () => {
      for (const query of [
        getIntrospectionQuery(),
        '{ __schema { queryType { name } } }',
        '{ __type(name: "Query") { name } }',
      ]) {
        const response = await production.gql.request(query);
        expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(response.data ?? null).toBeNull();
      }
      // Ordinary queries still work.
      expect((await production.gql.ok('{ domainTags { slug } }')).domainTags.length).toBeGreaterThan(0);
    });

    it('serves no landing page', async () => {
      const response = await request(production.url).get('/graphql').set('accept', 'text/html');
      expect(response.headers['content-type'] ?? '').not.toMatch(/text\/html/);
      expect(response.status).toBeGreaterThanOrEqual(400);
      if (response.body?.errors) production.gql.errorsSeen.push(...response.body.errors);
    });

    it('masks an unexpected failure as INTERNAL_SERVER_ERROR, with no stack or SQL, and logs it with the request id', async () => {
      await production.sql(`ALTER TABLE creators RENAME TO creators_away`);
      let response;
      try {
        response = await request(production.url)
          .post('/graphql')
          .set('content-type', 'application/json')
          .send({ query: '{ creators { totalCount } }' });
      } finally {
        await production.sql(`ALTER TABLE creators_away RENAME TO creators`);
      }
      const error = response.body.errors[0];
      production.gql.errorsSeen.push(...response.body.errors);
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(error.message).not.toMatch(/creators|relation|SELECT|QueryFailed/i);
      expect(error.message).toMatch(/x-request-id/);
      const requestId = response.headers['x-request-id'];
      // The operator sees what happened, under the id the client was given.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const line = production
        .logs()
        .split('\n')
        .find((text) => text.includes(requestId));
      expect(line).toBeDefined();
      expect(line).toMatch(/creators/);
      expect(() => JSON.parse(line!)).not.toThrow();
      expect((await production.gql.ok('{ creators { totalCount } }')).creators.totalCount).toBe(0);
    });

    it('GET /health answers 503 when the database is gone', async () => {
      expect((await request(production.url).get('/health')).status).toBe(200);
      await dropDatabase(
        process.env.VTASK_TEST_ADMIN_URL!,
        new URL(production.databaseUrl).pathname.slice(1),
      );
      const response = await request(production.url).get('/health');
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ status: 'error', database: { status: 'down' } });
    });
  });
});
