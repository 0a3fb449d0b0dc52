import { ADMIN_ENV, logInAdmin, signUpCreatorWithTier, signUpMerchant } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';

const FEED = /* GraphQL */ `
  query Feed($first: Int!) {
    tasks(first: $first, filter: { status: OPEN }) {
      totalCount
      nodes {
        id
        title
        budget {
          amount
        }
        merchant {
          shopName
          user {
            displayName
          }
        }
        domainTags {
          slug
        }
        bidCount
        myBid {
          id
        }
      }
    }
  }
`;

/** SQL statement counts the server logged (LOG_LEVEL=debug, LOG_FORMAT=json) for operations named `name`. */
function statementCounts(server: TestServer, name: string): number[] {
  return server
    .logs()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(`"operation":"${name}"`))
    .map((line) => JSON.parse(line).message.sqlStatements);
}

describe('no N+1: the feed costs the same number of statements for 20 and 100 tasks', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { ...ADMIN_ENV, LOG_LEVEL: 'debug', LOG_FORMAT: 'json' } });
    const admin = await logInAdmin(server.gql);
    const merchants = await Promise.all([
      signUpMerchant(server.gql),
      signUpMerchant(server.gql),
      signUpMerchant(server.gql),
    ]);
    const creator = await signUpCreatorWithTier(server.gql, admin, 'EXPERT');
    const applyBy = new Date(Date.now() + 86_400_000).toISOString();
    const deliverBy = new Date(Date.now() + 7 * 86_400_000).toISOString();
    // 120 tasks, posted ten at a time; every third one gets a bid.
    const post = async (i: number) => {
      const merchant = merchants[i % merchants.length];
      const data = await server.gql.ok(
        `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
        {
          input: {
            title: `Task ${i}`,
            brief: 'Show the product in daily use.',
            contentType: 'POST',
            channels: ['HEADLINES'],
            domainTags: i % 2 ? ['home.furniture'] : ['beauty', 'beauty.skincare'],
            budget: { amount: `${100 + i}.00`, currencyCode: 'CNY' },
            slots: 3,
            applyBy,
            deliverBy,
            publish: true,
          },
        },
        merchant.token,
      );
      if (i % 3 === 0) {
        await server.gql.ok(
          `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
          {
            input: {
              taskId: data.postTask.id,
              price: { amount: '99.00', currencyCode: 'CNY' },
              pitch: 'Pick me',
            },
          },
          creator.token,
        );
      }
    };
    for (let batch = 0; batch < 120; batch += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, offset) => post(batch + offset)));
    }
  }, 180_000);
  afterAll(() => server.close());

  it('logs the same statement count for pages of 20 and 100, with nested merchant, tags and bid counts', async () => {
    const admin = await logInAdmin(server.gql);
    const small = await server.gql.request(FEED, { first: 20 }, admin);
    const large = await server.gql.request(FEED, { first: 100 }, admin);
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect((small.data as any).tasks.nodes).toHaveLength(20);
    expect((large.data as any).tasks.nodes).toHaveLength(100);
    // The log line is written as the response is sent; give the pipe a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [smallCount, largeCount] = statementCounts(server, 'Feed').slice(-2);
    console.log(`SQL statements per tasks page: first 20 -> ${smallCount}, first 100 -> ${largeCount}`);
    expect(largeCount).toBe(smallCount);
    // viewer, count, page, merchants, their users, bid counts: a fixed handful whatever the page size.
    expect(smallCount).toBeLessThanOrEqual(8);
  });
});
