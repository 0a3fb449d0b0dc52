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
import { expectCode, inSeconds, placeBid, postOffer, postTask } from './support/market-fixtures';
import { mustSucceed, orderCalls } from './support/order-fixtures';

const DAY = 24 * 3600;

const RECOMMENDED_CREATORS = /* GraphQL */ `
  query Recommended($taskId: ID!, $first: Int) {
    recommendedCreators(taskId: $taskId, first: $first) {
      score
      reasons
      creator {
        id
        handle
        tier
        stats {
          completedOrders
          onTimeRate
          averageRating
        }
      }
    }
  }
`;

const RECOMMENDED_TASKS = /* GraphQL */ `
  query RecommendedTasks($first: Int) {
    recommendedTasks(first: $first) {
      score
      reasons
      task {
        id
        title
        minTier
      }
    }
  }
`;

interface CreatorMatch {
  score: number;
  reasons: string[];
  creator: {
    id: string;
    handle: string;
    tier: string;
    stats: { completedOrders: number; onTimeRate: number | null; averageRating: number | null };
  };
}

describe('matching (千人千面): creators ranked for a task, tasks ranked for a creator', () => {
  let server: TestServer;
  let admin: string;
  let merchant: Account;
  let otherMerchant: Account;
  let task: Record<string, any>;
  const creators: Record<string, Account> = {};

  /** An EXPERT creator whose handle is its name (each test file has its own database). */
  const expert = async (name: string, profile: Record<string, unknown>) => {
    creators[name] = await signUpCreatorWithTier(server.gql, admin, 'EXPERT', {
      handle: name,
      channels: ['HEADLINES'],
      followerCount: 20_000,
      ...profile,
    });
    return creators[name];
  };

  async function recommended(taskId: string, first = 100, token = merchant.token): Promise<CreatorMatch[]> {
    return (await server.gql.ok(RECOMMENDED_CREATORS, { taskId, first }, token)).recommendedCreators;
  }

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    admin = await logInAdmin(server.gql);
    [merchant, otherMerchant] = await Promise.all([signUpMerchant(server.gql), signUpMerchant(server.gql)]);
    task = await postTask(server.gql, merchant.token, {
      title: 'Make our living room shine',
      domainTags: ['home'],
      channels: ['HEADLINES', 'LIVE'],
      minTier: 'EXPERT',
      budget: { amount: '1000.00', currencyCode: 'CNY' },
      slots: 5,
    });

    // Eligible: on topic through a child tag, on topic exactly, off topic (but a far bigger audience).
    await expert('child', {
      domainTags: ['home.furniture'],
      channels: ['HEADLINES', 'LIVE'],
      followerCount: 50_000,
    });
    await expert('exact', { domainTags: ['home'] });
    await expert('offtopic', {
      domainTags: ['beauty.skincare'],
      channels: ['HEADLINES', 'LIVE'],
      followerCount: 5_000_000,
    });
    // Twins: the same profile and the same usual price (800 CNY); only A has a track record.
    await expert('twinA', { domainTags: ['home.storage'], followerCount: 1000 });
    await expert('twinB', { domainTags: ['home.storage'], followerCount: 1000 });

    // Ineligible: ORDINARY, below the task's minTier, already bidding, invited, booked, refused or withdrawn.
    creators.ordinary = await signUpCreator(
      server.gql,
      {},
      { domainTags: ['home'], channels: ['HEADLINES'], followerCount: 90_000 },
    );
    creators.belowMin = await signUpCreatorWithTier(server.gql, admin, 'CREATOR', {
      domainTags: ['home'],
      channels: ['HEADLINES'],
      followerCount: 90_000,
    });
    await expert('bidder', { domainTags: ['home.decor'] });
    await expert('invited', { domainTags: ['home.decor'] });
    await expert('booked', { domainTags: ['home.kitchen'] });
    await expert('rejected', { domainTags: ['home.decor'] });
    await expert('withdrawn', { domainTags: ['home.decor'] });
    await placeBid(server.gql, creators.bidder.token, task.id, '900.00');
    // The merchant said no to one; the other changed their mind: neither is suggested again.
    const refused = await placeBid(server.gql, creators.rejected.token, task.id, '990.00');
    await server.gql.ok(
      `mutation($id: ID!) { rejectBid(bidId: $id) { id } }`,
      { id: refused.id },
      merchant.token,
    );
    const withdrawn = await placeBid(server.gql, creators.withdrawn.token, task.id, '990.00');
    await server.gql.ok(
      `mutation($id: ID!) { withdrawBid(bidId: $id) { id } }`,
      { id: withdrawn.id },
      creators.withdrawn.token,
    );
    await server.gql.ok(
      `mutation($input: InviteCreatorInput!) { inviteCreator(input: $input) { id } }`,
      { input: { taskId: task.id, creatorId: creators.invited.profileId } },
      merchant.token,
    );
    const booking = await placeBid(server.gql, creators.booked.token, task.id, '950.00');
    await server.gql.ok(
      `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
      { id: booking.id },
      merchant.token,
    );

    // Twin A: one order for another merchant, delivered on time and rated 5. Twin B: an offer at that price.
    const other = await postTask(server.gql, otherMerchant.token, {
      domainTags: ['home.storage'],
      budget: { amount: '800.00', currencyCode: 'CNY' },
      slots: 1,
    });
    const bid = await placeBid(server.gql, creators.twinA.token, other.id, '800.00');
    const order = await server.gql.ok(
      `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
      { id: bid.id },
      otherMerchant.token,
    );
    const calls = orderCalls(server.gql);
    const orderId = order.acceptBid.id;
    mustSucceed(await calls.fund(otherMerchant.token, orderId), 'fundOrder');
    mustSucceed(await calls.deliver(creators.twinA.token, orderId), 'submitDeliverable');
    mustSucceed(await calls.accept(otherMerchant.token, orderId, undefined, 5), 'acceptDelivery');
    await postOffer(server.gql, creators.twinB.token, {
      domainTags: ['home.storage'],
      price: { amount: '800.00', currencyCode: 'CNY' },
    });
  });

  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  describe('recommendedCreators', () => {
    it('ranks eligible on-topic creators above off-topic ones and leaves the ineligible out', async () => {
      const matches = await recommended(task.id);
      const ids = matches.map((match) => match.creator.id);
      const at = (name: string) => ids.indexOf(creators[name].profileId);

      for (const name of ['ordinary', 'belowMin', 'bidder', 'invited', 'booked', 'rejected', 'withdrawn'])
        expect(at(name)).toBe(-1);
      for (const name of ['child', 'exact', 'twinA', 'twinB', 'offtopic'])
        expect(at(name)).toBeGreaterThanOrEqual(0);
      // Off topic only fills the list, below every on-topic creator despite 100x the audience.
      expect(at('offtopic')).toBe(matches.length - 1);
      for (const match of matches) {
        expect(match.score).toBeGreaterThanOrEqual(0);
        expect(match.score).toBeLessThanOrEqual(1);
        expect(['EXPERT', 'CELEBRITY']).toContain(match.creator.tier);
      }
      // Scores never rise down the list.
      for (let i = 1; i < matches.length; i++)
        expect(matches[i].score).toBeLessThanOrEqual(matches[i - 1].score);
    });

    it('matches a child tag to the task’s parent tag, and says why in plain words', async () => {
      const matches = await recommended(task.id);
      const child = matches.find((match) => match.creator.id === creators.child.profileId)!;
      expect(child.reasons).toEqual(
        expect.arrayContaining([
          'shares tags Home, Furniture',
          'tier Expert meets Expert',
          'no price history yet',
          'no completed orders yet',
          'publishes on Headlines, Live',
          '50,000 followers',
        ]),
      );
      const offtopic = matches.find((match) => match.creator.id === creators.offtopic.profileId)!;
      expect(offtopic.reasons).toContain('no shared tags (the task asks for Home)');
      expect(offtopic.reasons).toContain('5M followers');
      const exact = matches.find((match) => match.creator.id === creators.exact.profileId)!;
      expect(exact.reasons).toEqual(expect.arrayContaining(['shares tags Home', 'publishes on Headlines']));
    });

    it('puts the creator with the better track record first between otherwise equal creators', async () => {
      const matches = await recommended(task.id);
      const a = matches.find((match) => match.creator.id === creators.twinA.profileId)!;
      const b = matches.find((match) => match.creator.id === creators.twinB.profileId)!;
      expect(a.creator.stats).toEqual({ completedOrders: 1, onTimeRate: 1, averageRating: 5 });
      expect(a.reasons).toEqual(
        expect.arrayContaining([
          'on time 1/1',
          '1 completed order',
          'rated 5 from 1 review',
          'price fit: usually 800 CNY',
        ]),
      );
      expect(b.reasons).toEqual(
        expect.arrayContaining(['no completed orders yet', 'price fit: usually 800 CNY']),
      );
      expect(matches.indexOf(a)).toBeLessThan(matches.indexOf(b));
      expect(a.score).toBeGreaterThan(b.score);
    });

    it('breaks an exact tie of scores by track record', async () => {
      // Raise twin B's audience until its (rounded) score reaches twin A's: a tie that only the track record decides.
      const scoreOf = async (name: string) =>
        (await recommended(task.id)).find((match) => match.creator.id === creators[name].profileId)!.score;
      const target = await scoreOf('twinA');
      const setFollowers = (count: number) =>
        server.gql.ok(
          `mutation($count: Int!) { updateCreatorProfile(input: { followerCount: $count }) { id } }`,
          { count },
          creators.twinB.token,
        );
      let low = 1000;
      let high = 10_000_000;
      while (low < high) {
        const middle = Math.floor((low + high) / 2);
        await setFollowers(middle);
        if ((await scoreOf('twinB')) >= target) high = middle;
        else low = middle + 1;
      }
      await setFollowers(low);
      const matches = await recommended(task.id);
      const a = matches.findIndex((match) => match.creator.id === creators.twinA.profileId);
      const b = matches.findIndex((match) => match.creator.id === creators.twinB.profileId);
      expect(matches[b].score).toBe(matches[a].score);
      expect(a).toBeLessThan(b);
      await setFollowers(1000);
    });

    it('returns the best `first` only and refuses more than 100', async () => {
      const all = await recommended(task.id);
      const top = await recommended(task.id, 2);
      expect(top.map((match) => match.creator.id)).toEqual(all.slice(0, 2).map((match) => match.creator.id));
      const error = await server.gql.fail(
        RECOMMENDED_CREATORS,
        { taskId: task.id, first: 101 },
        merchant.token,
      );
      expect(error.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { first: expect.any(String) },
      });
    });

    it('answers the task’s merchant and admins only', async () => {
      expect((await recommended(task.id, 100, admin)).length).toBeGreaterThan(0);
      expectCode(
        await server.gql.fail(RECOMMENDED_CREATORS, { taskId: task.id }, otherMerchant.token),
        'FORBIDDEN',
      );
      expectCode(
        await server.gql.fail(RECOMMENDED_CREATORS, { taskId: task.id }, creators.child.token),
        'FORBIDDEN',
      );
      expectCode(await server.gql.fail(RECOMMENDED_CREATORS, { taskId: task.id }), 'UNAUTHENTICATED');
      expectCode(
        await server.gql.fail(RECOMMENDED_CREATORS, { taskId: 'nope' }, merchant.token),
        'NOT_FOUND',
      );
      const draft = await postTask(server.gql, merchant.token, { publish: false });
      expectCode(
        await server.gql.fail(RECOMMENDED_CREATORS, { taskId: draft.id }, otherMerchant.token),
        'NOT_FOUND',
      );
      expect(await recommended(draft.id)).toEqual(expect.any(Array));
    });
  });

  describe('recommendedTasks', () => {
    let fan: Account;
    const tasks: Record<string, Record<string, any>> = {};

    beforeAll(async () => {
      fan = await expert('fan', { domainTags: ['home.furniture'] });
      const input = (title: string, overrides: Record<string, unknown>) => ({
        title,
        applyBy: inSeconds(5 * DAY),
        deliverBy: inSeconds(10 * DAY),
        ...overrides,
      });
      tasks.onTopic = await postTask(
        server.gql,
        otherMerchant.token,
        input('Sofa week', { domainTags: ['home'] }),
      );
      tasks.offTopic = await postTask(
        server.gql,
        otherMerchant.token,
        input('Serum test', { domainTags: ['beauty'] }),
      );
      tasks.tooHigh = await postTask(
        server.gql,
        otherMerchant.token,
        input('Stars only', { domainTags: ['home.furniture'], minTier: 'CELEBRITY' }),
      );
      tasks.draft = await postTask(
        server.gql,
        otherMerchant.token,
        input('Not yet', { domainTags: ['home'], publish: false }),
      );
      tasks.inviteOnly = await postTask(
        server.gql,
        otherMerchant.token,
        input('Invite only', { domainTags: ['home.furniture'], visibility: 'INVITE_ONLY' }),
      );
      tasks.bidOn = await postTask(
        server.gql,
        otherMerchant.token,
        input('Already bid', { domainTags: ['home.furniture'] }),
      );
      await placeBid(server.gql, fan.token, tasks.bidOn.id, '400.00');
      tasks.refused = await postTask(
        server.gql,
        otherMerchant.token,
        input('Said no', { domainTags: ['home.furniture'] }),
      );
      const refused = await placeBid(server.gql, fan.token, tasks.refused.id, '400.00');
      await server.gql.ok(
        `mutation($id: ID!) { rejectBid(bidId: $id) { id } }`,
        { id: refused.id },
        otherMerchant.token,
      );
    });

    it('ranks open tasks the creator may take, on-topic first, with reasons', async () => {
      const data = await server.gql.ok(RECOMMENDED_TASKS, { first: 100 }, fan.token);
      const matches: { score: number; reasons: string[]; task: { id: string } }[] = data.recommendedTasks;
      const ids = matches.map((match) => match.task.id);
      for (const name of ['tooHigh', 'draft', 'inviteOnly', 'bidOn', 'refused'])
        expect(ids).not.toContain(tasks[name].id);
      expect(ids).toContain(tasks.onTopic.id);
      expect(ids).toContain(tasks.offTopic.id);
      expect(ids.indexOf(tasks.onTopic.id)).toBeLessThan(ids.indexOf(tasks.offTopic.id));
      const onTopic = matches.find((match) => match.task.id === tasks.onTopic.id)!;
      expect(onTopic.reasons).toEqual(
        expect.arrayContaining([
          'shares tags Home, Furniture',
          'tier Expert meets Creator',
          'budget 500 CNY per slot',
        ]),
      );
      const offTopic = matches.find((match) => match.task.id === tasks.offTopic.id)!;
      expect(offTopic.reasons).toContain('outside your tags (the task asks for Beauty)');
      expect(onTopic.score).toBeGreaterThan(offTopic.score);
    });

    it('is empty below big V and refused to other roles', async () => {
      const data = await server.gql.ok(RECOMMENDED_TASKS, {}, creators.ordinary.token);
      expect(data.recommendedTasks).toEqual([]);
      expectCode(await server.gql.fail(RECOMMENDED_TASKS, {}, merchant.token), 'FORBIDDEN');
      expectCode(await server.gql.fail(RECOMMENDED_TASKS, {}), 'UNAUTHENTICATED');
    });
  });

  describe('track records', () => {
    it('stay exact when orders of one creator complete concurrently', async () => {
      const busy = await expert('busy', { domainTags: ['food'] });
      const offer = await postOffer(server.gql, busy.token, {
        domainTags: ['food'],
        price: { amount: '300.00', currencyCode: 'CNY' },
        slots: 6,
      });
      const calls = orderCalls(server.gql);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const booked = await server.gql.ok(
          `mutation($input: BookOfferInput!) { bookOffer(input: $input) { id } }`,
          { input: { offerId: offer.id, brief: 'A snack haul.' } },
          otherMerchant.token,
        );
        ids.push(booked.bookOffer.id);
        mustSucceed(await calls.fund(otherMerchant.token, booked.bookOffer.id), 'fundOrder');
        mustSucceed(await calls.deliver(busy.token, booked.bookOffer.id), 'submitDeliverable');
      }
      const results = await Promise.all(
        ids.map((id, i) => calls.accept(otherMerchant.token, id, undefined, (i % 5) + 1)),
      );
      for (const result of results) mustSucceed(result, 'acceptDelivery');
      const [profile] = await server.sql(
        `SELECT completed_orders, on_time_orders, rating_count, rating_sum, price_currencies::text[] AS currencies,
                price_low_minor::text[] AS low, price_typical_minor::text[] AS typical, price_high_minor::text[] AS high
           FROM creator_match_profiles WHERE creator_id = $1`,
        [busy.profileId],
      );
      // Six on-time orders rated 1-5 and 1; prices from the open offer and the six orders, all 300.00.
      expect(profile).toEqual({
        completed_orders: 6,
        on_time_orders: 6,
        rating_count: 6,
        rating_sum: 1 + 2 + 3 + 4 + 5 + 1,
        currencies: ['CNY'],
        low: ['30000'],
        typical: ['30000'],
        high: ['30000'],
      });
    });
  });

  describe('creators(filter: { search })', () => {
    beforeAll(async () => {
      // The closer match is the older one: newest-first would put it second.
      await signUpCreator(server.gql, {}, { handle: 'sofa' });
      await signUpCreator(server.gql, {}, { handle: 'sofa_lover_and_more' });
    });

    it('ranks by text match, then by track record', async () => {
      const handles = async (search: string) =>
        (
          await server.gql.ok(
            `query($search: String!) { creators(filter: { search: $search }, first: 100) { totalCount nodes { id handle } } }`,
            { search },
          )
        ).creators;
      // Every "twin" handle contains the text equally; only twin A has a track record.
      const twins = await handles('twin');
      expect(twins.totalCount).toBe(2);
      expect(twins.nodes.map((node: { id: string }) => node.id)).toEqual([
        creators.twinA.profileId,
        creators.twinB.profileId,
      ]);
      const sofas = await handles('sofa');
      expect(sofas.nodes.map((node: { handle: string }) => node.handle)).toEqual([
        'sofa',
        'sofa_lover_and_more',
      ]);
    });

    it('pages through a ranked search with its cursor', async () => {
      const query = `query($after: String) { creators(filter: { search: "e" }, first: 3, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let page = 0; page < 20; page++) {
        const data: any = (await server.gql.ok(query, { after })).creators;
        total = data.totalCount;
        seen.push(...data.nodes.map((node: { id: string }) => node.id));
        if (!data.pageInfo.hasNextPage) break;
        after = data.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(total);
      expect(total).toBeGreaterThan(10);
    });
  });
});
