import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV, signUpAgency } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { expectCode } from './support/market-fixtures';
import { bookedOrders, orderIn, setUpParties, type Parties } from './support/order-fixtures';

const PERFORMANCE = /* GraphQL */ `
  fragment P on ContentPerformance {
    views
    clicks
    favorites
    addToCarts
    orders
    gmv {
      amount
      currencyCode
    }
    spend {
      amount
    }
    clickThroughRate
    conversionRate
    returnOnSpend
  }
`;

const RECORD = /* GraphQL */ `
  mutation Record($input: ContentMetricsInput!) {
    recordContentMetrics(input: $input) {
      ...P
    }
  }
  ${PERFORMANCE}
`;

const ORDER_PERFORMANCE = /* GraphQL */ `
  query OrderPerformance($id: ID!) {
    order(id: $id) {
      task {
        id
      }
      performance {
        ...P
      }
    }
  }
  ${PERFORMANCE}
`;

const TASK_PERFORMANCE = /* GraphQL */ `
  query TaskPerformance($id: ID!) {
    taskPerformance(taskId: $id) {
      ...P
    }
  }
  ${PERFORMANCE}
`;

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

describe('effect (效果可评估): content metrics and performance', () => {
  let server: TestServer;
  let parties: Parties;
  let orderId: string;
  let taskId: string;
  let deliverableId: string;

  const figures = (overrides: Record<string, unknown> = {}) => ({
    deliverableId,
    day: day(-1),
    views: 0,
    clicks: 0,
    favorites: 0,
    addToCarts: 0,
    orders: 0,
    gmv: { amount: '0.00', currencyCode: 'CNY' },
    ...overrides,
  });

  beforeAll(async () => {
    server = await startTestServer({ env: { ...ADMIN_ENV, LOG_LEVEL: 'debug', LOG_FORMAT: 'json' } });
    parties = await setUpParties(server);
    orderId = await orderIn(parties, 'DELIVERED', { price: '300.00' });
    const data = await server.gql.ok(
      `query($id: ID!) { order(id: $id) { task { id } deliverables { id } } }`,
      { id: orderId },
      parties.creator.token,
    );
    taskId = data.order.task.id;
    deliverableId = data.order.deliverables[0].id;
  });

  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  it('starts at zero, with no rate where a denominator is zero', async () => {
    const data = await server.gql.ok(ORDER_PERFORMANCE, { id: orderId }, parties.merchant.token);
    expect(data.order.performance).toEqual({
      views: 0,
      clicks: 0,
      favorites: 0,
      addToCarts: 0,
      orders: 0,
      gmv: { amount: '0.00', currencyCode: 'CNY' },
      spend: { amount: '300.00' },
      clickThroughRate: null,
      conversionRate: null,
      returnOnSpend: 0,
    });
  });

  it('records a day and computes the rates exactly', async () => {
    const data = await server.gql.ok(
      RECORD,
      {
        input: figures({
          views: 3,
          clicks: 1,
          favorites: 2,
          addToCarts: 1,
          gmv: { amount: '100.00', currencyCode: 'CNY' },
        }),
      },
      parties.creator.token,
    );
    expect(data.recordContentMetrics).toEqual({
      views: 3,
      clicks: 1,
      favorites: 2,
      addToCarts: 1,
      orders: 0,
      gmv: { amount: '100.00', currencyCode: 'CNY' },
      spend: { amount: '300.00' },
      clickThroughRate: 0.3333333333333333,
      conversionRate: 0,
      returnOnSpend: 0.3333333333333333,
    });
  });

  it('replaces a day recorded again, and adds up different days', async () => {
    const replaced = await server.gql.ok(
      RECORD,
      {
        input: figures({ views: 300, clicks: 30, orders: 3, gmv: { amount: '600.00', currencyCode: 'CNY' } }),
      },
      parties.creator.token,
    );
    expect(replaced.recordContentMetrics).toMatchObject({
      views: 300,
      clicks: 30,
      favorites: 0,
      orders: 3,
      gmv: { amount: '600.00' },
      clickThroughRate: 0.1,
      conversionRate: 0.1,
      returnOnSpend: 2,
    });
    // An admin may record too; today is another row.
    const added = await server.gql.ok(
      RECORD,
      {
        input: figures({
          day: day(0),
          views: 700,
          clicks: 40,
          orders: 4,
          gmv: { amount: '300.01', currencyCode: 'CNY' },
        }),
      },
      parties.admin,
    );
    expect(added.recordContentMetrics).toMatchObject({
      views: 1000,
      clicks: 70,
      orders: 7,
      gmv: { amount: '900.01' },
      clickThroughRate: 0.07,
      conversionRate: 0.1,
      // 90001 / 30000, divided once from the integer sums.
      returnOnSpend: 90001 / 30000,
    });
    const rows = await server.sql(
      `SELECT day::text, views FROM content_metrics WHERE deliverable_id = $1 ORDER BY day`,
      [deliverableId],
    );
    expect(rows).toEqual([
      { day: day(-1), views: 300 },
      { day: day(0), views: 700 },
    ]);
  });

  it('breaks an order down day by day, oldest first, for the merchant to chart', async () => {
    const query = `query($id: ID!) { order(id: $id) { dailyPerformance { day views clicks favorites addToCarts orders gmv { amount currencyCode } } } }`;
    const data = await server.gql.ok(query, { id: orderId }, parties.merchant.token);
    expect(data.order.dailyPerformance).toEqual([
      {
        day: day(-1),
        views: 300,
        clicks: 30,
        favorites: 0,
        addToCarts: 0,
        orders: 3,
        gmv: { amount: '600.00', currencyCode: 'CNY' },
      },
      {
        day: day(0),
        views: 700,
        clicks: 40,
        favorites: 0,
        addToCarts: 0,
        orders: 4,
        gmv: { amount: '300.01', currencyCode: 'CNY' },
      },
    ]);
    // Someone else's order stays hidden, figures and all.
    expectCode(await server.gql.fail(query, { id: orderId }, parties.otherMerchant.token), 'NOT_FOUND');
  });

  it('sums a task over its orders and shows it to the task’s merchant and admins only', async () => {
    const mine = await server.gql.ok(TASK_PERFORMANCE, { id: taskId }, parties.merchant.token);
    expect(mine.taskPerformance).toMatchObject({ views: 1000, clicks: 70, spend: { amount: '300.00' } });
    expect((await server.gql.ok(TASK_PERFORMANCE, { id: taskId }, parties.admin)).taskPerformance.views).toBe(
      1000,
    );
    expectCode(
      await server.gql.fail(TASK_PERFORMANCE, { id: taskId }, parties.otherMerchant.token),
      'FORBIDDEN',
    );
    expectCode(await server.gql.fail(TASK_PERFORMANCE, { id: taskId }, parties.creator.token), 'FORBIDDEN');
    expectCode(
      await server.gql.fail(TASK_PERFORMANCE, { id: 'not-an-id' }, parties.merchant.token),
      'NOT_FOUND',
    );
  });

  it('summarises a merchant for that merchant and admins (Merchant.performance)', async () => {
    const query = `query($id: ID!) { order(id: $id) { merchant { performance { views gmv { amount currencyCode } returnOnSpend } } } }`;
    const own = await server.gql.ok(query, { id: orderId }, parties.merchant.token);
    expect(own.order.merchant.performance).toEqual({
      views: 1000,
      gmv: { amount: '900.01', currencyCode: 'CNY' },
      returnOnSpend: 90001 / 30000,
    });
    const usd = await server.gql.ok(
      `query($id: ID!) { order(id: $id) { merchant { performance(currency: USD) { views returnOnSpend } } } }`,
      { id: orderId },
      parties.admin,
    );
    expect(usd.order.merchant.performance).toEqual({ views: 0, returnOnSpend: null });
    const refused = await server.gql.request(query, { id: orderId }, parties.creator.token);
    expect(refused.data?.order.merchant.performance).toBeNull();
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses bad figures with the fields at fault', async () => {
    const bad = async (overrides: Record<string, unknown>) => {
      const error = await server.gql.fail(RECORD, { input: figures(overrides) }, parties.creator.token);
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      return error.extensions?.fields;
    };
    expect(await bad({ views: -1, orders: -2 })).toMatchObject({
      views: expect.any(String),
      orders: expect.any(String),
    });
    expect(await bad({ day: '2026-02-30' })).toMatchObject({ day: expect.any(String) });
    expect(await bad({ day: '11/11/2026' })).toMatchObject({ day: expect.any(String) });
    expect(await bad({ day: day(3) })).toMatchObject({ day: expect.any(String) });
    expect(await bad({ day: '2001-01-01' })).toMatchObject({ day: expect.any(String) });
    expect(await bad({ gmv: { amount: '10.00', currencyCode: 'USD' } })).toMatchObject({
      'gmv.currencyCode': expect.stringContaining('CNY'),
    });
    expect(await bad({ gmv: { amount: '1.001', currencyCode: 'CNY' } })).toMatchObject({
      'gmv.amount': expect.any(String),
    });
    expect(await bad({ gmv: { amount: '-1.00', currencyCode: 'CNY' } })).toMatchObject({
      'gmv.amount': expect.any(String),
    });
    const [{ n }] = await server.sql(`SELECT count(*)::int AS n FROM content_metrics`);
    expect(n).toBe(2);
  });

  it('lets only the order’s creator or an admin record (others FORBIDDEN or NOT_FOUND)', async () => {
    const agency = await signUpAgency(server.gql);
    expectCode(await server.gql.fail(RECORD, { input: figures() }, parties.merchant.token), 'FORBIDDEN');
    expectCode(await server.gql.fail(RECORD, { input: figures() }, agency.token), 'FORBIDDEN');
    expectCode(await server.gql.fail(RECORD, { input: figures() }, parties.otherCreator.token), 'NOT_FOUND');
    expectCode(await server.gql.fail(RECORD, { input: figures() }), 'UNAUTHENTICATED');
    expectCode(
      await server.gql.fail(
        RECORD,
        { input: figures({ deliverableId: '00000000-0000-4000-8000-000000000000' }) },
        parties.creator.token,
      ),
      'NOT_FOUND',
    );
    // Not an id at all: an input error naming the field, like every id inside an input.
    const malformed = await server.gql.fail(
      RECORD,
      { input: figures({ deliverableId: 'x' }) },
      parties.creator.token,
    );
    expectCode(malformed, 'BAD_USER_INPUT');
    expect(malformed.extensions?.fields).toHaveProperty(['deliverableId']);
  });

  it('has no return on spend before the order is paid', async () => {
    const unpaid = await orderIn(parties, 'AWAITING_FUNDING');
    const data = await server.gql.ok(ORDER_PERFORMANCE, { id: unpaid }, parties.creator.token);
    expect(data.order.performance).toMatchObject({ spend: { amount: '0.00' }, returnOnSpend: null });
  });

  it('loads performance and daily figures for a list of orders in one query each (no N+1)', async () => {
    await bookedOrders(parties, 8);
    const list = `query MyOrdersPerformance($first: Int!) { myOrders(first: $first) { nodes { id performance { views returnOnSpend } dailyPerformance { day views } } } }`;
    const small = await server.gql.ok(list, { first: 2 }, parties.merchant.token);
    const large = await server.gql.ok(list, { first: 10 }, parties.merchant.token);
    expect(small.myOrders.nodes).toHaveLength(2);
    expect(large.myOrders.nodes).toHaveLength(10);
    // Orders without figures have an empty series.
    for (const node of large.myOrders.nodes) {
      if (node.id !== orderId) expect(node.dailyPerformance).toEqual([]);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const counts = server
      .logs()
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"operation":"MyOrdersPerformance"'))
      .map((line) => JSON.parse(line).message.sqlStatements);
    expect(counts.length).toBeGreaterThanOrEqual(2);
    const [smallCount, largeCount] = counts.slice(-2);
    expect(typeof smallCount).toBe('number');
    expect(largeCount).toBe(smallCount);
  });
});
