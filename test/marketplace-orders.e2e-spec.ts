import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpAgency,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { ACCEPT_BID, expectCode, ORDER_FIELDS, placeBid, postTask } from './support/market-fixtures';

const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;

const MY_ORDERS = /* GraphQL */ `
  query MyOrders($status: OrderStatus, $first: Int, $after: String) {
    myOrders(status: $status, first: $first, after: $after) {
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

const ALL_ORDERS = /* GraphQL */ `
  query AllOrders($status: OrderStatus, $first: Int, $after: String) {
    orders(status: $status, first: $first, after: $after) {
      totalCount
      nodes {
        id
      }
    }
  }
`;

describe('orders created by the market: who may see them', () => {
  let server: TestServer;
  let adminToken: string;
  let merchant: Account;
  let otherMerchant: Account;
  let agency: Account;
  let otherAgency: Account;
  let member: Account;
  let outsider: Account;
  let solo: Account;
  let memberOrder: Record<string, any>;
  let soloOrders: Record<string, any>[];

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    adminToken = await logInAdmin(server.gql);
    [merchant, otherMerchant, agency, otherAgency] = await Promise.all([
      signUpMerchant(server.gql),
      signUpMerchant(server.gql),
      signUpAgency(server.gql, 1500),
      signUpAgency(server.gql, 1000),
    ]);
    [member, outsider, solo] = await Promise.all(
      [0, 1, 2].map(() => signUpCreatorWithTier(server.gql, adminToken, 'EXPERT')),
    );
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
    const task = await postTask(server.gql, merchant.token, { slots: 10 });
    const bid = await placeBid(server.gql, member.token, task.id, '200.00');
    memberOrder = (await server.gql.ok(ACCEPT_BID, { id: bid.id }, merchant.token)).acceptBid;
    soloOrders = [];
    for (let i = 0; i < 3; i += 1) {
      const other = await postTask(server.gql, otherMerchant.token);
      const soloBid = await placeBid(server.gql, solo.token, other.id, `${100 + i}.00`);
      soloOrders.push((await server.gql.ok(ACCEPT_BID, { id: soloBid.id }, otherMerchant.token)).acceptBid);
    }
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  it("order(id) is visible to its merchant, its creator, the creator's agency and admins", async () => {
    for (const token of [merchant.token, member.token, agency.token, adminToken]) {
      const data = await server.gql.ok(ORDER, { id: memberOrder.id }, token);
      expect(data.order).toMatchObject({
        id: memberOrder.id,
        source: 'BID',
        status: 'AWAITING_FUNDING',
        price: { amount: '200.00' },
        platformFee: { amount: '20.00' },
        // 15% of the 180.00 left after the fee.
        agencyShare: { amount: '27.00' },
        creatorPayout: { amount: '153.00' },
      });
    }
  });

  it('order(id) is NOT_FOUND for everyone else, and needs a signed-in user', async () => {
    for (const token of [otherMerchant.token, outsider.token, solo.token, otherAgency.token]) {
      expectCode(await server.gql.fail(ORDER, { id: memberOrder.id }, token), 'NOT_FOUND');
    }
    expectCode(await server.gql.fail(ORDER, { id: memberOrder.id }), 'UNAUTHENTICATED');
    expectCode(
      await server.gql.fail(ORDER, { id: '00000000-0000-4000-8000-000000000000' }, adminToken),
      'NOT_FOUND',
    );
    expectCode(await server.gql.fail(ORDER, { id: 'nope' }, adminToken), 'NOT_FOUND');
  });

  it('a bid shows its order only to the parties', async () => {
    const BID_ORDER = `query($id: ID!) { task(id: $id) { bids(first: 10) { nodes { id order { id } } } } }`;
    const asMerchant = await server.gql.ok(BID_ORDER, { id: memberOrder.task.id }, merchant.token);
    expect(asMerchant.task.bids.nodes[0].order).toEqual({ id: memberOrder.id });
    const asMember = await server.gql.ok(BID_ORDER, { id: memberOrder.task.id }, member.token);
    expect(asMember.task.bids.nodes[0].order).toEqual({ id: memberOrder.id });
  });

  it('myOrders lists the orders of the merchant, the creator and the agency', async () => {
    const ids = async (token: string, variables: Record<string, unknown> = {}) =>
      (await server.gql.ok(MY_ORDERS, variables, token)).myOrders;
    expect(await ids(merchant.token)).toMatchObject({ totalCount: 1, nodes: [{ id: memberOrder.id }] });
    expect(await ids(member.token)).toMatchObject({ totalCount: 1, nodes: [{ id: memberOrder.id }] });
    expect(await ids(agency.token)).toMatchObject({ totalCount: 1, nodes: [{ id: memberOrder.id }] });
    expect(await ids(otherAgency.token)).toMatchObject({ totalCount: 0, nodes: [] });
    expect(await ids(outsider.token)).toMatchObject({ totalCount: 0, nodes: [] });
    expect(await ids(adminToken)).toMatchObject({ totalCount: 0, nodes: [] });
    expect((await ids(solo.token, { status: 'AWAITING_FUNDING' })).totalCount).toBe(3);
    expect((await ids(solo.token, { status: 'CANCELLED' })).totalCount).toBe(0);
    // Newest first, walked with a cursor.
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Record<string, any> = await ids(otherMerchant.token, { first: 2, after });
      expect(page.totalCount).toBe(3);
      walked.push(...page.nodes.map((n: { id: string }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(soloOrders.map((o) => o.id).reverse());
    expectCode(await server.gql.fail(MY_ORDERS, {}), 'UNAUTHENTICATED');
    const forged = Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url');
    expectCode(await server.gql.fail(MY_ORDERS, { after: forged }, solo.token), 'BAD_USER_INPUT');
  });

  it('orders (every order) is for admins only', async () => {
    const data = await server.gql.ok(ALL_ORDERS, { first: 100 }, adminToken);
    expect(data.orders.totalCount).toBe(4);
    expect(data.orders.nodes.map((n: { id: string }) => n.id).sort()).toEqual(
      [memberOrder.id, ...soloOrders.map((o) => o.id)].sort(),
    );
    expect((await server.gql.ok(ALL_ORDERS, { status: 'COMPLETED' }, adminToken)).orders.totalCount).toBe(0);
    for (const token of [merchant.token, member.token, agency.token]) {
      expectCode(await server.gql.fail(ALL_ORDERS, {}, token), 'FORBIDDEN');
    }
    expectCode(await server.gql.fail(ALL_ORDERS, {}), 'UNAUTHENTICATED');
  });
});
