import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { expectCode } from './support/market-fixtures';
import { eventually, orderIn, setUpParties, type Parties } from './support/order-fixtures';
import {
  click,
  createLink,
  deliverableOf,
  reportSale,
  setLinkDomains,
  SHOP_HOST,
  VERIFIED,
} from './support/tracking-fixtures';

const CREATOR_PERFORMANCE = /* GraphQL */ `
  query ($id: ID!, $currency: CurrencyCode) {
    creator(id: $id) {
      performance(currency: $currency) {
        views
        clicks
        orders
        gmv {
          amount
        }
        verified {
          ...V
        }
      }
    }
  }
  ${VERIFIED}
`;

const PLATFORM_PERFORMANCE = /* GraphQL */ `
  query {
    platformPerformance {
      views
      clicks
      orders
      verified {
        ...V
      }
    }
  }
  ${VERIFIED}
`;

/**
 * Issue 17 "creators see their verified figures on their profile" and "the admin dashboard shows
 * platform-verified vs reported figures": Creator.performance for the creator themself and admins, and
 * platformPerformance for admins, each with the platform's own counts beside the reported ones.
 */
describe('verified figures for creators and for the platform', () => {
  let server: TestServer;
  let parties: Parties;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    parties = await setUpParties(server);
    const orderId = await orderIn(parties, 'COMPLETED', { price: '100.00' });
    const deliverableId = await deliverableOf(server.gql, parties.merchant.token, orderId);
    // The creator types in a day of figures: reported, not counted.
    await server.gql.ok(
      `mutation($input: ContentMetricsInput!) { recordContentMetrics(input: $input) { views } }`,
      {
        input: {
          deliverableId,
          day: new Date().toISOString().slice(0, 10),
          views: 5000,
          clicks: 400,
          favorites: 0,
          addToCarts: 0,
          orders: 40,
          gmv: { amount: '4000.00', currencyCode: 'CNY' },
        },
      },
      parties.creator.token,
    );
    // What the platform counts: three clicks by two visitors, one signed sale.
    await setLinkDomains(server.gql, parties.merchant.token, [SHOP_HOST]);
    const { code } = await createLink(server.gql, parties.merchant.token, deliverableId);
    const first = await click(server, code);
    await click(server, code, { cookie: `vt_vid=${first.cookie}` });
    await click(server, code, { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36' });
    const { secret } = (
      await server.gql.ok(`mutation { createConversionKey { secret } }`, {}, parties.merchant.token)
    ).createConversionKey;
    const sale = await reportSale(server, secret, {
      clickId: first.clickId,
      shopOrderId: 'verified-figures-1',
      amount: '250.00',
      currency: 'CNY',
      occurredAt: new Date().toISOString(),
    });
    expect(sale.status).toBe(200);
    // Clicks are written off the request path: wait until all three are stored.
    await eventually(
      async () => (await server.sql(`SELECT count(*)::int AS n FROM link_clicks`))[0].n === 3,
      'the clicks to be written',
    );
  });

  afterAll(async () => {
    await server?.close();
  });

  it("shows the creator their own content's verified figures beside the reported ones (Creator.performance)", async () => {
    const own = await server.gql.ok(
      CREATOR_PERFORMANCE,
      { id: parties.creator.profileId },
      parties.creator.token,
    );
    expect(own.creator.performance).toEqual({
      views: 5000,
      clicks: 400,
      orders: 40,
      gmv: { amount: '4000.00' },
      verified: {
        clicks: 3,
        uniqueVisitors: 2,
        orders: 1,
        gmv: { amount: '250.00', currencyCode: 'CNY' },
        conversionRate: 1 / 3,
        returnOnSpend: 2.5,
      },
    });
    // Admins read it too; another currency has nothing.
    const usd = await server.gql.ok(
      CREATOR_PERFORMANCE,
      { id: parties.creator.profileId, currency: 'USD' },
      parties.admin,
    );
    expect(usd.creator.performance.verified).toMatchObject({ clicks: 0, orders: 0, conversionRate: null });
    const creatorSeenByAdmin = await server.gql.ok(
      CREATOR_PERFORMANCE,
      { id: parties.creator.profileId },
      parties.admin,
    );
    expect(creatorSeenByAdmin.creator.performance).toEqual(own.creator.performance);
  });

  it("keeps a creator's figures from merchants, other creators and visitors", async () => {
    for (const token of [parties.merchant.token, parties.otherCreator.token, null]) {
      const refused = await server.gql.request(CREATOR_PERFORMANCE, { id: parties.creator.profileId }, token);
      expect(refused.data?.creator?.performance ?? null).toBeNull();
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(refused.errors?.[0].extensions?.code);
    }
    // The rest of the public profile still answers.
    const profile = await server.gql.ok(
      `query($id: ID!) { creator(id: $id) { handle } }`,
      { id: parties.creator.profileId },
      parties.merchant.token,
    );
    expect(profile.creator.handle).toEqual(expect.any(String));
  });

  it('shows admins the whole platform, counted beside reported, and nobody else', async () => {
    const platform = await server.gql.ok(PLATFORM_PERFORMANCE, {}, parties.admin);
    expect(platform.platformPerformance).toMatchObject({
      views: 5000,
      clicks: 400,
      orders: 40,
      verified: { clicks: 3, uniqueVisitors: 2, orders: 1, gmv: { amount: '250.00', currencyCode: 'CNY' } },
    });
    expectCode(await server.gql.fail(PLATFORM_PERFORMANCE, {}, parties.merchant.token), 'FORBIDDEN');
    expectCode(await server.gql.fail(PLATFORM_PERFORMANCE, {}, parties.creator.token), 'FORBIDDEN');
    expectCode(await server.gql.fail(PLATFORM_PERFORMANCE, {}), 'UNAUTHENTICATED');
  });
});
