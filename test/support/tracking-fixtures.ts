import { createHmac } from 'node:crypto';
import request from 'supertest';
import type { GqlClient, TestServer } from './harness';

export const SHOP_HOST = 'shop.example.com';

export const SET_LINK_DOMAINS = /* GraphQL */ `
  mutation ($input: MerchantProfileInput!) {
    updateMerchantProfile(input: $input) {
      id
      linkDomains
    }
  }
`;

export const CREATE_LINK = /* GraphQL */ `
  mutation ($deliverableId: ID!, $targetUrl: String!) {
    createTrackingLink(deliverableId: $deliverableId, targetUrl: $targetUrl) {
      id
      code
      url
      targetUrl
      clicks
      conversions
      gmv {
        amount
        currencyCode
      }
      deliverable {
        id
      }
    }
  }
`;

export const VERIFIED = /* GraphQL */ `
  fragment V on VerifiedFigures {
    clicks
    uniqueVisitors
    orders
    gmv {
      amount
      currencyCode
    }
    conversionRate
    returnOnSpend
  }
`;

export const ORDER_VERIFIED = /* GraphQL */ `
  query ($id: ID!) {
    order(id: $id) {
      performance {
        clicks
        orders
        verified {
          ...V
        }
      }
      deliverables {
        id
        trackingLinks {
          code
          clicks
          conversions
          gmv {
            amount
          }
          daily {
            day
            clicks
            uniqueVisitors
            orders
          }
        }
      }
    }
  }
  ${VERIFIED}
`;

export async function setLinkDomains(gql: GqlClient, token: string, linkDomains: string[]): Promise<void> {
  await gql.ok(SET_LINK_DOMAINS, { input: { shopName: 'Test Shop', linkDomains } }, token);
}

export async function deliverableOf(gql: GqlClient, token: string, orderId: string): Promise<string> {
  const data = await gql.ok(
    `query($id: ID!) { order(id: $id) { deliverables { id } } }`,
    { id: orderId },
    token,
  );
  return data.order.deliverables[0].id;
}

export async function createLink(
  gql: GqlClient,
  token: string,
  deliverableId: string,
  targetUrl = `https://${SHOP_HOST}/p/1`,
): Promise<{ id: string; code: string; url: string }> {
  const data = await gql.ok(CREATE_LINK, { deliverableId, targetUrl }, token);
  return data.createTrackingLink;
}

export interface Click {
  status: number;
  location: string | undefined;
  clickId: string | null;
  cookie: string | null;
}

/** One GET /go/<code> as a browser would send it (no redirect followed). */
export async function click(
  server: TestServer,
  code: string,
  headers: Record<string, string> = {},
): Promise<Click> {
  let call = request(server.url).get(`/go/${code}`).redirects(0);
  call = call.set(
    'user-agent',
    headers['user-agent'] ?? 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)',
  );
  for (const [name, value] of Object.entries(headers))
    if (name !== 'user-agent') call = call.set(name, value);
  const response = await call;
  const location = response.headers.location as string | undefined;
  const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((line) => /vt_vid=([0-9a-f]+)/.exec(line)?.[1]).find(Boolean) ?? null;
  return {
    status: response.status,
    location,
    clickId: location ? new URL(location).searchParams.get('vt_click') : null,
    cookie,
  };
}

/** A signed POST /conversions, as a shop sends it. */
export async function reportSale(
  server: TestServer,
  secret: string,
  body: Record<string, unknown>,
  options: { timestamp?: number; tamper?: (raw: string) => string } = {},
) {
  const raw = JSON.stringify(body);
  const t = options.timestamp ?? Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex');
  const sent = options.tamper ? options.tamper(raw) : raw;
  return request(server.url)
    .post('/conversions')
    .set('content-type', 'application/json')
    .set('accept-language', 'en')
    .set('x-vtask-signature', `t=${t},v1=${v1}`)
    .send(sent);
}
