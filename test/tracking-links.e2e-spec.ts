import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ADMIN_ENV } from './support/fixtures';
import { createTestDatabase, startTestServer, type TestServer } from './support/harness';
import { expectCode } from './support/market-fixtures';
import { eventually, orderIn, setUpParties, type Parties } from './support/order-fixtures';
import {
  click,
  createLink,
  CREATE_LINK,
  deliverableOf,
  ORDER_VERIFIED,
  SET_LINK_DOMAINS,
  setLinkDomains,
  SHOP_HOST,
} from './support/tracking-fixtures';

const PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const MERCHANT_LINK_DOMAINS = `query($id: ID!) { order(id: $id) { merchant { linkDomains } } }`;

describe('tracking links: made by the merchant, counted by the platform', () => {
  let server: TestServer;
  let databaseUrl: string;
  let parties: Parties;
  let orderId: string;
  let deliverableId: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    server = await startTestServer({ databaseUrl, dropOnClose: false, env: ADMIN_ENV });
    parties = await setUpParties(server);
    orderId = await orderIn(parties, 'DELIVERED', { price: '200.00' });
    deliverableId = await deliverableOf(server.gql, parties.merchant.token, orderId);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('keeps the merchant link domains: at most 10 host names, lower case, seen by the merchant only', async () => {
    const gql = server.gql;
    const token = parties.merchant.token;
    const eleven = Array.from({ length: 11 }, (_, i) => `shop${i}.example.com`);
    const tooMany = await gql.fail(
      SET_LINK_DOMAINS,
      { input: { shopName: 'Shop', linkDomains: eleven } },
      token,
    );
    expectCode(tooMany, 'BAD_USER_INPUT');
    for (const bad of [
      'https://shop.example.com',
      'shop.example.com/path',
      'localhost',
      'shop .com',
      '127.0.0.1',
    ]) {
      const error = await gql.fail(
        SET_LINK_DOMAINS,
        { input: { shopName: 'Shop', linkDomains: [bad] } },
        token,
      );
      expectCode(error, 'BAD_USER_INPUT');
    }
    const data = await gql.ok(
      SET_LINK_DOMAINS,
      { input: { shopName: 'Test Shop', linkDomains: ['Shop.Example.com', 'shop.example.com'] } },
      token,
    );
    expect(data.updateMerchantProfile.linkDomains).toEqual([SHOP_HOST]);
    const own = await gql.ok(MERCHANT_LINK_DOMAINS, { id: orderId }, token);
    expect(own.order.merchant.linkDomains).toEqual([SHOP_HOST]);
    const creator = await gql.ok(MERCHANT_LINK_DOMAINS, { id: orderId }, parties.creator.token);
    expect(creator.order.merchant.linkDomains).toEqual([]);
  });

  it("makes links only to the merchant's own https hosts, only for the order's merchant", async () => {
    const gql = server.gql;
    const token = parties.merchant.token;
    await setLinkDomains(gql, token, [SHOP_HOST]);
    for (const target of [
      'http://shop.example.com/p/1',
      'https://evil.example.org/p/1',
      'https://shop.example.com.evil.org/p/1',
      'https://evilshop.example.com/p/1',
      'https://shop.example.com@evil.org/p/1',
      'javascript:alert(1)',
      'not a url',
    ]) {
      const error = await gql.fail(CREATE_LINK, { deliverableId, targetUrl: target }, token);
      expectCode(error, 'BAD_USER_INPUT');
    }
    const other = await gql.fail(
      CREATE_LINK,
      { deliverableId, targetUrl: `https://${SHOP_HOST}/` },
      parties.otherMerchant.token,
    );
    expectCode(other, 'NOT_FOUND');
    const creator = await gql.fail(
      CREATE_LINK,
      { deliverableId, targetUrl: `https://${SHOP_HOST}/` },
      parties.creator.token,
    );
    expectCode(creator, 'FORBIDDEN');

    const link = await createLink(gql, token, deliverableId, `https://m.${SHOP_HOST}/p/1?utm=v`);
    expect(link.code).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(link.url).toBe(`${server.url.replace('127.0.0.1', '127.0.0.1')}/go/${link.code}`);
    const data = await gql.ok(ORDER_VERIFIED, { id: orderId }, parties.creator.token);
    expect(data.order.deliverables[0].trackingLinks.map((l: { code: string }) => l.code)).toContain(
      link.code,
    );
  });

  it('allows at most 20 links per deliverable', async () => {
    const other = await orderIn(parties, 'DELIVERED');
    const deliverable = await deliverableOf(server.gql, parties.merchant.token, other);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createLink(server.gql, parties.merchant.token, deliverable, `https://${SHOP_HOST}/p/${i}`),
      ),
    );
    const error = await server.gql.fail(
      CREATE_LINK,
      { deliverableId: deliverable, targetUrl: `https://${SHOP_HOST}/p/21` },
      parties.merchant.token,
    );
    expectCode(error, 'CONFLICT');
  });

  it('redirects with vt_click and counts clicks, unique visitors per day, and no bots', async () => {
    const link = await createLink(
      server.gql,
      parties.merchant.token,
      deliverableId,
      `https://${SHOP_HOST}/p/2?color=red`,
    );
    const first = await click(server, link.code, { 'user-agent': 'Mozilla/5.0 shopper A' });
    expect(first.status).toBe(302);
    const target = new URL(first.location!);
    expect(target.origin).toBe(`https://${SHOP_HOST}`);
    expect(target.pathname).toBe('/p/2');
    expect(target.searchParams.get('color')).toBe('red');
    expect(first.clickId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.cookie).toMatch(/^[0-9a-f]{32}$/);
    // Shopper A comes back twice with the cookie; B keeps no cookies; C is another browser on A's agent.
    await click(server, link.code, {
      'user-agent': 'Mozilla/5.0 shopper A',
      cookie: `vt_vid=${first.cookie}`,
    });
    await click(server, link.code, {
      'user-agent': 'Mozilla/5.0 shopper A',
      cookie: `vt_vid=${first.cookie}`,
    });
    await click(server, link.code, { 'user-agent': 'Mozilla/5.0 shopper B' });
    await click(server, link.code, { 'user-agent': 'Mozilla/5.0 shopper B' });
    await click(server, link.code, {
      'user-agent': 'Mozilla/5.0 shopper A',
      cookie: `vt_vid=${randomBytes(16).toString('hex')}`,
    });
    const bot = await click(server, link.code, {
      'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    });
    expect(bot.status).toBe(302);
    expect(bot.clickId).toBeNull();

    const figures = await eventually<any>(async () => {
      const data = await server.gql.ok(ORDER_VERIFIED, { id: orderId }, parties.merchant.token);
      return data.order.performance.verified.clicks === 6 ? data.order : null;
    }, 'the clicks to be written');
    expect(figures.performance.verified).toMatchObject({
      clicks: 6,
      uniqueVisitors: 3,
      orders: 0,
      conversionRate: 0,
    });
    // What the creator reported stays apart from what the platform counted.
    expect(figures.performance.clicks).toBe(0);
    const counted = figures.deliverables[0].trackingLinks.find((l: { code: string }) => l.code === link.code);
    expect(counted.clicks).toBe(6);
    const today = new Date().toISOString().slice(0, 10);
    expect(counted.daily).toEqual([{ day: today, clicks: 6, uniqueVisitors: 3, orders: 0 }]);
    const [stored] = await server.sql(`SELECT count(*)::int AS n FROM link_clicks WHERE id = $1`, [
      first.clickId,
    ]);
    expect(stored.n).toBe(1);
  });

  it('answers like a browser expects: no caching, a first-party cookie, the fragment kept, HEAD too', async () => {
    const link = await createLink(
      server.gql,
      parties.merchant.token,
      deliverableId,
      `https://${SHOP_HOST}/p/3?size=m#reviews`,
    );
    const response = await request(server.url)
      .get(`/go/${link.code}/?utm_source=feed`)
      .set('user-agent', PHONE)
      .set('x-request-id', 'shopper-trace-1')
      .redirects(0);
    expect(response.status).toBe(302);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-request-id']).toBe('shopper-trace-1');
    const target = new URL(response.headers.location);
    expect(target.pathname).toBe('/p/3');
    expect(target.searchParams.get('size')).toBe('m');
    expect(target.searchParams.get('vt_click')).toMatch(/^[0-9a-f-]{36}$/);
    expect(target.hash).toBe('#reviews');
    const [cookie] = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    expect(cookie).toMatch(/^vt_vid=[0-9a-f]{32}; /);
    expect(cookie).toContain('Path=/go');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain(`Max-Age=${365 * 86400}`);
    // Plain http here: the cookie is not marked Secure, or the browser would drop it.
    expect(cookie).not.toContain('Secure');

    const head = await request(server.url).head(`/go/${link.code}`).set('user-agent', PHONE).redirects(0);
    expect(head.status).toBe(302);
    expect(new URL(head.headers.location).searchParams.get('vt_click')).toMatch(/^[0-9a-f-]{36}$/);
    // Other methods are not a tracking link's.
    const post = await request(server.url).post(`/go/${link.code}`).redirects(0);
    expect(post.status).toBe(404);
    expect(post.headers.location).toBeUndefined();
  });

  it('answers an unknown or crafted code with a 404 page, never a redirect', async () => {
    for (const path of [
      '/go/AAAAAAAAAA',
      '/go/https:%2F%2Fevil.org',
      '/go/%2F%2Fevil.org',
      '/go/..%2F..%2Fgraphql',
      '/go/evil.org',
      `/go/${'a'.repeat(5000)}`,
    ]) {
      const response = await request(server.url).get(path).redirects(0);
      expect(response.status).toBe(404);
      expect(response.headers.location).toBeUndefined();
    }
    const page = await request(server.url).get('/go/AAAAAAAAAA').redirects(0);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('链接不存在');
  });

  it('loses no click of a burst of 5,000 when the server stops cleanly', async () => {
    const link = await createLink(
      server.gql,
      parties.merchant.token,
      deliverableId,
      `https://${SHOP_HOST}/burst`,
    );
    const url = `${server.url}/go/${link.code}`;
    let sent = 0;
    const worker = async () => {
      while (sent < 5000) {
        sent += 1;
        const response = await fetch(url, { redirect: 'manual', headers: { 'user-agent': PHONE } });
        expect(response.status).toBe(302);
        await response.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 25 }, worker));
    // Straight to a clean stop: the last clicks are still in the buffer.
    await server.close();
    server = await startTestServer({ databaseUrl, env: ADMIN_ENV });
    const [row] = await server.sql(
      `SELECT count(*)::int AS n FROM link_clicks c JOIN tracking_links l ON l.id = c.link_id WHERE l.code = $1`,
      [link.code],
    );
    expect(row.n).toBe(5000);
  });
});
