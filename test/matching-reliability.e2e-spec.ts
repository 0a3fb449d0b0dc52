import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { GqlClient, startTestServer, type TestServer } from './support/harness';
import { placeBid, postTask } from './support/market-fixtures';
import { eventually, mustSucceed, orderCalls } from './support/order-fixtures';
import { completedOrder, SQUARE } from './support/square-fixtures';
import { click, createLink, setLinkDomains, SHOP_HOST } from './support/tracking-fixtures';

const RECOMMENDED = /* GraphQL */ `
  query RecommendedForReliability($taskId: ID!) {
    recommendedCreators(taskId: $taskId, first: 50) {
      score
      reasons
      creator {
        id
      }
    }
  }
`;

const TRACK_RECORD = /* GraphQL */ `
  query TrackRecord($id: ID!) {
    creator(id: $id) {
      stats {
        completedOrders
        reliability {
          cancelledByCreator
          lateDeliveries
        }
        results {
          verifiedOrders
          reportedOrders
          clicks
          sales
          conversionRate
        }
      }
    }
  }
`;

const RECORD = /* GraphQL */ `
  mutation RecordForReliability($input: ContentMetricsInput!) {
    recordContentMetrics(input: $input) {
      clicks
    }
  }
`;

interface Match {
  score: number;
  reasons: string[];
  creator: { id: string };
}

/**
 * Ranking weighs reliability and prefers verified results (SPEC "Matching", "Effect you can trust"):
 * creators alike in everything (tags, tier, channels, audience, one completed order at the same price,
 * on time, rated 5) but one broken commitment, or verified figures instead of reported ones.
 */
describe('matching weighs reliability and prefers verified results', () => {
  let server: TestServer;
  let admin: string;
  let merchant: Account;
  let shop: Account;
  let task: Record<string, any>;
  const creators: Record<string, Account> = {};
  const names = new Map<string, string>();

  const twin = async (name: string) => {
    creators[name] = await signUpCreatorWithTier(server.gql, admin, 'EXPERT', {
      handle: `rk_${name}`,
      domainTags: ['home.storage'],
      channels: ['HEADLINES'],
      followerCount: 3000,
    });
    names.set(creators[name].profileId, name);
    await completedOrder(server.gql, shop, creators[name], { price: '800.00', rating: 5 });
    return creators[name];
  };

  const ranked = async (gql: GqlClient = server.gql): Promise<Match[]> =>
    (await gql.ok(RECOMMENDED, { taskId: task.id }, merchant.token)).recommendedCreators;
  const match = (matches: Match[], name: string) =>
    matches.find((m) => m.creator.id === creators[name].profileId)!;
  const position = (matches: Match[], name: string) =>
    matches.findIndex((m) => m.creator.id === creators[name].profileId);
  const trackRecord = async (name: string) =>
    (await server.gql.ok(TRACK_RECORD, { id: creators[name].profileId })).creator.stats;

  /** An order of the creator for the shop, funded (IN_PROGRESS). */
  const orderInProgress = async (creator: Account) => {
    const other = await postTask(server.gql, shop.token, {
      slots: 1,
      budget: { amount: '800.00', currencyCode: 'CNY' },
    });
    const bid = await placeBid(server.gql, creator.token, other.id, '800.00');
    const accepted = await server.gql.ok(
      `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
      { id: bid.id },
      shop.token,
    );
    const orderId: string = accepted.acceptBid.id;
    mustSucceed(await orderCalls(server.gql).fund(shop.token, orderId), 'fund');
    return orderId;
  };

  beforeAll(async () => {
    server = await startTestServer({ env: { ...ADMIN_ENV, PUBLIC_CACHE: 'off' } });
    admin = await logInAdmin(server.gql);
    [merchant, shop] = await Promise.all([signUpMerchant(server.gql), signUpMerchant(server.gql)]);
    task = await postTask(server.gql, merchant.token, {
      title: 'Storage boxes that stack',
      domainTags: ['home.storage'],
      channels: ['HEADLINES'],
      minTier: 'EXPERT',
      budget: { amount: '800.00', currencyCode: 'CNY' },
      slots: 5,
    });
    for (const name of ['steady', 'quitter', 'tardy', 'tracked', 'selfReported']) await twin(name);
    const calls = orderCalls(server.gql);

    // The quitter took a second order and cancelled it.
    const dropped = await orderInProgress(creators.quitter);
    mustSucceed(await calls.cancel(creators.quitter.token, dropped), 'creator cancels');
    // The tardy one delivered a second order after its deadline (not yet accepted: their on-time rate,
    // which counts completed orders, is the steady one's).
    const late = await orderInProgress(creators.tardy);
    await server.sql(`UPDATE orders SET deliver_by = now() - interval '1 minute' WHERE id = $1`, [late]);
    mustSucceed(await calls.deliver(creators.tardy.token, late), 'late delivery');

    // Results: the shop's tracking link counted a click on one; the other reported big figures itself.
    await setLinkDomains(server.gql, shop.token, [SHOP_HOST]);
    const trackedOrder = (
      await server.sql<{ id: string }>(
        `SELECT d.id FROM deliverables d JOIN orders o ON o.id = d.order_id
          WHERE o.creator_id = $1 AND o.status = 'COMPLETED'`,
        [creators.tracked.profileId],
      )
    )[0];
    const link = await createLink(server.gql, shop.token, trackedOrder.id);
    expect((await click(server, link.code)).status).toBe(302);
    const reportedDeliverable = (
      await server.sql<{ id: string }>(
        `SELECT d.id FROM deliverables d JOIN orders o ON o.id = d.order_id
          WHERE o.creator_id = $1 AND o.status = 'COMPLETED'`,
        [creators.selfReported.profileId],
      )
    )[0];
    await server.gql.ok(
      RECORD,
      {
        input: {
          deliverableId: reportedDeliverable.id,
          day: new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10),
          views: 90_000,
          clicks: 500,
          favorites: 40,
          addToCarts: 30,
          orders: 20,
          gmv: { amount: '9999.00', currencyCode: 'CNY' },
        },
      },
      creators.selfReported.token,
    );
    // Clicks are written off the request path, in batches: wait until the click is counted.
    await eventually(
      async () => (await trackRecord('tracked')).results.verifiedOrders === 1,
      'the tracked click to reach the track record',
    );
  });

  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  it('keeps the track record: verified figures where an order has any, reported ones otherwise, and reliability', async () => {
    expect(await trackRecord('tracked')).toEqual({
      completedOrders: 1,
      reliability: { cancelledByCreator: 0, lateDeliveries: 0 },
      results: { verifiedOrders: 1, reportedOrders: 0, clicks: 1, sales: 0, conversionRate: 0 },
    });
    expect(await trackRecord('selfReported')).toEqual({
      completedOrders: 1,
      reliability: { cancelledByCreator: 0, lateDeliveries: 0 },
      results: { verifiedOrders: 0, reportedOrders: 1, clicks: 500, sales: 20, conversionRate: 0.04 },
    });
    expect((await trackRecord('quitter')).reliability.cancelledByCreator).toBe(1);
    expect((await trackRecord('tardy')).reliability.lateDeliveries).toBe(1);
    expect((await trackRecord('steady')).results).toEqual({
      verifiedOrders: 0,
      reportedOrders: 0,
      clicks: 0,
      sales: 0,
      conversionRate: null,
    });
  });

  it('ranks the reliable creator above one who cancelled or delivered late, all else equal, and says why', async () => {
    const matches = await ranked();
    expect(position(matches, 'steady')).toBeGreaterThanOrEqual(0);
    expect(position(matches, 'steady')).toBeLessThan(position(matches, 'quitter'));
    expect(position(matches, 'steady')).toBeLessThan(position(matches, 'tardy'));
    expect(match(matches, 'steady').score).toBeGreaterThan(match(matches, 'quitter').score);
    expect(match(matches, 'steady').score).toBeGreaterThan(match(matches, 'tardy').score);

    expect(match(matches, 'steady').reasons).toContain(
      'reliable: no cancellations, late deliveries or takedowns',
    );
    expect(match(matches, 'quitter').reasons).toContain('cancelled 1 of 2 orders');
    expect(match(matches, 'tardy').reasons).toContain('delivered late on 1 order');
    const chinese = await ranked(new GqlClient(server.url, null));
    expect(match(chinese, 'quitter').reasons).toContain('取消过 1/2 单');
    expect(match(chinese, 'tardy').reasons).toContain('逾期交付 1 单');
  });

  it('ranks verified results above reported ones, all else equal, and says why', async () => {
    const matches = await ranked();
    expect(position(matches, 'tracked')).toBeLessThan(position(matches, 'selfReported'));
    expect(match(matches, 'tracked').score).toBeGreaterThan(match(matches, 'selfReported').score);
    expect(match(matches, 'tracked').reasons).toContain(
      'verified results (tracking-link clicks and sales) on 1 of 1 completed order',
    );
    expect(match(matches, 'selfReported').reasons.join(' ')).not.toContain('verified');
    const chinese = await ranked(new GqlClient(server.url, null));
    expect(match(chinese, 'tracked').reasons).toContain('平台核实效果（追踪链接点击与成交）：1/1 单');
  });

  it("orders the creator square's RELEVANCE by the same track record", async () => {
    const data = await server.gql.ok(SQUARE, {
      filter: { domainTags: ['home.storage'] },
      orderBy: 'RELEVANCE',
      first: 50,
    });
    const order = (data.creators.nodes as { id: string }[]).map((node) => names.get(node.id)).filter(Boolean);
    expect(order.indexOf('tracked')).toBeLessThan(order.indexOf('selfReported'));
    expect(order.indexOf('steady')).toBeLessThan(order.indexOf('quitter'));
    expect(order.indexOf('steady')).toBeLessThan(order.indexOf('tardy'));
    expect(order[0]).toBe('tracked');
  });
});
