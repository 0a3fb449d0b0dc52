import { signUpMerchant, type Account } from './support/fixtures';
import { startTestServer, type GqlResponse, type TestServer } from './support/harness';
import { postTask, waitFor } from './support/market-fixtures';

const FEED = /* GraphQL */ `
  query StatsFeed {
    tasks(first: 20, filter: { status: OPEN }) {
      totalCount
      nodes {
        id
        title
        merchant {
          shopName
        }
        domainTags {
          slug
        }
      }
    }
  }
`;
const ME = `query StatsMe { me { id email } }`;

const statementsOf = (response: GqlResponse<unknown>) => response.headers['x-sql-statements'];

/** SQL statement counts the server logged (LOG_LEVEL=debug, LOG_FORMAT=json) for operations named `name`. */
function loggedCounts(server: TestServer, name: string): number[] {
  return server
    .logs()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(`"operation":"${name}"`))
    .map((line) => JSON.parse(line).message.sqlStatements);
}

/** EXPOSE_QUERY_STATS=on: benchmarks read each request's SQL statement count from a response header. */
describe('the x-sql-statements header for benchmarks', () => {
  let server: TestServer;
  let merchant: Account;

  beforeAll(async () => {
    // The default log level: the header must not depend on the debug line that also counts statements.
    server = await startTestServer({ env: { EXPOSE_QUERY_STATS: 'on', PUBLIC_CACHE_TTL_S: '60' } });
    merchant = await signUpMerchant(server.gql);
    await postTask(server.gql, merchant.token);
    await postTask(server.gql, merchant.token);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts no statement for a query that reads nothing from the database', async () => {
    const response = await server.gql.request(`{ __typename }`);
    expect(response.data).toEqual({ __typename: 'Query' });
    expect(statementsOf(response)).toBe('0');
  });

  it('counts the statements a signed-in request ran', async () => {
    const response = await server.gql.request(ME, {}, merchant.token);
    expect(response.data).toEqual({ me: { id: merchant.userId, email: merchant.email } });
    const counted = Number(statementsOf(response));
    expect(Number.isInteger(counted)).toBe(true);
    expect(counted).toBeGreaterThanOrEqual(1);
  });

  it('counts the feed’s statements on a cache miss and none when the public cache answers', async () => {
    const miss = await server.gql.request(FEED);
    expect(miss.headers['x-public-cache']).toBe('miss');
    expect((miss.data as any).tasks.nodes.length).toBeGreaterThanOrEqual(2);
    expect(Number(statementsOf(miss))).toBeGreaterThanOrEqual(1);

    const hit = await server.gql.request(FEED);
    expect(hit.headers['x-public-cache']).toBe('hit');
    expect(hit.body).toEqual(miss.body);
    expect(statementsOf(hit)).toBe('0');
  });

  it('counts the statements of a refused request too', async () => {
    const response = await server.gql.request(ME, {}, 'not-a-token');
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(statementsOf(response)).toMatch(/^\d+$/);
  });
});

describe('without EXPOSE_QUERY_STATS', () => {
  let server: TestServer;
  let exposed: TestServer;
  let merchant: Account;
  beforeAll(async () => {
    server = await startTestServer({ env: { LOG_LEVEL: 'debug', LOG_FORMAT: 'json' } });
    exposed = await startTestServer({
      databaseUrl: server.databaseUrl,
      dropOnClose: false,
      env: { EXPOSE_QUERY_STATS: 'on' },
    });
    merchant = await signUpMerchant(server.gql);
  });
  afterAll(async () => {
    await exposed?.close();
    await server?.close();
  });

  it('tells ordinary clients nothing of the server’s SQL', async () => {
    const response = await server.gql.request(FEED);
    expect(response.data).not.toBeNull();
    expect(response.headers).not.toHaveProperty('x-sql-statements');
  });

  it('counts in the header what the debug log counts for the same request', async () => {
    const logged = await server.gql.request(ME, {}, merchant.token);
    expect(logged.headers).not.toHaveProperty('x-sql-statements');
    // The log line travels through the server's stdout pipe, which may arrive after the answer.
    const counts = await waitFor(
      async () => (loggedCounts(server, 'StatsMe').length ? loggedCounts(server, 'StatsMe') : null),
      'the debug log line of StatsMe',
    );
    const header = await exposed.gql.request(ME, {}, merchant.token);
    expect(header.data).toEqual(logged.data);
    expect(counts).toEqual([Number(statementsOf(header))]);
  });

  it('refuses to start with a value it cannot read', async () => {
    await expect(
      startTestServer({
        databaseUrl: server.databaseUrl,
        dropOnClose: false,
        env: { EXPOSE_QUERY_STATS: 'yes' },
      }),
    ).rejects.toThrow(/cannot start: EXPOSE_QUERY_STATS must be one of on, off, not "yes"/);
  });
});
