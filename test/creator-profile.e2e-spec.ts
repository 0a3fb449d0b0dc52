import { randomUUID } from 'node:crypto';
import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { eventually } from './support/order-fixtures';
import { completedOrder, type CompletedOrder } from './support/square-fixtures';
import { click, createLink, reportSale, SET_LINK_DOMAINS, SHOP_HOST } from './support/tracking-fixtures';

const PROFILE = /* GraphQL */ `
  query Profile($id: ID!, $first: Int, $after: String) {
    creator(id: $id) {
      id
      portfolio(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          title
          contentType
          mediaUrls
          publishedUrl
          shopName
          views
          clicks
          figuresVerified
          completedAt
        }
      }
      reviews(first: 10) {
        totalCount
        nodes {
          rating
          comment
          by
          createdAt
        }
      }
    }
  }
`;

const SET_VISIBILITY = `mutation($id: ID!, $visible: Boolean!) { setPortfolioVisibility(orderId: $id, visible: $visible) { id status } }`;

const RECORD = /* GraphQL */ `
  mutation Record($input: ContentMetricsInput!) {
    recordContentMetrics(input: $input) {
      views
    }
  }
`;

/** The creator profile: the portfolio of orders completed from version 2 on, and reviews with who wrote them. */
describe('creator profile', () => {
  let server: TestServer;
  let creator: Account;
  let oak: Account;
  let linen: Account;
  let first: CompletedOrder;
  let second: CompletedOrder;
  let older: CompletedOrder;

  beforeAll(async () => {
    // JSON logs at debug level carry each operation's SQL statement count (the no-N+1 check below).
    server = await startTestServer({
      env: { ...ADMIN_ENV, PUBLIC_CACHE: 'off', LOG_LEVEL: 'debug', LOG_FORMAT: 'json' },
    });
    const gql = server.gql;
    const admin = await logInAdmin(gql);
    creator = await signUpCreatorWithTier(gql, admin, 'EXPERT');
    oak = await signUpMerchant(gql, { merchant: { shopName: 'Oak & Co', industry: 'home' } });
    linen = await signUpMerchant(gql, { merchant: { shopName: '麻布小店', industry: 'home' } });
    older = await completedOrder(gql, oak, creator, { title: 'Before version 2', rating: 4 });
    // As if it completed before the portfolio existed: such orders never enter it.
    await server.sql(`UPDATE orders SET portfolio_completed_at = NULL WHERE id = $1`, [older.orderId]);
    first = await completedOrder(gql, oak, creator, { title: 'Oak table in a small flat', rating: 5 });
    second = await completedOrder(gql, linen, creator, {
      title: '亚麻床品开箱',
      contentType: 'POST',
      rating: 3,
    });
    await gql.ok(
      RECORD,
      {
        input: {
          deliverableId: first.deliverableId,
          day: new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10),
          views: 1200,
          clicks: 87,
          favorites: 3,
          addToCarts: 2,
          orders: 1,
          gmv: { amount: '999.00', currencyCode: 'CNY' },
        },
      },
      creator.token,
    );
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  const profile = async (variables: Record<string, unknown> = {}, token: string | null = null) =>
    (await server.gql.ok(PROFILE, { id: creator.profileId, ...variables }, token)).creator;

  it('shows accepted deliverables of orders completed from version 2 on, newest first, with reach only', async () => {
    const { portfolio } = await profile();
    expect(portfolio.totalCount).toBe(2);
    expect(portfolio.nodes).toEqual([
      {
        id: second.orderId,
        title: '亚麻床品开箱',
        contentType: 'POST',
        mediaUrls: ['https://cdn.example.com/v.mp4'],
        publishedUrl: 'https://video.example.com/p/1',
        shopName: '麻布小店',
        views: 0,
        clicks: 0,
        figuresVerified: false,
        completedAt: expect.any(String),
      },
      expect.objectContaining({
        id: first.orderId,
        title: 'Oak table in a small flat',
        contentType: 'VIDEO',
        shopName: 'Oak & Co',
        views: 1200,
        clicks: 87,
        figuresVerified: false,
      }),
    ]);
    expect(portfolio.nodes.map((node: { id: string }) => node.id)).not.toContain(older.orderId);
  });

  it('never shows money: a portfolio item has no price, GMV or amount', async () => {
    const data = await server.gql.ok(
      `{ __type(name: "PortfolioItem") { fields { name type { name ofType { name } } } } }`,
    );
    for (const field of data.__type.fields) {
      expect(field.name).not.toMatch(/price|gmv|amount|spend|fee|payout/i);
      expect(field.type.name ?? field.type.ofType?.name).not.toBe('Money');
    }
  });

  it('pages the portfolio with a cursor', async () => {
    const page = (await profile({ first: 1 })).portfolio;
    expect(page.nodes).toHaveLength(1);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = (await profile({ first: 1, after: page.pageInfo.endCursor })).portfolio;
    expect(next.nodes.map((node: { id: string }) => node.id)).toEqual([first.orderId]);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it("lets the order's merchant hide and show it again; no one else", async () => {
    await server.gql.ok(SET_VISIBILITY, { id: first.orderId, visible: false }, oak.token);
    expect((await profile()).portfolio.nodes.map((node: { id: string }) => node.id)).toEqual([
      second.orderId,
    ]);
    expect((await profile()).portfolio.totalCount).toBe(1);

    const byCreator = await server.gql.fail(
      SET_VISIBILITY,
      { id: first.orderId, visible: true },
      creator.token,
    );
    expect(byCreator.extensions?.code).toBe('FORBIDDEN');
    const byOther = await server.gql.fail(SET_VISIBILITY, { id: first.orderId, visible: true }, linen.token);
    expect(byOther.extensions?.code).toBe('NOT_FOUND');
    const unknown = await server.gql.fail(SET_VISIBILITY, { id: randomUUID(), visible: true }, oak.token);
    expect(unknown.extensions?.code).toBe('NOT_FOUND');
    const anonymous = await server.gql.fail(SET_VISIBILITY, { id: first.orderId, visible: true });
    expect(anonymous.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await profile()).portfolio.totalCount).toBe(1);

    await server.gql.ok(SET_VISIBILITY, { id: first.orderId, visible: true }, oak.token);
    expect((await profile()).portfolio.totalCount).toBe(2);
  });

  it('lists reviews newest first with who wrote them: the shop', async () => {
    const { reviews } = await profile();
    expect(reviews.totalCount).toBe(3);
    expect(reviews.nodes.map((review: { rating: number; by: string }) => [review.rating, review.by])).toEqual(
      [
        [3, '麻布小店'],
        [5, 'Oak & Co'],
        [4, 'Oak & Co'],
      ],
    );
  });

  it("names the creator's handle as the author of a review of a merchant", async () => {
    const review = await server.gql.ok(
      `mutation($id: ID!) { reviewMerchant(orderId: $id, rating: 5, comment: "Clear brief") { rating by } }`,
      { id: first.orderId },
      creator.token,
    );
    const handle = (
      await server.gql.ok(`query($id: ID!) { creator(id: $id) { handle } }`, { id: creator.profileId })
    ).creator.handle;
    expect(review.reviewMerchant).toEqual({ rating: 5, by: handle });
  });

  it("shows the platform's click count, marked verified, once a tracking link counted clicks; the reported figures otherwise", async () => {
    const gql = server.gql;
    await gql.ok(
      SET_LINK_DOMAINS,
      { input: { shopName: 'Oak & Co', industry: 'home', linkDomains: [SHOP_HOST] } },
      oak.token,
    );
    const link = await createLink(gql, oak.token, first.deliverableId);
    const item = async (orderId: string) =>
      (await profile()).portfolio.nodes.find((node: { id: string }) => node.id === orderId);
    // A link nobody clicked yet proves nothing: the creator's reported figures stay.
    expect(await item(first.orderId)).toMatchObject({ views: 1200, clicks: 87, figuresVerified: false });

    for (let i = 0; i < 3; i++) expect((await click(server, link.code)).status).toBe(302);
    const secret = (await gql.ok(`mutation { createConversionKey { secret } }`, {}, oak.token))
      .createConversionKey.secret;
    const sale = await reportSale(server, secret, {
      code: link.code,
      shopOrderId: 'portfolio-sale-1',
      amount: '4321.87',
      currency: 'CNY',
      occurredAt: new Date().toISOString(),
    });
    expect(sale.status).toBe(200);

    const verified = await eventually(async () => {
      const found = await item(first.orderId);
      return found?.figuresVerified ? found : null;
    }, 'the clicks to be written');
    // Clicks are the platform's (3, not the 87 reported); views stay as reported (the platform counts
    // no impressions); the sale's money never shows.
    expect(verified).toMatchObject({ views: 1200, clicks: 3, figuresVerified: true });
    // An amount no id or time can spell (a time's seconds have two digits before their dot).
    expect(JSON.stringify(verified)).not.toContain('4321.87');
    expect(JSON.stringify(verified)).not.toContain('432187');
    // The order without a tracking link still shows its reported figures.
    expect(await item(second.orderId)).toMatchObject({ views: 0, clicks: 0, figuresVerified: false });
  });

  it("reads every portfolio entry's figures in one batch: two entries cost the statements of one", async () => {
    const query = `query PortfolioFigures($id: ID!, $first: Int!) {
      creator(id: $id) { portfolio(first: $first) { nodes { id views clicks figuresVerified shopName title } } }
    }`;
    for (const first of [1, 2]) {
      const data = await server.gql.ok(query, { id: creator.profileId, first });
      expect(data.creator.portfolio.nodes).toHaveLength(first);
    }
    const counts = await eventually(async () => {
      const found = server
        .logs()
        .split('\n')
        .filter((line) => line.startsWith('{') && line.includes('"operation":"PortfolioFigures"'))
        .map((line) => JSON.parse(line).message.sqlStatements as number);
      return found.length === 2 ? found : null;
    }, 'both statement counts in the log');
    const [one, two] = counts!;
    expect(one).toBeGreaterThan(0);
    expect(two).toBe(one);
  });
});
