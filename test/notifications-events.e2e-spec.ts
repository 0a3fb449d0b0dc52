import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  ACCEPT_BID,
  BOOK_OFFER,
  CANCEL_TASK,
  INVITE_CREATOR,
  placeBid,
  postOffer,
  postTask,
  REJECT_BID,
  RESPOND,
} from './support/market-fixtures';
import {
  fireOrderTimers,
  internalErrors,
  mustSucceed,
  orderCalls,
  orderIn,
  outcome,
  setUpParties,
  type OrderCalls,
  type Parties,
} from './support/order-fixtures';

const LIST = /* GraphQL */ `
  query ($first: Int) {
    notifications(first: $first) {
      totalCount
      nodes {
        type
        message
        order {
          id
        }
        task {
          id
        }
      }
    }
  }
`;

interface Seen {
  type: string;
  message: string;
  order: { id: string } | null;
  task: { id: string } | null;
}

/**
 * Every event that matters to a user leaves a notification for exactly the users it concerns, with a
 * message that names the task: one walk through the market and the orders' lives, then what each party got.
 */
describe('notifications raised by the market and the orders', () => {
  let server: TestServer;
  let parties: Parties;
  let calls: OrderCalls;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    parties = await setUpParties(server);
    calls = orderCalls(server.gql);
  });
  afterAll(async () => {
    expect(internalErrors(server.gql)).toEqual([]);
    await server.close();
  });

  /** The user's notifications, oldest first. */
  async function seen(token: string): Promise<Seen[]> {
    const list = (await server.gql.ok(LIST, { first: 100 }, token)).notifications;
    expect(list.totalCount).toBeLessThanOrEqual(100);
    return [...list.nodes].reverse();
  }

  async function types(token: string): Promise<string[]> {
    return (await seen(token)).map((node) => node.type);
  }

  /** Makes a timer of `name` whose key starts with `keyPrefix` due now and waits until it ran. */
  async function fireTimers(name: string, keyPrefix: string): Promise<number> {
    const due = await server.sql(
      `UPDATE pgboss.job SET start_after = now() - interval '1 second'
        WHERE name = $1 AND singleton_key LIKE $2 || '%' AND state IN ('created', 'retry') RETURNING id::text`,
      [name, keyPrefix],
    );
    const ids = due.map((row) => row.id);
    for (let waited = 0; ids.length; waited += 50) {
      const rows = await server.sql(`SELECT state::text FROM pgboss.job WHERE id = ANY($1::uuid[])`, [ids]);
      if (rows.every((row) => ['completed', 'failed', 'cancelled'].includes(row.state))) break;
      if (waited > 15_000) throw new Error(`${name} timers did not run: ${JSON.stringify(rows)}`);
      await sleep(50);
    }
    return ids.length;
  }

  it('tell each party what the other did, and both what the timers and admins did', async () => {
    const { gql, merchant, creator, otherCreator, admin } = parties;

    // Bids: received by the merchant, accepted or rejected for the creators.
    const sofa = await postTask(gql, merchant.token, { title: 'Sofa in a small flat', slots: 2 });
    const bid = await placeBid(gql, creator.token, sofa.id, '450.00');
    const otherBid = await placeBid(gql, otherCreator.token, sofa.id, '480.00');
    const bidOrder = (await gql.ok(ACCEPT_BID, { id: bid.id }, merchant.token)).acceptBid.id;
    await gql.ok(REJECT_BID, { id: otherBid.id, reason: 'We chose a home channel.' }, merchant.token);

    // Invitations: received by the creator; accepted, declined or left to expire for the merchant.
    const lamp = await postTask(gql, merchant.token, { title: 'Lamp for reading', slots: 3 });
    const invite = async (who: typeof creator) =>
      (
        await gql.ok(
          INVITE_CREATOR,
          { input: { taskId: lamp.id, creatorId: who.profileId, message: 'Your style fits.' } },
          merchant.token,
        )
      ).inviteCreator.id;
    const accepted = await invite(creator);
    const invitationOrder = (await gql.ok(RESPOND, { id: accepted, accept: true }, creator.token))
      .respondToInvitation.order.id;
    await gql.ok(RESPOND, { id: await invite(otherCreator), accept: false }, otherCreator.token);
    const ignored = await invite(otherCreator);
    await server.sql(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      ignored,
    ]);
    expect(await fireTimers('marketplace.expire-invitation', ignored)).toBe(1);

    // An offer booked.
    const offer = await postOffer(gql, creator.token, { title: 'Unboxing on my channel' });
    const booked = (
      await gql.ok(BOOK_OFFER, { input: { offerId: offer.id, brief: 'Unbox our kettle.' } }, merchant.token)
    ).bookOffer.id;

    // The bid's order: funded, delivered, reminded, revised, delivered again, accepted.
    mustSucceed(await calls.fund(merchant.token, bidOrder), 'fund');
    mustSucceed(await calls.deliver(creator.token, bidOrder), 'deliver v1');
    mustSucceed(await calls.revise(merchant.token, bidOrder, 'Show the fabric up close.'), 'revise');
    mustSucceed(await calls.deliver(creator.token, bidOrder), 'deliver v2');
    // Both deliveries scheduled a reminder; the first one's delivery is no longer under review: stale.
    expect(await fireTimers('orders.review-reminder', bidOrder)).toBe(2);
    mustSucceed(await calls.accept(merchant.token, bidOrder), 'accept');
    // A refused action raises nothing.
    expect(outcome(await calls.accept(merchant.token, bidOrder))).toBe('CONFLICT');

    // The invitation's order: delivered and accepted automatically when the review window ends.
    mustSucceed(await calls.fund(merchant.token, invitationOrder), 'fund');
    mustSucceed(await calls.deliver(creator.token, invitationOrder), 'deliver');
    await fireOrderTimers(server, invitationOrder, 'review');

    // Disputed by the merchant, resolved by an admin.
    const disputed = await orderIn(parties, 'DISPUTED');
    mustSucceed(await calls.resolve(admin, disputed, '60.00'), 'resolve');

    // Cancelled by the creator after funding; not funded in time; cancelled with its task.
    const cancelled = await orderIn(parties, 'IN_PROGRESS');
    mustSucceed(await calls.cancel(creator.token, cancelled), 'cancel');
    const unfunded = await orderIn(parties, 'AWAITING_FUNDING');
    await fireOrderTimers(server, unfunded, 'funding');
    mustSucceed(await calls.cancel(merchant.token, booked), 'cancel booking');
    const dropped = await postTask(gql, merchant.token, { title: 'Rug for a hallway', slots: 1 });
    const dropBid = await placeBid(gql, otherCreator.token, dropped.id, '300.00');
    await gql.ok(ACCEPT_BID, { id: dropBid.id }, merchant.token);
    await gql.ok(CANCEL_TASK, { id: dropped.id, reason: 'The rug is sold out.' }, merchant.token);

    expect(await types(merchant.token)).toEqual([
      ...['BID_RECEIVED', 'BID_RECEIVED'],
      ...['INVITATION_ACCEPTED', 'INVITATION_DECLINED', 'INVITATION_EXPIRED'],
      // The bid's order: two deliveries, one reminder (the first delivery's was stale by then).
      ...['DELIVERABLE_SUBMITTED', 'DELIVERABLE_SUBMITTED', 'REVIEW_REMINDER'],
      ...['DELIVERABLE_SUBMITTED', 'DELIVERY_AUTO_ACCEPTED'],
      // orderIn(DISPUTED): bid, delivery, dispute (opened by the merchant: nothing to tell them), resolved.
      ...['BID_RECEIVED', 'DELIVERABLE_SUBMITTED', 'DISPUTE_RESOLVED'],
      ...['BID_RECEIVED', 'ORDER_CANCELLED'],
      ...['BID_RECEIVED', 'FUNDING_EXPIRED'],
      'BID_RECEIVED', // the rug
    ]);
    expect(await types(creator.token)).toEqual([
      ...['BID_ACCEPTED', 'INVITATION_RECEIVED', 'OFFER_BOOKED'],
      ...['ORDER_FUNDED', 'REVISION_REQUESTED', 'DELIVERY_ACCEPTED'],
      ...['ORDER_FUNDED', 'DELIVERY_AUTO_ACCEPTED'],
      ...['BID_ACCEPTED', 'ORDER_FUNDED', 'DISPUTE_OPENED', 'DISPUTE_RESOLVED'],
      // Cancelled by the creator: nothing to tell them.
      ...['BID_ACCEPTED', 'ORDER_FUNDED'],
      ...['BID_ACCEPTED', 'FUNDING_EXPIRED'],
      'ORDER_CANCELLED', // the booking, cancelled by the merchant
    ]);
    expect(await types(otherCreator.token)).toEqual([
      ...['BID_REJECTED', 'INVITATION_RECEIVED', 'INVITATION_RECEIVED'],
      ...['BID_ACCEPTED', 'ORDER_CANCELLED'], // the rug, cancelled with its task
    ]);
    expect(await types(parties.otherMerchant.token)).toEqual([]);

    // Plain words naming the task (or offer), the counterpart and the money, and links to what it is about.
    const merchantSaw = await seen(merchant.token);
    const creatorSaw = await seen(creator.token);
    const otherSaw = await seen(otherCreator.token);
    expect(merchantSaw[0]).toMatchObject({
      message: expect.stringMatching(/^@\w+ bid 450\.00 CNY on "Sofa in a small flat": "I film furniture/),
      task: { id: sofa.id },
      order: null,
    });
    expect(merchantSaw.find((n) => n.type === 'REVIEW_REMINDER')).toMatchObject({
      message: expect.stringContaining('24 hours left to review'),
      order: { id: bidOrder },
    });
    expect(merchantSaw.find((n) => n.type === 'ORDER_CANCELLED')?.message).toMatch(
      /^@\w+ cancelled "Order suite task": Plans changed\. Your payment of 100\.00 CNY is refunded\.$/,
    );
    expect(creatorSaw.find((n) => n.type === 'ORDER_FUNDED')).toMatchObject({
      message: expect.stringContaining('funded "Sofa in a small flat": 450.00 CNY is held in escrow'),
      order: { id: bidOrder },
      task: { id: sofa.id },
    });
    expect(creatorSaw.find((n) => n.type === 'REVISION_REQUESTED')?.message).toContain(
      '(revision 1 of 2): Show the fabric up close.',
    );
    expect(creatorSaw.find((n) => n.type === 'OFFER_BOOKED')?.message).toContain(
      'booked your offer "Unboxing on my channel" at 800.00 CNY; the order starts once they fund it',
    );
    expect(creatorSaw.filter((n) => n.type === 'ORDER_CANCELLED').at(-1)?.message).toContain(
      'cancelled "Unboxing on my channel": Plans changed.',
    );
    expect(creatorSaw.find((n) => n.type === 'DISPUTE_RESOLVED')?.message).toContain(
      '60.00 CNY of the 100.00 CNY escrow goes to the creator (fees apply) and 40.00 CNY is refunded to the merchant.',
    );
    expect(otherSaw[0].message).toMatch(
      /declined your bid of 480\.00 CNY on "Sofa in a small flat": We chose/,
    );
    expect(otherSaw.at(-1)?.message).toContain('cancelled "Rug for a hallway": The rug is sold out.');

    // Everything stored was stored once: one row per (user, type, order) except where a flow repeats it.
    const [{ n }] = await server.sql(
      `SELECT count(*)::int AS n FROM notifications WHERE type = 'REVIEW_REMINDER' AND order_id = $1`,
      [bidOrder],
    );
    expect(n).toBe(1);
  });
});
