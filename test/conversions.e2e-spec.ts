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

const CREATE_KEY = `mutation { createConversionKey { secret prefix createdAt } }`;
const MY_KEYS = `query { myConversionKeys { secret prefix createdAt } }`;
const DAY_MS = 86_400_000;

const FIGURES = /* GraphQL */ `
  query ($id: ID!, $taskId: ID!) {
    order(id: $id) {
      performance {
        orders
        gmv {
          amount
        }
        verified {
          ...V
        }
      }
      merchant {
        performance {
          verified {
            ...V
          }
        }
      }
    }
    taskPerformance(taskId: $taskId) {
      verified {
        ...V
      }
    }
  }
  ${VERIFIED}
`;

describe('conversions: sales a shop reports with a signed request', () => {
  let server: TestServer;
  let parties: Parties;
  let orderId: string;
  let taskId: string;
  let code: string;
  let secret: string;

  const conversions = async () =>
    (await server.sql(`SELECT count(*)::int AS n FROM link_conversions`))[0].n as number;

  const sale = (overrides: Record<string, unknown> = {}) => ({
    shopOrderId: `shop-${Math.random().toString(36).slice(2)}`,
    amount: '199.00',
    currency: 'CNY',
    occurredAt: new Date().toISOString(),
    ...overrides,
  });

  /** A fresh click's id, written to the database. */
  const clickId = async () => {
    const { clickId: id } = await click(server, code);
    return id!;
  };

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    parties = await setUpParties(server);
    orderId = await orderIn(parties, 'COMPLETED', { price: '100.00' });
    const data = await server.gql.ok(
      `query($id: ID!) { order(id: $id) { task { id } } }`,
      { id: orderId },
      parties.merchant.token,
    );
    taskId = data.order.task.id;
    await setLinkDomains(server.gql, parties.merchant.token, [SHOP_HOST]);
    const deliverableId = await deliverableOf(server.gql, parties.merchant.token, orderId);
    code = (await createLink(server.gql, parties.merchant.token, deliverableId)).code;
    secret = (await server.gql.ok(CREATE_KEY, {}, parties.merchant.token)).createConversionKey.secret;
  });

  afterAll(async () => {
    await server?.close();
  });

  it('shows a conversion key secret once; only merchants have keys', async () => {
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const keys = (await server.gql.ok(MY_KEYS, {}, parties.merchant.token)).myConversionKeys;
    expect(keys).toEqual([{ secret: null, prefix: secret.slice(0, 8), createdAt: expect.any(String) }]);
    const [stored] = await server.sql(`SELECT secret_encrypted FROM conversion_keys`);
    expect(stored.secret_encrypted).not.toContain(secret);
    expectCode(await server.gql.fail(CREATE_KEY, {}, parties.creator.token), 'FORBIDDEN');
  });

  it('counts a signed sale for its click once, however often it is reported', async () => {
    const id = await clickId();
    const body = sale({ clickId: id, shopOrderId: 'shop-order-1' });
    const first = await reportSale(server, secret, body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ recorded: true });
    const again = await reportSale(server, secret, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ recorded: false, conversionId: first.body.conversionId });
    const [row] = await server.sql(
      `SELECT click_id::text, amount_minor::text FROM link_conversions WHERE shop_order_id = 'shop-order-1'`,
    );
    expect(row).toEqual({ click_id: id, amount_minor: '19900' });
  });

  it('attributes a sale reported with a link code alone to the link', async () => {
    const response = await reportSale(server, secret, sale({ code, shopOrderId: 'shop-order-by-code' }));
    expect(response.status).toBe(200);
    const [row] = await server.sql(
      `SELECT click_id FROM link_conversions WHERE shop_order_id = 'shop-order-by-code'`,
    );
    expect(row.click_id).toBeNull();
  });

  it('refuses bad signatures, stale timestamps, tampered bodies, other merchants and wrong currencies, storing nothing', async () => {
    const id = await clickId();
    const before = await conversions();
    const otherSecret = (await server.gql.ok(CREATE_KEY, {}, parties.otherMerchant.token)).createConversionKey
      .secret;
    const refusals: [string, Awaited<ReturnType<typeof reportSale>>, number, string][] = [
      [
        'wrong key',
        await reportSale(server, 'f'.repeat(64), sale({ clickId: id })),
        401,
        'insights.badSignature',
      ],
      [
        "another merchant's key",
        await reportSale(server, otherSecret, sale({ clickId: id })),
        401,
        'insights.badSignature',
      ],
      [
        'stale timestamp',
        await reportSale(server, secret, sale({ clickId: id }), {
          timestamp: Math.floor(Date.now() / 1000) - 400,
        }),
        401,
        'insights.staleSignature',
      ],
      [
        'tampered body',
        await reportSale(server, secret, sale({ clickId: id, amount: '1.00' }), {
          tamper: (raw) => raw.replace('"1.00"', '"9999.00"'),
        }),
        401,
        'insights.badSignature',
      ],
      [
        'currency',
        await reportSale(server, secret, sale({ clickId: id, currency: 'USD' })),
        400,
        'insights.currencyMismatch',
      ],
      [
        'both ids',
        await reportSale(server, secret, sale({ clickId: id, code })),
        400,
        'insights.reportClickOrCode',
      ],
      [
        'amount',
        await reportSale(server, secret, sale({ clickId: id, amount: '-5' })),
        400,
        'insights.reportAmount',
      ],
      [
        'unknown click',
        await reportSale(server, secret, sale({ clickId: '00000000-0000-4000-8000-000000000000' })),
        404,
        'insights.unknownLink',
      ],
    ];
    for (const [what, response, status, reason] of refusals) {
      expect({
        what,
        status: response.status,
        reason: response.body.errors?.[0]?.extensions?.reason,
      }).toEqual({ what, status, reason });
      expect(response.body.errors[0].message).toMatch(/\S/);
    }
    const missing = await reportSale(server, secret, sale({ clickId: id }), { tamper: (raw) => raw });
    expect(missing.status).toBe(200);
    // Only the last, valid one was stored.
    expect(await conversions()).toBe(before + 1);
  });

  it('attributes a sale to a click only within the attribution window (7 days)', async () => {
    const id = await clickId();
    const late = await reportSale(
      server,
      secret,
      sale({ clickId: id, occurredAt: new Date(Date.now() + 8 * DAY_MS).toISOString() }),
    );
    expect(late.status).toBe(422);
    expect(late.body.errors[0].extensions.reason).toBe('insights.outsideAttributionWindow');
    const inTime = await reportSale(
      server,
      secret,
      sale({ clickId: id, occurredAt: new Date(Date.now() + 6 * DAY_MS).toISOString() }),
    );
    expect(inTime.status).toBe(200);
  });

  it('keeps an old key working for 24 hours after a new one, not after', async () => {
    const newer = (await server.gql.ok(CREATE_KEY, {}, parties.merchant.token)).createConversionKey.secret;
    const keys = (await server.gql.ok(MY_KEYS, {}, parties.merchant.token)).myConversionKeys;
    expect(keys.map((key: { prefix: string }) => key.prefix)).toEqual([
      newer.slice(0, 8),
      secret.slice(0, 8),
    ]);
    expect((await reportSale(server, newer, sale({ code }))).status).toBe(200);
    expect((await reportSale(server, secret, sale({ code }))).status).toBe(200);
    // A day and an hour later (moved in the database: no test waits a day).
    await server.sql(
      `UPDATE conversion_keys SET superseded_at = superseded_at - interval '25 hours' WHERE prefix = $1`,
      [secret.slice(0, 8)],
    );
    const old = await reportSale(server, secret, sale({ code }));
    expect(old.status).toBe(401);
    expect((await reportSale(server, newer, sale({ code }))).status).toBe(200);
    const left = (await server.gql.ok(MY_KEYS, {}, parties.merchant.token)).myConversionKeys;
    expect(left.map((key: { prefix: string }) => key.prefix)).toEqual([newer.slice(0, 8)]);
    secret = newer;
  });

  it('puts the counted sales in the verified figures of the order, its task and its merchant', async () => {
    const [{ orders, gmv }] = await server.sql(
      `SELECT count(*)::int AS orders, sum(amount_minor)::text AS gmv FROM link_conversions v JOIN tracking_links l ON l.id = v.link_id WHERE l.order_id = $1`,
      [orderId],
    );
    const [{ clicks }] = await server.sql(
      `SELECT count(*)::int AS clicks FROM link_clicks c JOIN tracking_links l ON l.id = c.link_id WHERE l.order_id = $1`,
      [orderId],
    );
    const data = await eventually<any>(async () => {
      const answer = await server.gql.ok(FIGURES, { id: orderId, taskId }, parties.merchant.token);
      return answer.order.performance.verified.clicks === clicks ? answer : null;
    }, 'the clicks to be written');
    const expected = {
      clicks,
      uniqueVisitors: 1,
      orders,
      gmv: { amount: (Number(gmv) / 100).toFixed(2), currencyCode: 'CNY' },
      conversionRate: orders / clicks,
      returnOnSpend: Number(gmv) / 10000,
    };
    expect(orders).toBeGreaterThanOrEqual(6);
    expect(data.order.performance.verified).toEqual(expected);
    expect(data.taskPerformance.verified).toEqual(expected);
    expect(data.order.merchant.performance.verified).toEqual(expected);
    // The reported figures are not touched by what the platform counted.
    expect(data.order.performance.orders).toBe(0);
  });
});
