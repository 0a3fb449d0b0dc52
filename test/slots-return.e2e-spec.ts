import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV, signUpCreatorWithTier, type Account } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { ACCEPT_BID, BOOK_OFFER, PLACE_BID, postOffer, postTask, placeBid } from './support/market-fixtures';
import {
  eventTypes,
  fireOrderTimers,
  internalErrors,
  key,
  ledgerViolations,
  mustSucceed,
  orderCalls,
  orderStatus,
  outcome,
  setUpParties,
  type OrderCalls,
  type Parties,
} from './support/order-fixtures';

const PROPOSE = `mutation($id: ID!, $amount: MoneyInput!, $reason: String!) { proposeCancellation(orderId: $id, creatorAmount: $amount, reason: $reason) { id } }`;
const TEN = { amount: '10.00', currencyCode: 'CNY' };
const RESPOND = `mutation($id: ID!, $key: String!) { respondToCancellation(proposalId: $id, accept: true, idempotencyKey: $key) { status } }`;

/**
 * Slots come back (SPEC, issue 15): an order cancelled before any delivery, or never funded, gives its
 * slot back to its task or offer in the same transaction; a task that closed full reopens while applyBy
 * has not passed, before the check that would complete it; concurrent accepts never over-fill it.
 */
describe('slots come back', () => {
  let server: TestServer;
  let p: Parties;
  let calls: OrderCalls;
  let bidders: Account[];

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    p = await setUpParties(server);
    calls = orderCalls(server.gql);
    bidders = [];
    for (let i = 0; i < 4; i++) bidders.push(await signUpCreatorWithTier(server.gql, p.admin, 'EXPERT'));
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    expect(internalErrors(server.gql)).toEqual([]);
    expect(await ledgerViolations(server)).toEqual([]);
    await server.close();
  });

  const task = async (taskId: string) =>
    (await server.sql(`SELECT status, slots, slots_filled FROM tasks WHERE id = $1`, [taskId]))[0] as {
      status: string;
      slots: number;
      slots_filled: number;
    };
  const bidStatus = async (bidId: string) =>
    (await server.sql(`SELECT status FROM bids WHERE id = $1`, [bidId]))[0].status;
  /** A one-slot task, filled by `creator`'s accepted bid (so CLOSED), with another bid that closing expired. */
  const fullTask = async (slots = 1) => {
    const posted = await postTask(server.gql, p.merchant.token, {
      slots,
      budget: { amount: '100.00', currencyCode: 'CNY' },
    });
    const bids = [];
    for (const bidder of [p.creator, ...bidders.slice(0, slots)]) {
      bids.push(await placeBid(server.gql, bidder.token, posted.id, '100.00'));
    }
    const orderIds: string[] = [];
    for (const bid of bids.slice(0, slots)) {
      orderIds.push((await server.gql.ok(ACCEPT_BID, { id: bid.id }, p.merchant.token)).acceptBid.id);
    }
    return { taskId: posted.id as string, orderIds, expiredBid: bids[slots].id as string };
  };

  /** A one-slot offer of the creator: booking its slot must succeed and leave it full (a second booking is CONFLICT). */
  const oneSlotOffer = async () => {
    const offer = await postOffer(server.gql, p.creator.token, { slots: 1 });
    const book = () =>
      server.gql.request(
        BOOK_OFFER,
        { input: { offerId: offer.id, brief: 'Feature our lamp.' } },
        p.merchant.token,
      );
    return {
      bookTheSlot: async (): Promise<string> => {
        const orderId = mustSucceed(await book(), 'book').bookOffer.id as string;
        expect(outcome(await book())).toBe('CONFLICT');
        return orderId;
      },
      slotsBooked: async (): Promise<number> =>
        (await server.sql(`SELECT slots_booked FROM offers WHERE id = $1`, [offer.id]))[0].slots_booked,
    };
  };

  it('an unfunded order cancelled by the merchant reopens the task that closed full; its expired bids stay expired', async () => {
    const { taskId, orderIds, expiredBid } = await fullTask();
    expect(await task(taskId)).toEqual({ status: 'CLOSED', slots: 1, slots_filled: 1 });
    expect(await bidStatus(expiredBid)).toBe('EXPIRED');
    mustSucceed(await calls.cancel(p.merchant.token, orderIds[0]), 'cancel');
    expect(await task(taskId)).toEqual({ status: 'OPEN', slots: 1, slots_filled: 0 });
    expect(await bidStatus(expiredBid)).toBe('EXPIRED');
    // Creators may bid again, and the slot can be taken again.
    const again = await placeBid(server.gql, bidders[2].token, taskId, '100.00');
    await server.gql.ok(ACCEPT_BID, { id: again.id }, p.merchant.token);
    expect(await task(taskId)).toEqual({ status: 'CLOSED', slots: 1, slots_filled: 1 });
  });

  it('funding expiry gives the slot back too; a kill-fee cancel and an agreed cancel before delivery as well', async () => {
    const expiring = await fullTask();
    await fireOrderTimers(server, expiring.orderIds[0], 'funding');
    expect(await task(expiring.taskId)).toMatchObject({ status: 'OPEN', slots_filled: 0 });

    const killed = await fullTask();
    mustSucceed(await calls.fund(p.merchant.token, killed.orderIds[0]), 'fund');
    mustSucceed(await calls.cancel(p.merchant.token, killed.orderIds[0]), 'cancel with fee');
    expect(await task(killed.taskId)).toMatchObject({ status: 'OPEN', slots_filled: 0 });

    const agreed = await fullTask();
    mustSucceed(await calls.fund(p.merchant.token, agreed.orderIds[0]), 'fund');
    const proposal = await server.gql.ok(
      PROPOSE,
      { id: agreed.orderIds[0], reason: 'Stock ran out', amount: TEN },
      p.merchant.token,
    );
    await server.gql.ok(RESPOND, { id: proposal.proposeCancellation.id, key: key() }, p.creator.token);
    expect(await task(agreed.taskId)).toMatchObject({ status: 'OPEN', slots_filled: 0 });
  });

  it('no slot back after a delivery, and no reopening once applyBy has passed', async () => {
    const delivered = await fullTask();
    const orderId = delivered.orderIds[0];
    mustSucceed(await calls.fund(p.merchant.token, orderId), 'fund');
    mustSucceed(await calls.deliver(p.creator.token, orderId), 'deliver');
    const proposal = await server.gql.ok(
      PROPOSE,
      { id: orderId, reason: 'Not needed any more', amount: TEN },
      p.merchant.token,
    );
    await server.gql.ok(RESPOND, { id: proposal.proposeCancellation.id, key: key() }, p.creator.token);
    // The only order is final and the task did not reopen: it completes.
    expect(await task(delivered.taskId)).toEqual({ status: 'COMPLETED', slots: 1, slots_filled: 1 });

    const late = await fullTask();
    await server.sql(`UPDATE tasks SET apply_by = now() - interval '1 minute' WHERE id = $1`, [late.taskId]);
    mustSucceed(await calls.cancel(p.creator.token, late.orderIds[0]), 'cancel');
    // Nothing was dealt: a closed task without orders stays CLOSED.
    expect(await task(late.taskId)).toEqual({ status: 'CLOSED', slots: 1, slots_filled: 0 });
  });

  it("an offer's slot is bookable again", async () => {
    const offer = await oneSlotOffer();
    const first = await offer.bookTheSlot();
    mustSucceed(await calls.cancel(p.merchant.token, first), 'cancel');
    expect(await offer.slotsBooked()).toBe(0);
    await offer.bookTheSlot();
  });

  it("an offer's slot is bookable again after funding expiry, and after the merchant's kill-fee cancel before delivery", async () => {
    const expiring = await oneSlotOffer();
    const unfunded = await expiring.bookTheSlot();
    await fireOrderTimers(server, unfunded, 'funding');
    expect(await orderStatus(server, unfunded)).toBe('CANCELLED');
    expect(await expiring.slotsBooked()).toBe(0);
    await expiring.bookTheSlot();

    const killed = await oneSlotOffer();
    const inProgress = await killed.bookTheSlot();
    mustSucceed(await calls.fund(p.merchant.token, inProgress), 'fund');
    mustSucceed(await calls.cancel(p.merchant.token, inProgress), 'cancel with fee');
    expect(await eventTypes(server, inProgress)).toEqual(['CREATED', 'FUNDED', 'CANCELLED_WITH_FEE']);
    expect(await killed.slotsBooked()).toBe(0);
    await killed.bookTheSlot();
  });

  it("an offer's slot is bookable again after an agreed cancellation while IN_PROGRESS", async () => {
    const offer = await oneSlotOffer();
    const orderId = await offer.bookTheSlot();
    mustSucceed(await calls.fund(p.merchant.token, orderId), 'fund');
    expect(await orderStatus(server, orderId)).toBe('IN_PROGRESS');
    const proposal = await server.gql.ok(
      PROPOSE,
      { id: orderId, reason: 'Stock ran out', amount: TEN },
      p.merchant.token,
    );
    // The slot stays taken while the proposal waits for an answer.
    expect(await offer.slotsBooked()).toBe(1);
    await server.gql.ok(RESPOND, { id: proposal.proposeCancellation.id, key: key() }, p.creator.token);
    expect(await orderStatus(server, orderId)).toBe('CANCELLED');
    expect((await eventTypes(server, orderId)).slice(-1)).toEqual(['CANCELLATION_AGREED']);
    expect(await offer.slotsBooked()).toBe(0);
    await offer.bookTheSlot();
  });

  it('slot returns racing accepts on the reopened task: never over slots, never below zero', async () => {
    for (let round = 0; round < 6; round++) {
      const { taskId, orderIds } = await fullTask(2);
      // Reopen it, then let fresh bids race the cancellation of the other order.
      mustSucceed(await calls.cancel(p.merchant.token, orderIds[0]), 'cancel');
      const bids = [];
      for (const bidder of bidders.slice(1, 4)) {
        bids.push(
          (
            await server.gql.ok(
              PLACE_BID,
              {
                input: {
                  taskId,
                  price: { amount: '100.00', currencyCode: 'CNY' },
                  pitch: `Round ${round}, ${randomUUID()}`,
                },
              },
              bidder.token,
            )
          ).placeBid.id,
        );
      }
      const results = await Promise.all([
        sleep(Math.random() * 10).then(() => calls.cancel(bidders[0].token, orderIds[1])),
        ...bids.map((id) =>
          sleep(Math.random() * 10).then(() => server.gql.request(ACCEPT_BID, { id }, p.merchant.token)),
        ),
      ]);
      expect(outcome(results[0])).toBe('OK');
      for (const accepted of results.slice(1)) expect(['OK', 'CONFLICT']).toContain(outcome(accepted));
      const [counts] = await server.sql(
        `SELECT t.slots, t.slots_filled, t.status::text,
                (SELECT count(*)::int FROM orders o WHERE o.task_id = t.id AND o.status <> 'CANCELLED') AS live
           FROM tasks t WHERE t.id = $1`,
        [taskId],
      );
      expect(counts.slots_filled).toBe(counts.live);
      expect(counts.slots_filled).toBeLessThanOrEqual(2);
      expect(counts.slots_filled).toBeGreaterThanOrEqual(1);
      expect(counts.status).toBe(counts.slots_filled === 2 ? 'CLOSED' : 'OPEN');
    }
  });
});
