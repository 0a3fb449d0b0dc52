import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpCreator,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  BOOK_OFFER,
  expectCode,
  inSeconds,
  OFFER_FIELDS,
  offerInput,
  POST_OFFER,
  postOffer,
  SET_OFFER_STATUS,
  setTier,
  waitUntilPast,
} from './support/market-fixtures';

const DAY = 24 * 3600;

const OFFERS = /* GraphQL */ `
  query Offers($filter: OfferFilter, $first: Int, $after: String) {
    offers(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        status
      }
    }
  }
`;

const OFFER = /* GraphQL */ `
  query Offer($id: ID!) {
    offer(id: $id) {
      ...OfferFields
    }
  }
  ${OFFER_FIELDS}
`;

describe('creator offers', () => {
  let server: TestServer;
  let adminToken: string;
  let merchant: Account;
  let ordinary: Account;
  let creator: Account;
  let celebrity: Account;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    adminToken = await logInAdmin(server.gql);
    [merchant, ordinary] = await Promise.all([signUpMerchant(server.gql), signUpCreator(server.gql)]);
    creator = await signUpCreatorWithTier(server.gql, adminToken, 'CREATOR');
    celebrity = await signUpCreatorWithTier(server.gql, adminToken, 'CELEBRITY');
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  const postFails = (overrides: Record<string, unknown>, token = creator.token) =>
    server.gql.fail(POST_OFFER, { input: offerInput(overrides) }, token);
  const book = async (offerId: string, brief = 'Feature our oak chair, link in the description.') =>
    (await server.gql.ok(BOOK_OFFER, { input: { offerId, brief } }, merchant.token)).bookOffer;
  const bookFails = (offerId: string, token = merchant.token) =>
    server.gql.fail(BOOK_OFFER, { input: { offerId, brief: 'Our product' } }, token);
  const setStatus = (id: string, status: string, token = creator.token) =>
    server.gql.request(SET_OFFER_STATUS, { id, status }, token);

  describe('postOffer', () => {
    it('posts an ACTIVE offer', async () => {
      const offer = await postOffer(server.gql, creator.token, {
        domainTags: ['home.furniture', 'home.decor'],
      });
      expect(offer).toMatchObject({
        title: 'A short video review of your product',
        contentType: 'VIDEO',
        channels: ['HEADLINES'],
        domainTags: [{ slug: 'home.furniture' }, { slug: 'home.decor' }],
        price: { amount: '800.00', currencyCode: 'CNY' },
        slots: 2,
        slotsBooked: 0,
        turnaroundDays: 5,
        scheduledAt: null,
        bookBy: null,
        status: 'ACTIVE',
        creator: { id: creator.profileId },
      });
    });

    it('is for big-V creators only: ORDINARY is TIER_TOO_LOW, merchants are FORBIDDEN', async () => {
      expectCode(await postFails({}, ordinary.token), 'TIER_TOO_LOW');
      expectCode(await postFails({}, merchant.token), 'FORBIDDEN');
      expect(await server.sql(`SELECT id FROM offers WHERE creator_id = $1`, [ordinary.profileId])).toEqual(
        [],
      );
    });

    it('a LIVE offer needs scheduledAt, and bookings close before the stream', async () => {
      const error = await postFails({ contentType: 'LIVE', channels: ['LIVE'] });
      expectCode(error, 'BAD_USER_INPUT');
      expect(error.extensions?.fields).toHaveProperty(['scheduledAt']);
      const late = await postFails({
        contentType: 'LIVE',
        channels: ['LIVE'],
        scheduledAt: inSeconds(2 * DAY),
        bookBy: inSeconds(3 * DAY),
      });
      expectCode(late, 'BAD_USER_INPUT');
      expect(late.extensions?.fields).toHaveProperty(['bookBy']);
      const live = await postOffer(server.gql, celebrity.token, {
        contentType: 'LIVE',
        channels: ['LIVE'],
        scheduledAt: inSeconds(2 * DAY),
        bookBy: inSeconds(1 * DAY),
      });
      expect(live).toMatchObject({ contentType: 'LIVE', status: 'ACTIVE' });
    });

    it.each([
      ['a zero price', { price: { amount: '0.00', currencyCode: 'CNY' } }, 'price.amount'],
      ['a price with 3 decimals', { price: { amount: '9.999', currencyCode: 'CNY' } }, 'price.amount'],
      ['0 slots', { slots: 0 }, 'slots'],
      ['0 turnaround days', { turnaroundDays: 0 }, 'turnaroundDays'],
      ['an empty title', { title: '' }, 'title'],
      ['a blank title', { title: '   ' }, 'title'],
      ['a blank description', { description: '  ' }, 'description'],
      ['an unknown tag', { domainTags: ['nope'] }, 'domainTags'],
      ['a bookBy in the past', { bookBy: inSeconds(-60) }, 'bookBy'],
      ['a scheduledAt in the past', { scheduledAt: inSeconds(-60) }, 'scheduledAt'],
    ])('refuses %s with BAD_USER_INPUT', async (_what, overrides, field) => {
      const error = await postFails(overrides);
      expectCode(error, 'BAD_USER_INPUT');
      expect(error.extensions?.fields).toHaveProperty([field]);
    });
  });

  describe('setOfferStatus', () => {
    it('pauses, resumes and closes; CLOSED is final (CONFLICT when reopening)', async () => {
      const offer = await postOffer(server.gql, creator.token);
      expect((await setStatus(offer.id, 'PAUSED')).data?.setOfferStatus.status).toBe('PAUSED');
      expect((await setStatus(offer.id, 'ACTIVE')).data?.setOfferStatus.status).toBe('ACTIVE');
      expect((await setStatus(offer.id, 'CLOSED')).data?.setOfferStatus.status).toBe('CLOSED');
      for (const status of ['ACTIVE', 'PAUSED']) {
        const response = await setStatus(offer.id, status);
        expectCode(response.errors![0], 'CONFLICT');
      }
      expect(await server.sql(`SELECT status FROM offers WHERE id = $1`, [offer.id])).toEqual([
        { status: 'CLOSED' },
      ]);
    });

    it("only the offer's creator changes it", async () => {
      const offer = await postOffer(server.gql, creator.token);
      expectCode((await setStatus(offer.id, 'PAUSED', celebrity.token)).errors![0], 'NOT_FOUND');
      expectCode((await setStatus(offer.id, 'PAUSED', merchant.token)).errors![0], 'FORBIDDEN');
      expectCode((await setStatus('00000000-0000-4000-8000-000000000000', 'PAUSED')).errors![0], 'NOT_FOUND');
      expect(await server.sql(`SELECT status FROM offers WHERE id = $1`, [offer.id])).toEqual([
        { status: 'ACTIVE' },
      ]);
    });
  });

  describe('offers, offer and Creator.offers', () => {
    let seller: Account;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      seller = await signUpCreatorWithTier(server.gql, adminToken, 'EXPERT');
      ids.video = (
        await postOffer(server.gql, seller.token, { title: 'Sofa video', domainTags: ['home.furniture'] })
      ).id;
      ids.live = (
        await postOffer(server.gql, seller.token, {
          title: 'Skincare live slots',
          description: 'Three products per stream.',
          contentType: 'LIVE',
          channels: ['LIVE'],
          domainTags: ['beauty.skincare'],
          scheduledAt: inSeconds(3 * DAY),
        })
      ).id;
      ids.paused = (
        await postOffer(server.gql, seller.token, { title: 'Paused post', contentType: 'POST' })
      ).id;
      await server.gql.ok(SET_OFFER_STATUS, { id: ids.paused, status: 'PAUSED' }, seller.token);
    });
    const list = async (filter: Record<string, unknown>, token?: string) => {
      const data = await server.gql.ok(
        OFFERS,
        { filter: { creatorId: seller.profileId, ...filter }, first: 100 },
        token,
      );
      return data.offers.nodes.map((n: { id: string }) => n.id);
    };

    it('shows active offers to everyone and paused ones only to their creator and admins', async () => {
      expect(await list({})).toEqual([ids.live, ids.video]);
      expect(await list({}, merchant.token)).toEqual([ids.live, ids.video]);
      expect(await list({}, seller.token)).toEqual([ids.paused, ids.live, ids.video]);
      expect(await list({}, adminToken)).toEqual([ids.paused, ids.live, ids.video]);
      expect(await list({ status: 'PAUSED' })).toEqual([]);
      expect(await list({ status: 'PAUSED' }, seller.token)).toEqual([ids.paused]);
    });

    it('filters by tags (parent matches children), content type, tier and text', async () => {
      expect(await list({ domainTags: ['home'] })).toEqual([ids.video]);
      expect(await list({ domainTags: ['beauty.skincare'] })).toEqual([ids.live]);
      expect(await list({ contentType: 'LIVE' })).toEqual([ids.live]);
      expect(await list({ minTier: 'EXPERT' })).toEqual([ids.live, ids.video]);
      expect(await list({ minTier: 'CELEBRITY' })).toEqual([]);
      expect(await list({ search: 'PER STREAM' })).toEqual([ids.live]);
      expect(await list({ search: 'sofa' })).toEqual([ids.video]);
    });

    it('pages with a cursor and refuses a forged one', async () => {
      const first = await server.gql.ok(OFFERS, { filter: { creatorId: seller.profileId }, first: 1 });
      expect(first.offers).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
      const second = await server.gql.ok(OFFERS, {
        filter: { creatorId: seller.profileId },
        first: 1,
        after: first.offers.pageInfo.endCursor,
      });
      expect(second.offers).toMatchObject({
        totalCount: 2,
        pageInfo: { hasNextPage: false },
        nodes: [{ id: ids.video }],
      });
      const forged = Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url');
      expectCode(await server.gql.fail(OFFERS, { after: forged }), 'BAD_USER_INPUT');
    });

    it('offer(id) and Creator.offers', async () => {
      expect((await server.gql.ok(OFFER, { id: ids.live })).offer).toMatchObject({
        id: ids.live,
        contentType: 'LIVE',
        creator: { id: seller.profileId },
      });
      expect((await server.gql.ok(OFFER, { id: '00000000-0000-4000-8000-000000000000' })).offer).toBeNull();
      const CREATOR_OFFERS = `query($id: ID!, $status: OfferStatus) { creator(id: $id) { offers(status: $status) { totalCount nodes { id } } } }`;
      const publicView = await server.gql.ok(CREATOR_OFFERS, { id: seller.profileId });
      expect(publicView.creator.offers).toEqual({
        totalCount: 2,
        nodes: [{ id: ids.live }, { id: ids.video }],
      });
      const own = await server.gql.ok(
        CREATOR_OFFERS,
        { id: seller.profileId, status: 'PAUSED' },
        seller.token,
      );
      expect(own.creator.offers).toEqual({ totalCount: 1, nodes: [{ id: ids.paused }] });
    });
  });

  describe('bookOffer', () => {
    it('creates an order with source OFFER at the offer price, due turnaroundDays from now', async () => {
      const offer = await postOffer(server.gql, creator.token, {
        price: { amount: '333.33', currencyCode: 'CNY' },
        turnaroundDays: 7,
      });
      const before = Date.now();
      const order = await book(offer.id, '  Our walnut shelf; link in bio.  ');
      expect(order).toMatchObject({
        source: 'OFFER',
        status: 'AWAITING_FUNDING',
        brief: 'Our walnut shelf; link in bio.',
        contentType: 'VIDEO',
        price: { amount: '333.33' },
        platformFee: { amount: '33.33' },
        agencyShare: { amount: '0.00' },
        creatorPayout: { amount: '300.00' },
        task: null,
        offer: { id: offer.id },
        merchant: { id: merchant.profileId },
        creator: { id: creator.profileId },
        events: [{ type: 'CREATED', actor: { id: merchant.userId } }],
      });
      expect(Math.abs(new Date(order.deliverBy).getTime() - (before + 7 * DAY * 1000))).toBeLessThan(60_000);
      expect((await server.gql.ok(OFFER, { id: offer.id })).offer.slotsBooked).toBe(1);
    });

    it('a LIVE offer is delivered at scheduledAt', async () => {
      const scheduledAt = inSeconds(4 * DAY);
      const live = await postOffer(server.gql, celebrity.token, {
        contentType: 'LIVE',
        channels: ['LIVE'],
        scheduledAt,
        turnaroundDays: 30,
      });
      const order = await book(live.id);
      expect(order).toMatchObject({ contentType: 'LIVE', source: 'OFFER' });
      expect(new Date(order.deliverBy).toISOString()).toBe(scheduledAt);
    });

    it('a full offer is CONFLICT', async () => {
      const offer = await postOffer(server.gql, creator.token, { slots: 1 });
      await book(offer.id);
      expectCode(await bookFails(offer.id), 'CONFLICT');
      expect(
        (await server.sql(`SELECT count(*)::int AS n FROM orders WHERE offer_id = $1`, [offer.id]))[0].n,
      ).toBe(1);
    });

    it('the last slot booked by two merchants at once: one order, one CONFLICT', async () => {
      const rival = await signUpMerchant(server.gql);
      for (let round = 0; round < 5; round += 1) {
        const offer = await postOffer(server.gql, creator.token, { slots: 1 });
        const results = await Promise.all(
          [merchant, rival].map((m) =>
            server.gql.request(BOOK_OFFER, { input: { offerId: offer.id, brief: 'Ours' } }, m.token),
          ),
        );
        expect(results.filter((r) => !r.errors)).toHaveLength(1);
        expectCode(results.find((r) => r.errors)!.errors![0], 'CONFLICT');
        const [row] = await server.sql(
          `SELECT o.slots_booked, (SELECT count(*)::int FROM orders WHERE offer_id = o.id) AS orders FROM offers o WHERE o.id = $1`,
          [offer.id],
        );
        expect(row).toEqual({ slots_booked: 1, orders: 1 });
      }
    });

    it('a paused or closed offer is CONFLICT', async () => {
      const offer = await postOffer(server.gql, creator.token);
      await server.gql.ok(SET_OFFER_STATUS, { id: offer.id, status: 'PAUSED' }, creator.token);
      expectCode(await bookFails(offer.id), 'CONFLICT');
      await server.gql.ok(SET_OFFER_STATUS, { id: offer.id, status: 'CLOSED' }, creator.token);
      expectCode(await bookFails(offer.id), 'CONFLICT');
      expect(await server.sql(`SELECT id FROM orders WHERE offer_id = $1`, [offer.id])).toEqual([]);
    });

    it('an offer past bookBy is DEADLINE_PASSED', async () => {
      const bookBy = inSeconds(2);
      const offer = await postOffer(server.gql, creator.token, { bookBy });
      await waitUntilPast(bookBy);
      expectCode(await bookFails(offer.id), 'DEADLINE_PASSED');
      expect(await server.sql(`SELECT slots_booked FROM offers WHERE id = $1`, [offer.id])).toEqual([
        { slots_booked: 0 },
      ]);
    });

    it('refuses creators (FORBIDDEN), a blank brief, unknown offers, and a creator demoted to ORDINARY', async () => {
      const offer = await postOffer(server.gql, creator.token);
      expectCode(await bookFails(offer.id, celebrity.token), 'FORBIDDEN');
      const blank = await server.gql.fail(
        BOOK_OFFER,
        { input: { offerId: offer.id, brief: '  ' } },
        merchant.token,
      );
      expectCode(blank, 'BAD_USER_INPUT');
      expectCode(await bookFails('00000000-0000-4000-8000-000000000000'), 'NOT_FOUND');
      const demoted = await signUpCreatorWithTier(server.gql, adminToken, 'CREATOR');
      const theirs = await postOffer(server.gql, demoted.token);
      await setTier(server.gql, adminToken, demoted.profileId, 'ORDINARY');
      expectCode(await bookFails(theirs.id), 'TIER_TOO_LOW');
    });
  });
});
