import { ADMIN_ENV } from './support/fixtures';
import { expectCode } from './support/market-fixtures';
import { GqlClient, startTestServer, type TestServer } from './support/harness';
import { eventually, mustSucceed, orderIn, setUpParties, type Parties } from './support/order-fixtures';
import {
  click,
  createLink,
  deliverableOf,
  reportSale,
  setLinkDomains,
  SHOP_HOST,
} from './support/tracking-fixtures';
import { createVenue, enrollApproved, venueCalls } from './support/venue-fixtures';

const SHOWCASE = /* GraphQL */ `
  query ($venueId: ID!, $shopper: ShopperContext, $first: Int) {
    showcase(venueId: $venueId, shopper: $shopper, first: $first) {
      position
      title
      contentType
      mediaUrls
      shopName
      link
      reasons
      creator {
        id
      }
    }
  }
`;

describe('showcase: a LIVE venue lineup ordered for one shopper (千人千面)', () => {
  let server: TestServer;
  let parties: Parties;
  let venueId: string;
  /** Deliverable titles by what they are about, in lineup order: home, beauty, digital. */
  const titles: string[] = [];
  const links: string[] = [];

  const showcase = async (shopper: Record<string, unknown> | null = null, gql: GqlClient = server.gql) =>
    (await gql.ok(SHOWCASE, { venueId, shopper })).showcase as {
      title: string;
      link: string | null;
      reasons: string[];
      position: number;
    }[];

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    parties = await setUpParties(server);
    const { gql, admin, merchant } = parties;
    await setLinkDomains(gql, merchant.token, [SHOP_HOST]);
    const { secret } = (await gql.ok(`mutation { createConversionKey { secret } }`, {}, merchant.token))
      .createConversionKey;
    const venue = await createVenue(gql, admin);
    venueId = venue.id;
    const calls = venueCalls(gql);
    await enrollApproved(calls, admin, merchant.token, venueId);
    const submissions: string[] = [];
    for (const tags of [['home.furniture'], ['beauty.skincare'], ['digital.phones']]) {
      const orderId = await orderIn(parties, 'COMPLETED');
      await server.sql(
        `UPDATE tasks SET domain_tags = $2 WHERE id = (SELECT task_id FROM orders WHERE id = $1)`,
        [orderId, tags],
      );
      const deliverableId = await deliverableOf(gql, merchant.token, orderId);
      // The same title everywhere would hide the ordering: number them.
      const title = `Content ${titles.length + 1} (${tags[0]})`;
      await server.sql(`UPDATE deliverables SET title = $2 WHERE id = $1`, [deliverableId, title]);
      titles.push(title);
      const submitted = mustSucceed(
        await calls.submit(merchant.token, { venueId, orderId }),
        'submitToVenue',
      ) as any;
      mustSucceed(await calls.decide(admin, submitted.submitToVenue.id, 'ACCEPT'), 'decideVenueSubmission');
      submissions.push(submitted.submitToVenue.id);
      links.push((await createLink(gql, merchant.token, deliverableId)).url);
    }
    // Verified conversion: beauty 1 sale of 4 clicks, digital 1 of 2; home has no clicks.
    const codes = links.map((url) => url.split('/go/')[1]);
    for (const [index, count] of [
      [1, 4],
      [2, 2],
    ]) {
      let last: string | null = null;
      for (let i = 0; i < count; i++) last = (await click(server, codes[index])).clickId;
      const sale = {
        clickId: last,
        shopOrderId: `so-${index}`,
        amount: '50.00',
        currency: 'CNY',
        occurredAt: new Date().toISOString(),
      };
      expect((await reportSale(server, secret, sale)).status).toBe(200);
    }
    // Curating: the deadline has passed (moved in the database rather than waited for).
    await server.sql(
      `UPDATE venues SET recruitment_opens_at = now() - interval '4 hours', recruitment_closes_at = now() - interval '3 hours',
         submission_deadline = now() - interval '2 hours', go_live_at = now() + interval '1 hour', ends_at = now() + interval '1 day'
       WHERE id = $1`,
      [venueId],
    );
    mustSucceed(await calls.setLineup(admin, venueId, submissions), 'setVenueLineup');
    mustSucceed(await calls.publish(admin, venueId), 'publishVenueLineup');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('shows nothing before the venue is LIVE, for unknown venues and for bad ids', async () => {
    expect(await showcase()).toEqual([]);
    expect(
      (await server.gql.ok(SHOWCASE, { venueId: '00000000-0000-4000-8000-000000000000' })).showcase,
    ).toEqual([]);
    expectCode(await server.gql.fail(SHOWCASE, { venueId: 'not-a-uuid' }), 'NOT_FOUND');
    await server.sql(`UPDATE venues SET go_live_at = now() - interval '1 hour' WHERE id = $1`, [venueId]);
  });

  it('keeps the lineup order for a shopper it knows nothing about, with each link', async () => {
    const entries = (await eventually(async () => {
      const found = await showcase();
      return found.length === 3 ? found : null;
    }, 'the venue to go live'))!;
    expect(entries.map((entry) => entry.title)).toEqual(titles);
    expect(entries.map((entry) => entry.position)).toEqual([1, 2, 3]);
    expect(entries.map((entry) => entry.link)).toEqual(links);
    expect(entries[0].reasons).toEqual(["Place 1 in the venue's lineup"]);
  });

  it('puts content matching the shopper interests first, parents included, and says why', async () => {
    const entries = await showcase({ interests: ['beauty'] });
    expect(entries.map((entry) => entry.title)).toEqual([titles[1], titles[0], titles[2]]);
    expect(entries[0].reasons[0]).toBe('Matches your interests: Beauty');
    const zh = await showcase({ interests: ['beauty'] }, new GqlClient(server.url, null));
    expect(zh[0].reasons[0]).toBe('符合你的兴趣：美妆');
  });

  it('shows new customers the best verified conversion first', async () => {
    const entries = await showcase({ newCustomer: true });
    expect(entries.map((entry) => entry.title)).toEqual([titles[2], titles[1], titles[0]]);
    expect(entries[0].reasons[0]).toBe('New customers buy here: 50.0% of counted clicks became orders');
    const both = await showcase({ newCustomer: true, interests: ['beauty'] });
    expect(both.map((entry) => entry.title)).toEqual([titles[1], titles[2], titles[0]]);
  });

  it('tells no private data and is served from the public cache', async () => {
    const first = await server.gql.request(SHOWCASE, { venueId, shopper: { interests: ['home'] } });
    const second = await server.gql.request(SHOWCASE, { venueId, shopper: { interests: ['home'] } });
    expect(second.headers['x-public-cache']).toBe('hit');
    const text = JSON.stringify(first.body);
    for (const secret of [parties.merchant.email, parties.creator.email, '100.00', '50.00', 'vt_click']) {
      expect(text).not.toContain(secret);
    }
  });

  it('shows nothing once the venue has ended', async () => {
    await server.sql(
      `UPDATE venues SET ends_at = now() - interval '1 minute', go_live_at = now() - interval '2 minutes' WHERE id = $1`,
      [venueId],
    );
    const entries = await eventually<any>(async () => {
      const found = await server.gql.ok(SHOWCASE, { venueId, first: 5 });
      return found.showcase.length === 0 ? found.showcase : null;
    }, 'the public cache to forget the live answer');
    expect(entries).toEqual([]);
  });
});
