import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpAgency,
  signUpCreator,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  ACCEPT_BID,
  CANCEL_TASK,
  CLOSE_TASK,
  expectCode,
  INVITE_CREATOR,
  PLACE_BID,
  placeBid,
  postTask,
  REJECT_BID,
  WITHDRAW_BID,
} from './support/market-fixtures';

const MY_BIDS = /* GraphQL */ `
  query MyBids($status: BidStatus, $first: Int, $after: String) {
    myBids(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        status
        task {
          id
        }
        order {
          id
        }
      }
    }
  }
`;

const TASK_BIDS = /* GraphQL */ `
  query TaskBids($id: ID!, $status: BidStatus) {
    task(id: $id) {
      id
      bidCount
      slotsFilled
      status
      myBid {
        id
        status
      }
      bids(status: $status, first: 100) {
        totalCount
        nodes {
          id
          status
          creator {
            id
          }
        }
      }
    }
  }
`;

describe('bids', () => {
  let server: TestServer;
  let adminToken: string;
  let merchant: Account;
  let otherMerchant: Account;
  let ordinary: Account;
  let creators: Account[];
  let expert: Account;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    adminToken = await logInAdmin(server.gql);
    [merchant, otherMerchant, ordinary] = await Promise.all([
      signUpMerchant(server.gql),
      signUpMerchant(server.gql),
      signUpCreator(server.gql),
    ]);
    creators = await Promise.all(
      [0, 1, 2, 3].map(() => signUpCreatorWithTier(server.gql, adminToken, 'CREATOR')),
    );
    expert = await signUpCreatorWithTier(server.gql, adminToken, 'EXPERT');
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  const post = (overrides: Record<string, unknown> = {}) => postTask(server.gql, merchant.token, overrides);
  const bidFails = (token: string, taskId: string, amount = '450.00', currencyCode = 'CNY') =>
    server.gql.fail(
      PLACE_BID,
      { input: { taskId, price: { amount, currencyCode }, pitch: 'Pick me' } },
      token,
    );
  const liveBids = async (taskId: string) =>
    (await server.sql(`SELECT count(*)::int AS n FROM bids WHERE task_id = $1`, [taskId]))[0].n;

  describe('placeBid', () => {
    it('places a PENDING bid at the given price', async () => {
      const task = await post();
      const bid = await placeBid(server.gql, creators[0].token, task.id, '480.50');
      expect(bid).toMatchObject({
        status: 'PENDING',
        pitch: 'I film furniture every week.',
        price: { amount: '480.50', currencyCode: 'CNY' },
        task: { id: task.id },
        creator: { id: creators[0].profileId },
      });
    });

    it('refuses an ORDINARY creator (TIER_TOO_LOW) and one below the task minTier (TIER_TOO_LOW)', async () => {
      const task = await post();
      expectCode(await bidFails(ordinary.token, task.id), 'TIER_TOO_LOW');
      const forExperts = await post({ minTier: 'EXPERT' });
      expectCode(await bidFails(creators[0].token, forExperts.id), 'TIER_TOO_LOW');
      expectCode(await bidFails(ordinary.token, forExperts.id), 'TIER_TOO_LOW');
      await placeBid(server.gql, expert.token, forExperts.id);
      const forCelebrities = await post({ minTier: 'CELEBRITY' });
      expectCode(await bidFails(expert.token, forCelebrities.id), 'TIER_TOO_LOW');
      expect(await liveBids(task.id)).toBe(0);
      expect(await liveBids(forCelebrities.id)).toBe(0);
    });

    it('refuses a task that is not OPEN with CONFLICT, and a draft as NOT_FOUND', async () => {
      const closed = await post();
      await server.gql.ok(CLOSE_TASK, { id: closed.id }, merchant.token);
      expectCode(await bidFails(creators[0].token, closed.id), 'CONFLICT');
      const cancelled = await post();
      await server.gql.ok(CANCEL_TASK, { id: cancelled.id, reason: 'No longer needed' }, merchant.token);
      expectCode(await bidFails(creators[0].token, cancelled.id), 'CONFLICT');
      const draft = await post({ publish: false });
      expectCode(await bidFails(creators[0].token, draft.id), 'NOT_FOUND');
      expectCode(await bidFails(creators[0].token, '00000000-0000-4000-8000-000000000000'), 'NOT_FOUND');
    });

    it('refuses a bid after applyBy (DEADLINE_PASSED) even before the timer closed the task', async () => {
      const task = await post();
      await server.sql(`UPDATE tasks SET apply_by = now() - interval '1 second' WHERE id = $1`, [task.id]);
      expectCode(await bidFails(creators[0].token, task.id), 'DEADLINE_PASSED');
      expect(await liveBids(task.id)).toBe(0);
    });

    it('allows one live bid per creator per task (CONFLICT), and a new one after withdrawing', async () => {
      const task = await post();
      const first = await placeBid(server.gql, creators[0].token, task.id);
      expectCode(await bidFails(creators[0].token, task.id, '400.00'), 'CONFLICT');
      const withdrawn = await server.gql.ok(WITHDRAW_BID, { id: first.id }, creators[0].token);
      expect(withdrawn.withdrawBid).toEqual({ id: first.id, status: 'WITHDRAWN' });
      expectCode(await server.gql.fail(WITHDRAW_BID, { id: first.id }, creators[0].token), 'CONFLICT');
      const second = await placeBid(server.gql, creators[0].token, task.id, '420.00');
      expect(second.status).toBe('PENDING');
      expect(second.id).not.toBe(first.id);
      // Two bids at once from one creator: the unique index keeps exactly one.
      const race = await post();
      const results = await Promise.all(
        [0, 1, 2].map(() =>
          server.gql.request(
            PLACE_BID,
            { input: { taskId: race.id, price: { amount: '10.00', currencyCode: 'CNY' }, pitch: 'x' } },
            creators[1].token,
          ),
        ),
      );
      expect(results.filter((r) => !r.errors).length).toBe(1);
      for (const r of results.filter((r) => r.errors)) expectCode(r.errors![0], 'CONFLICT');
    });

    it('withdrawBid is for the bid creator only (NOT_FOUND for others, FORBIDDEN for merchants)', async () => {
      const task = await post();
      const bid = await placeBid(server.gql, creators[0].token, task.id);
      expectCode(await server.gql.fail(WITHDRAW_BID, { id: bid.id }, creators[1].token), 'NOT_FOUND');
      expectCode(await server.gql.fail(WITHDRAW_BID, { id: bid.id }, merchant.token), 'FORBIDDEN');
      expect(await server.sql(`SELECT status FROM bids WHERE id = $1`, [bid.id])).toEqual([
        { status: 'PENDING' },
      ]);
    });

    it.each([
      ['a price in another currency', '450.00', 'USD', 'price.currencyCode'],
      ['a zero price', '0', 'CNY', 'price.amount'],
      ['a negative price', '-1.00', 'CNY', 'price.amount'],
      ['a price with 3 decimals', '1.234', 'CNY', 'price.amount'],
    ])('refuses %s with BAD_USER_INPUT', async (_what, amount, currencyCode, field) => {
      const task = await post();
      const error = await bidFails(creators[0].token, task.id, amount, currencyCode);
      expectCode(error, 'BAD_USER_INPUT');
      expect(error.extensions?.fields).toHaveProperty([field]);
      expect(await liveBids(task.id)).toBe(0);
    });

    it('refuses an empty pitch, and merchants may not bid (FORBIDDEN)', async () => {
      const task = await post();
      const empty = await server.gql.fail(
        PLACE_BID,
        { input: { taskId: task.id, price: { amount: '1.00', currencyCode: 'CNY' }, pitch: '' } },
        creators[0].token,
      );
      expectCode(empty, 'BAD_USER_INPUT');
      const blank = await server.gql.fail(
        PLACE_BID,
        { input: { taskId: task.id, price: { amount: '1.00', currencyCode: 'CNY' }, pitch: '   ' } },
        creators[0].token,
      );
      expectCode(blank, 'BAD_USER_INPUT');
      expect(blank.extensions?.fields).toHaveProperty(['pitch']);
      expectCode(await bidFails(merchant.token, task.id), 'FORBIDDEN');
    });

    it('on an INVITE_ONLY task only invited creators may bid: others are FORBIDDEN', async () => {
      const task = await post({ visibility: 'INVITE_ONLY' });
      expectCode(await bidFails(creators[2].token, task.id), 'FORBIDDEN');
      await server.gql.ok(
        INVITE_CREATOR,
        { input: { taskId: task.id, creatorId: creators[3].profileId } },
        merchant.token,
      );
      const bid = await placeBid(server.gql, creators[3].token, task.id);
      expect(bid.status).toBe('PENDING');
      expect(await liveBids(task.id)).toBe(1);
    });
  });

  describe('acceptBid and rejectBid', () => {
    it('creates an order at the bid price with the fee split, a funding deadline and a CREATED event', async () => {
      const task = await post({ slots: 2, maxRevisions: 4, contentType: 'OUTFIT' });
      const bid = await placeBid(server.gql, creators[0].token, task.id, '999.99');
      const before = Date.now();
      const order = (await server.gql.ok(ACCEPT_BID, { id: bid.id }, merchant.token)).acceptBid;
      expect(order).toMatchObject({
        source: 'BID',
        status: 'AWAITING_FUNDING',
        brief: task.brief,
        contentType: 'OUTFIT',
        price: { amount: '999.99', currencyCode: 'CNY' },
        // 10% of 999.99 is 99.999: rounded down.
        platformFee: { amount: '99.99', currencyCode: 'CNY' },
        agencyShare: { amount: '0.00', currencyCode: 'CNY' },
        creatorPayout: { amount: '900.00', currencyCode: 'CNY' },
        maxRevisions: 4,
        revisionsUsed: 0,
        task: { id: task.id },
        offer: null,
        merchant: { id: merchant.profileId },
        creator: { id: creators[0].profileId },
        events: [{ type: 'CREATED', actor: { id: merchant.userId } }],
      });
      expect(order.deliverBy).toBe(task.deliverBy);
      const fundingDeadline = new Date(order.fundingDeadline).getTime();
      expect(Math.abs(fundingDeadline - (before + 48 * 3600 * 1000))).toBeLessThan(60_000);

      const after = await server.gql.ok(TASK_BIDS, { id: task.id }, merchant.token);
      expect(after.task).toMatchObject({ slotsFilled: 1, status: 'OPEN' });
      expect(after.task.bids.nodes).toEqual([
        { id: bid.id, status: 'ACCEPTED', creator: { id: creators[0].profileId } },
      ]);
      const mine = await server.gql.ok(MY_BIDS, { status: 'ACCEPTED' }, creators[0].token);
      expect(mine.myBids.nodes.find((b: { id: string }) => b.id === bid.id)).toMatchObject({
        order: { id: order.id },
      });
      // Accepting again, or withdrawing the accepted bid, is CONFLICT; an accepted bid is still live.
      expectCode(await server.gql.fail(ACCEPT_BID, { id: bid.id }, merchant.token), 'CONFLICT');
      expectCode(await server.gql.fail(WITHDRAW_BID, { id: bid.id }, creators[0].token), 'CONFLICT');
      expectCode(await bidFails(creators[0].token, task.id), 'CONFLICT');
      const rows = await server.sql(
        `SELECT platform_fee_bps, agency_share_bps, agency_id FROM orders WHERE id = $1`,
        [order.id],
      );
      expect(rows).toEqual([{ platform_fee_bps: 1000, agency_share_bps: 0, agency_id: null }]);
    });

    it("takes the agency's share of what is left after the fee, rounded down", async () => {
      const agency = await signUpAgency(server.gql, 2000);
      const member = await signUpCreatorWithTier(server.gql, adminToken, 'CREATOR');
      await server.gql.ok(
        `mutation($id: ID!) { inviteToAgency(creatorId: $id) { id } }`,
        { id: member.profileId },
        agency.token,
      );
      await server.gql.ok(
        `mutation($id: ID!) { joinAgency(agencyId: $id) { id } }`,
        { id: agency.profileId },
        member.token,
      );
      const task = await post();
      const bid = await placeBid(server.gql, member.token, task.id, '123.45');
      const order = (await server.gql.ok(ACCEPT_BID, { id: bid.id }, merchant.token)).acceptBid;
      // fee 12.345 -> 12.34; rest 111.11; 20% of it 22.222 -> 22.22; payout 88.89.
      expect(order).toMatchObject({
        price: { amount: '123.45' },
        platformFee: { amount: '12.34' },
        agencyShare: { amount: '22.22' },
        creatorPayout: { amount: '88.89' },
      });
      const rows = await server.sql(`SELECT agency_id, agency_share_bps FROM orders WHERE id = $1`, [
        order.id,
      ]);
      expect(rows).toEqual([{ agency_id: agency.profileId, agency_share_bps: 2000 }]);
    });

    it('the last slot closes the task and expires the other pending bids', async () => {
      const task = await post({ slots: 2 });
      const bids = [];
      for (const creator of creators.slice(0, 3))
        bids.push(await placeBid(server.gql, creator.token, task.id));
      const withdrawn = await placeBid(server.gql, creators[3].token, task.id);
      await server.gql.ok(WITHDRAW_BID, { id: withdrawn.id }, creators[3].token);
      await server.gql.ok(ACCEPT_BID, { id: bids[0].id }, merchant.token);
      let state = await server.gql.ok(TASK_BIDS, { id: task.id }, merchant.token);
      expect(state.task).toMatchObject({ status: 'OPEN', slotsFilled: 1, bidCount: 3 });
      await server.gql.ok(ACCEPT_BID, { id: bids[1].id }, merchant.token);
      state = await server.gql.ok(TASK_BIDS, { id: task.id }, merchant.token);
      expect(state.task).toMatchObject({ status: 'CLOSED', slotsFilled: 2 });
      const statuses = Object.fromEntries(
        state.task.bids.nodes.map((b: { id: string; status: string }) => [b.id, b.status]),
      );
      expect(statuses).toEqual({
        [bids[0].id]: 'ACCEPTED',
        [bids[1].id]: 'ACCEPTED',
        [bids[2].id]: 'EXPIRED',
        [withdrawn.id]: 'WITHDRAWN',
      });
      expectCode(await server.gql.fail(ACCEPT_BID, { id: bids[2].id }, merchant.token), 'CONFLICT');
      expect(
        (await server.sql(`SELECT count(*)::int AS n FROM orders WHERE task_id = $1`, [task.id]))[0].n,
      ).toBe(2);
    });

    it('rejects a bid (with an optional reason); deciding it again is CONFLICT', async () => {
      const task = await post();
      const bid = await placeBid(server.gql, creators[0].token, task.id);
      const rejected = await server.gql.ok(
        REJECT_BID,
        { id: bid.id, reason: 'Not our style' },
        merchant.token,
      );
      expect(rejected.rejectBid).toEqual({ id: bid.id, status: 'REJECTED' });
      expect(await server.sql(`SELECT reject_reason FROM bids WHERE id = $1`, [bid.id])).toEqual([
        { reject_reason: 'Not our style' },
      ]);
      expectCode(await server.gql.fail(REJECT_BID, { id: bid.id }, merchant.token), 'CONFLICT');
      expectCode(await server.gql.fail(ACCEPT_BID, { id: bid.id }, merchant.token), 'CONFLICT');
      const noReason = await placeBid(server.gql, creators[1].token, task.id);
      expect((await server.gql.ok(REJECT_BID, { id: noReason.id }, merchant.token)).rejectBid.status).toBe(
        'REJECTED',
      );
      const tooLong = await placeBid(server.gql, creators[2].token, task.id);
      const error = await server.gql.fail(
        REJECT_BID,
        { id: tooLong.id, reason: 'x'.repeat(501) },
        merchant.token,
      );
      expectCode(error, 'BAD_USER_INPUT');
      expect(await server.sql(`SELECT status FROM bids WHERE id = $1`, [tooLong.id])).toEqual([
        { status: 'PENDING' },
      ]);
    });

    it("only the task's merchant decides its bids: NOT_FOUND for another merchant, FORBIDDEN for creators", async () => {
      const task = await post();
      const bid = await placeBid(server.gql, creators[0].token, task.id);
      expectCode(await server.gql.fail(ACCEPT_BID, { id: bid.id }, otherMerchant.token), 'NOT_FOUND');
      expectCode(await server.gql.fail(REJECT_BID, { id: bid.id }, otherMerchant.token), 'NOT_FOUND');
      expectCode(await server.gql.fail(ACCEPT_BID, { id: bid.id }, creators[0].token), 'FORBIDDEN');
      expectCode(await server.gql.fail(ACCEPT_BID, { id: bid.id }, adminToken), 'FORBIDDEN');
      expectCode(
        await server.gql.fail(ACCEPT_BID, { id: '00000000-0000-4000-8000-000000000000' }, merchant.token),
        'NOT_FOUND',
      );
      expect(await server.sql(`SELECT status FROM bids WHERE id = $1`, [bid.id])).toEqual([
        { status: 'PENDING' },
      ]);
    });

    it('refuses to accept the bid of a creator demoted below the task tier (TIER_TOO_LOW)', async () => {
      const demoted = await signUpCreatorWithTier(server.gql, adminToken, 'CREATOR');
      const task = await post();
      const bid = await placeBid(server.gql, demoted.token, task.id);
      await server.gql.ok(
        `mutation($id: ID!) { setCreatorTier(creatorId: $id, tier: ORDINARY, reason: "test") { id } }`,
        { id: demoted.profileId },
        adminToken,
      );
      expectCode(await server.gql.fail(ACCEPT_BID, { id: bid.id }, merchant.token), 'TIER_TOO_LOW');
      expect(
        (await server.sql(`SELECT slots_filled FROM tasks WHERE id = $1`, [task.id]))[0].slots_filled,
      ).toBe(0);
    });
  });

  // The slot race (one order for the last slot; accept racing a withdrawal) is a service spec:
  // libs/marketplace/test/slot-race.spec.ts.

  describe('reading bids', () => {
    let task: Record<string, any>;
    const bids: Record<string, any>[] = [];
    beforeAll(async () => {
      task = await post();
      for (const creator of creators.slice(0, 3))
        bids.push(await placeBid(server.gql, creator.token, task.id));
      await server.gql.ok(WITHDRAW_BID, { id: bids[2].id }, creators[2].token);
    });

    it("Task.bids: all bids for the task's merchant and admins; a creator sees only their own", async () => {
      const all = [bids[2].id, bids[1].id, bids[0].id];
      for (const token of [merchant.token, adminToken]) {
        const data = await server.gql.ok(TASK_BIDS, { id: task.id }, token);
        expect(data.task.bids.totalCount).toBe(3);
        expect(data.task.bids.nodes.map((b: { id: string }) => b.id)).toEqual(all);
      }
      const pending = await server.gql.ok(TASK_BIDS, { id: task.id, status: 'PENDING' }, merchant.token);
      expect(pending.task.bids.nodes.map((b: { id: string }) => b.id)).toEqual([bids[1].id, bids[0].id]);
      const own = await server.gql.ok(TASK_BIDS, { id: task.id }, creators[1].token);
      expect(own.task.bids).toEqual({
        totalCount: 1,
        nodes: [{ id: bids[1].id, status: 'PENDING', creator: { id: creators[1].profileId } }],
      });
      for (const token of [otherMerchant.token, creators[3].token, undefined]) {
        const data = await server.gql.ok(TASK_BIDS, { id: task.id }, token);
        expect(data.task.bids).toEqual({ totalCount: 0, nodes: [] });
      }
    });

    it('bidCount counts bids that are not withdrawn, for everyone', async () => {
      for (const token of [merchant.token, creators[3].token, undefined]) {
        expect((await server.gql.ok(TASK_BIDS, { id: task.id }, token)).task.bidCount).toBe(2);
      }
    });

    it("myBid is the signed-in creator's latest bid on the task, null for everyone else", async () => {
      const mine = await server.gql.ok(TASK_BIDS, { id: task.id }, creators[0].token);
      expect(mine.task.myBid).toEqual({ id: bids[0].id, status: 'PENDING' });
      const withdrawnView = await server.gql.ok(TASK_BIDS, { id: task.id }, creators[2].token);
      expect(withdrawnView.task.myBid).toEqual({ id: bids[2].id, status: 'WITHDRAWN' });
      for (const token of [creators[3].token, merchant.token, adminToken, undefined]) {
        expect((await server.gql.ok(TASK_BIDS, { id: task.id }, token)).task.myBid).toBeNull();
      }
    });

    it('myBids lists the creator own bids, filtered by status and paged to the end', async () => {
      const walker = await signUpCreatorWithTier(server.gql, adminToken, 'CREATOR');
      const placed: string[] = [];
      for (let i = 0; i < 5; i += 1)
        placed.push((await placeBid(server.gql, walker.token, (await post()).id)).id);
      await server.gql.ok(WITHDRAW_BID, { id: placed[0] }, walker.token);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const data: Record<string, any> = await server.gql.ok(MY_BIDS, { first: 2, after }, walker.token);
        expect(data.myBids.totalCount).toBe(5);
        seen.push(...data.myBids.nodes.map((b: { id: string }) => b.id));
        if (!data.myBids.pageInfo.hasNextPage) break;
        after = data.myBids.pageInfo.endCursor;
      }
      expect(seen).toEqual([...placed].reverse());
      const withdrawn = await server.gql.ok(MY_BIDS, { status: 'WITHDRAWN' }, walker.token);
      expect(withdrawn.myBids.nodes.map((b: { id: string }) => b.id)).toEqual([placed[0]]);
      expectCode(await server.gql.fail(MY_BIDS, {}, merchant.token), 'FORBIDDEN');
      expectCode(await server.gql.fail(MY_BIDS, {}), 'UNAUTHENTICATED');
      const forged = Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url');
      expectCode(await server.gql.fail(MY_BIDS, { after: forged }, walker.token), 'BAD_USER_INPUT');
    });
  });
});
