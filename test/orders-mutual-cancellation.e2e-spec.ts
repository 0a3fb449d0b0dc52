import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  balanceOf,
  eventTypes,
  internalErrors,
  key,
  ledgerViolations,
  mustSucceed,
  orderCalls,
  orderIn,
  orderStatus,
  outcome,
  setUpParties,
  transactionKinds,
  type OrderCalls,
  type Parties,
} from './support/order-fixtures';

const PROPOSE = /* GraphQL */ `
  mutation ($id: ID!, $amount: MoneyInput!, $reason: String!) {
    proposeCancellation(orderId: $id, creatorAmount: $amount, reason: $reason) {
      id
      status
      reason
      creatorAmount {
        amount
      }
      proposedBy {
        id
      }
    }
  }
`;
const RESPOND = /* GraphQL */ `
  mutation ($id: ID!, $accept: Boolean!, $key: String!) {
    respondToCancellation(proposalId: $id, accept: $accept, idempotencyKey: $key) {
      id
      status
    }
  }
`;
const WITHDRAW = /* GraphQL */ `
  mutation ($id: ID!) {
    withdrawCancellationProposal(proposalId: $id) {
      id
      status
      respondedAt
    }
  }
`;
const PROPOSALS = /* GraphQL */ `
  query ($id: ID!) {
    order(id: $id) {
      status
      escrow {
        status
        released {
          amount
        }
        refunded {
          amount
        }
      }
      cancellationProposals {
        id
        status
        creatorAmount {
          amount
        }
      }
    }
  }
`;
const NOTIFICATIONS = /* GraphQL */ `
  query {
    notifications(first: 50) {
      nodes {
        type
        message
        order {
          id
        }
      }
    }
  }
`;

/**
 * Mutual cancellation (SPEC "Cancellation", issue 15): either party proposes a split of the escrow, the
 * other accepts (escrow split once, CANCELLED, counted against nobody) or declines; one pending proposal
 * per order; any other change of the order withdraws it.
 */
describe('mutual cancellation', () => {
  let server: TestServer;
  let p: Parties;
  let calls: OrderCalls;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    p = await setUpParties(server, { agencyBps: 2000 });
    calls = orderCalls(server.gql);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    expect(internalErrors(server.gql)).toEqual([]);
    expect(await ledgerViolations(server)).toEqual([]);
    await server.close();
  });

  const propose = (token: string, orderId: string, amount: string, reason = 'The campaign moved') =>
    server.gql.request(PROPOSE, { id: orderId, amount: { amount, currencyCode: 'CNY' }, reason }, token);
  const respond = (token: string, proposalId: string, accept: boolean, idempotencyKey = key('answer')) =>
    server.gql.request(RESPOND, { id: proposalId, accept, key: idempotencyKey }, token);
  const view = async (orderId: string) =>
    (await server.gql.ok(PROPOSALS, { id: orderId }, p.merchant.token)).order;
  const notificationTypes = async (token: string) =>
    (await server.gql.ok(NOTIFICATIONS, {}, token)).notifications.nodes.map(
      (node: { type: string }) => node.type,
    );
  /** The types of the user's notifications about one order. */
  const noticesAbout = async (token: string, orderId: string) =>
    (await server.gql.ok(NOTIFICATIONS, {}, token)).notifications.nodes
      .filter((node: { order: { id: string } | null }) => node.order?.id === orderId)
      .map((node: { type: string }) => node.type);

  it('accepted: the escrow splits once like a resolved dispute, the order ends CANCELLED, counted against nobody', async () => {
    const orderId = await orderIn(p, 'DELIVERED', { price: '500.00' });
    const proposed = mustSucceed(await propose(p.merchant.token, orderId, '200.00'), 'propose');
    const proposal = proposed.proposeCancellation;
    expect(proposal).toMatchObject({
      status: 'PENDING',
      creatorAmount: { amount: '200.00' },
      proposedBy: { id: p.merchant.userId },
    });
    expect(await notificationTypes(p.creator.token)).toContain('CANCELLATION_PROPOSED');
    // One pending proposal per order; the proposer cannot answer their own.
    expect(outcome(await propose(p.creator.token, orderId, '300.00'))).toBe('CONFLICT');
    expect(outcome(await respond(p.merchant.token, proposal.id, true))).toBe('FORBIDDEN');
    expect(outcome(await respond(p.otherCreator.token, proposal.id, true))).toBe('NOT_FOUND');

    const creatorWallet = `creator/${p.creator.profileId}`;
    const before = await balanceOf(server, creatorWallet);
    const answerKey = key('accept');
    const accepted = mustSucceed(await respond(p.creator.token, proposal.id, true, answerKey), 'accept');
    expect(accepted.respondToCancellation.status).toBe('CANCELLED');
    // A replay answers again and moves nothing.
    mustSucceed(await respond(p.creator.token, proposal.id, true, answerKey), 'replay');
    expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1, SPLIT: 1 });
    expect((await eventTypes(server, orderId)).slice(-1)).toEqual(['CANCELLATION_AGREED']);
    // 200.00: 20.00 platform fee, 36.00 agency share, 144.00 to the creator; 300.00 refunded.
    expect((await balanceOf(server, creatorWallet)) - before).toBe(14400n);
    expect(await view(orderId)).toEqual({
      status: 'CANCELLED',
      escrow: { status: 'SPLIT', released: { amount: '200.00' }, refunded: { amount: '300.00' } },
      cancellationProposals: [{ id: proposal.id, status: 'ACCEPTED', creatorAmount: { amount: '200.00' } }],
    });
    expect(await notificationTypes(p.merchant.token)).toContain('CANCELLATION_AGREED');
    const [row] = await server.sql(`SELECT cancelled_by_creator FROM orders WHERE id = $1`, [orderId]);
    expect(row.cancelled_by_creator).toBe(false);
  });

  it('declined: nothing moves, and a new proposal may follow; withdrawn only by its author', async () => {
    const orderId = await orderIn(p, 'IN_PROGRESS');
    const first = mustSucceed(
      await propose(p.creator.token, orderId, '40.00'),
      'propose',
    ).proposeCancellation;
    mustSucceed(await respond(p.merchant.token, first.id, false), 'decline');
    expect(await notificationTypes(p.creator.token)).toContain('CANCELLATION_DECLINED');
    expect(await orderStatus(server, orderId)).toBe('IN_PROGRESS');
    expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1 });
    // Answered once: a second answer is a conflict.
    expect(outcome(await respond(p.merchant.token, first.id, true))).toBe('CONFLICT');

    const second = mustSucceed(await propose(p.creator.token, orderId, '50.00'), 'again').proposeCancellation;
    expect(outcome(await server.gql.request(WITHDRAW, { id: second.id }, p.merchant.token))).toBe(
      'FORBIDDEN',
    );
    const withdrawn = mustSucceed(
      await server.gql.request(WITHDRAW, { id: second.id }, p.creator.token),
      'withdraw',
    ).withdrawCancellationProposal;
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(withdrawn.respondedAt).not.toBeNull();
    expect(outcome(await respond(p.merchant.token, second.id, true))).toBe('CONFLICT');
    expect((await view(orderId)).cancellationProposals.map((row: { status: string }) => row.status)).toEqual([
      'DECLINED',
      'WITHDRAWN',
    ]);
  });

  it("a withdrawn proposal is news to the other party: the creator hears of the merchant's, the merchant of the creator's", async () => {
    const byMerchant = await orderIn(p, 'DELIVERED');
    const merchants = mustSucceed(
      await propose(p.merchant.token, byMerchant, '30.00'),
      'merchant proposes',
    ).proposeCancellation;
    expect(await noticesAbout(p.creator.token, byMerchant)).not.toContain('CANCELLATION_WITHDRAWN');
    mustSucceed(await server.gql.request(WITHDRAW, { id: merchants.id }, p.merchant.token), 'withdraw');
    expect(await noticesAbout(p.creator.token, byMerchant)).toContain('CANCELLATION_WITHDRAWN');
    expect(await noticesAbout(p.merchant.token, byMerchant)).not.toContain('CANCELLATION_WITHDRAWN');

    const byCreator = await orderIn(p, 'IN_PROGRESS');
    const creators = mustSucceed(
      await propose(p.creator.token, byCreator, '20.00'),
      'creator proposes',
    ).proposeCancellation;
    mustSucceed(await server.gql.request(WITHDRAW, { id: creators.id }, p.creator.token), 'withdraw');
    expect(await noticesAbout(p.merchant.token, byCreator)).toContain('CANCELLATION_WITHDRAWN');
    expect(await noticesAbout(p.creator.token, byCreator)).not.toContain('CANCELLATION_WITHDRAWN');
    expect(await orderStatus(server, byCreator)).toBe('IN_PROGRESS');
    expect(await transactionKinds(server, byCreator)).toEqual({ FUND: 1 });
  });

  it('any other change of the order withdraws the pending proposal', async () => {
    const orderId = await orderIn(p, 'IN_PROGRESS');
    const proposal = mustSucceed(
      await propose(p.merchant.token, orderId, '10.00'),
      'propose',
    ).proposeCancellation;
    mustSucceed(await calls.deliver(p.creator.token, orderId), 'deliver');
    expect((await view(orderId)).cancellationProposals).toEqual([
      { id: proposal.id, status: 'WITHDRAWN', creatorAmount: { amount: '10.00' } },
    ]);
    expect(outcome(await respond(p.creator.token, proposal.id, true))).toBe('CONFLICT');
    expect(await orderStatus(server, orderId)).toBe('DELIVERED');
  });

  it('an agreement ends a dispute; IN_PROGRESS agreements may give the whole price or nothing', async () => {
    const disputed = await orderIn(p, 'DISPUTED');
    const proposal = mustSucceed(
      await propose(p.creator.token, disputed, '100.00'),
      'propose',
    ).proposeCancellation;
    mustSucceed(await respond(p.merchant.token, proposal.id, true), 'accept');
    expect(await view(disputed)).toMatchObject({
      status: 'CANCELLED',
      escrow: { status: 'SPLIT', released: { amount: '100.00' }, refunded: { amount: '0.00' } },
    });

    const nothing = await orderIn(p, 'IN_PROGRESS');
    const zero = mustSucceed(await propose(p.merchant.token, nothing, '0'), 'propose 0').proposeCancellation;
    mustSucceed(await respond(p.creator.token, zero.id, true), 'accept 0');
    expect((await view(nothing)).escrow).toMatchObject({ status: 'SPLIT', refunded: { amount: '100.00' } });
  });

  it('refuses a proposal outside the open funded states, out of range, or by strangers', async () => {
    const awaiting = await orderIn(p, 'AWAITING_FUNDING');
    expect(outcome(await propose(p.merchant.token, awaiting, '10.00'))).toBe('CONFLICT');
    const completed = await orderIn(p, 'COMPLETED');
    expect(outcome(await propose(p.creator.token, completed, '10.00'))).toBe('CONFLICT');
    const open = await orderIn(p, 'IN_PROGRESS');
    expect(outcome(await propose(p.merchant.token, open, '100.01'))).toBe('BAD_USER_INPUT');
    expect(outcome(await propose(p.merchant.token, open, '10.00', '   '))).toBe('BAD_USER_INPUT');
    expect(outcome(await propose(p.otherMerchant.token, open, '10.00'))).toBe('NOT_FOUND');
    expect((await view(open)).cancellationProposals).toEqual([]);
  });

  it('two proposals racing on one order: exactly one stands', async () => {
    for (let round = 0; round < 5; round++) {
      const orderId = await orderIn(p, 'IN_PROGRESS');
      const results = await Promise.all([
        propose(p.merchant.token, orderId, '10.00'),
        propose(p.creator.token, orderId, '20.00'),
        propose(p.merchant.token, orderId, '30.00'),
      ]);
      expect(results.map(outcome).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
      const [row] = await server.sql(
        `SELECT count(*)::int AS n FROM cancellation_proposals WHERE order_id = $1 AND status = 'PENDING'`,
        [orderId],
      );
      expect(row.n).toBe(1);
    }
  });
});
