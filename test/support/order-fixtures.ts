import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { ledgerViolations as sharedLedgerViolations } from '../../libs/ledger/src/ledger-invariants';
import { logInAdmin, signUpAgency, signUpCreatorWithTier, signUpMerchant, type Account } from './fixtures';
import type { GqlClient, GqlResponse, TestServer } from './harness';

/** Helpers for the order, escrow and ledger suites: parties, orders in a given state, calls, invariants. */

const DAY = 24 * 3600 * 1000;

export const ORDER_SUMMARY = /* GraphQL */ `
  fragment OrderSummary on Order {
    id
    status
    revisionsUsed
    maxRevisions
    reviewDeadline
    fundingDeadline
    price {
      amount
      currencyCode
    }
    escrow {
      status
      held {
        amount
      }
      released {
        amount
      }
      refunded {
        amount
      }
    }
    events {
      type
      note
      actor {
        id
      }
    }
  }
`;

export interface Parties {
  server: TestServer;
  gql: GqlClient;
  admin: string;
  merchant: Account;
  creator: Account;
  /** The creator's agency, when asked for. */
  agency: Account | null;
  /** Parties of nothing: for NOT_FOUND checks. */
  otherMerchant: Account;
  otherCreator: Account;
}

/** A merchant, an EXPERT creator (optionally in an agency with `agencyBps`), outsiders, and the admin's token. */
export async function setUpParties(
  server: TestServer,
  options: { agencyBps?: number } = {},
): Promise<Parties> {
  const gql = server.gql;
  const admin = await logInAdmin(gql);
  const [merchant, creator, otherMerchant, otherCreator] = await Promise.all([
    signUpMerchant(gql),
    signUpCreatorWithTier(gql, admin, 'EXPERT'),
    signUpMerchant(gql),
    signUpCreatorWithTier(gql, admin, 'EXPERT'),
  ]);
  let agency: Account | null = null;
  if (options.agencyBps !== undefined) {
    agency = await signUpAgency(gql, options.agencyBps);
    await gql.ok(
      `mutation($id: ID!) { inviteToAgency(creatorId: $id) { id } }`,
      { id: creator.profileId },
      agency.token,
    );
    await gql.ok(
      `mutation($id: ID!) { joinAgency(agencyId: $id) { id } }`,
      { id: agency.profileId },
      creator.token,
    );
  }
  return { server, gql, admin, merchant, creator, agency, otherMerchant, otherCreator };
}

/**
 * An order in AWAITING_FUNDING from a one-slot task (bid, accepted): maxRevisions and deliverBy as given.
 * Without retention unless `retentionDays` says (acceptance then holds back part of the price, SPEC
 * "Usage rights, publication and retention"): the suites about the order's life see a full release.
 */
export async function orderFromTask(
  parties: Parties,
  options: {
    price?: string;
    maxRevisions?: number;
    deliverByMs?: number;
    retentionDays?: number;
    usageRights?: Record<string, unknown>;
  } = {},
): Promise<string> {
  const { gql, merchant, creator } = parties;
  const price = options.price ?? '100.00';
  const task = await gql.ok(
    `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
    {
      input: {
        title: 'Order suite task',
        brief: 'Content for the order suites.',
        contentType: 'VIDEO',
        channels: ['HEADLINES'],
        domainTags: ['home.furniture'],
        budget: { amount: price, currencyCode: 'CNY' },
        slots: 1,
        applyBy: new Date(Date.now() + DAY).toISOString(),
        deliverBy: new Date(Date.now() + (options.deliverByMs ?? 7 * DAY)).toISOString(),
        maxRevisions: options.maxRevisions ?? 2,
        retentionDays: options.retentionDays ?? 0,
        usageRights: options.usageRights ?? null,
        publish: true,
      },
    },
    merchant.token,
  );
  const bid = await gql.ok(
    `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
    {
      input: {
        taskId: task.postTask.id,
        price: { amount: price, currencyCode: 'CNY' },
        pitch: 'Ready to film.',
      },
    },
    creator.token,
  );
  const order = await gql.ok(
    `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
    { id: bid.placeBid.id },
    merchant.token,
  );
  return order.acceptBid.id;
}

/**
 * `count` orders in AWAITING_FUNDING at `price`, booked from one offer of the creator (one request each);
 * without retention, like `orderFromTask`.
 */
export async function bookedOrders(
  parties: Parties,
  count: number,
  price = '100.00',
  concurrency = 8,
): Promise<string[]> {
  const { gql, merchant, creator } = parties;
  const offer = await gql.ok(
    `mutation($input: PostOfferInput!) { postOffer(input: $input) { id } }`,
    {
      input: {
        title: 'Bulk offer for the order suites',
        description: 'One short video.',
        contentType: 'VIDEO',
        channels: ['HEADLINES'],
        domainTags: ['home.furniture'],
        price: { amount: price, currencyCode: 'CNY' },
        slots: Math.max(count, 1),
        turnaroundDays: 7,
        retentionDays: 0,
      },
    },
    creator.token,
  );
  const ids: string[] = [];
  await inBatches(count, concurrency, async () => {
    const booked = await gql.ok(
      `mutation($input: BookOfferInput!) { bookOffer(input: $input) { id } }`,
      { input: { offerId: offer.postOffer.id, brief: 'Feature our sofa.' } },
      merchant.token,
    );
    ids.push(booked.bookOffer.id);
  });
  return ids;
}

/** Runs `work(i)` for i in [0, count) with at most `concurrency` at a time. */
export async function inBatches(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await work(next++);
  });
  await Promise.all(workers);
}

export const key = (prefix = 'k'): string => `${prefix}-${randomUUID()}`;

/** The mutations of an order's life, each returning the raw response (data or errors). */
export function orderCalls(gql: GqlClient) {
  return {
    fund: (token: string, orderId: string, idempotencyKey = key('fund')) =>
      gql.request(
        `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status order { id status } } }`,
        { id: orderId, key: idempotencyKey },
        token,
      ),
    deliver: (token: string, orderId: string, input: Record<string, unknown> = {}) =>
      gql.request(
        `mutation($input: SubmitDeliverableInput!) { submitDeliverable(input: $input) { id version status } }`,
        {
          input: {
            orderId,
            title: 'The video',
            body: 'Posted and linked.',
            mediaUrls: ['https://cdn.example.com/v.mp4'],
            ...input,
          },
        },
        token,
      ),
    revise: (token: string, orderId: string, feedback = 'Closer on the fabric, please.') =>
      gql.request(
        `mutation($id: ID!, $feedback: String!) { requestRevision(orderId: $id, feedback: $feedback) { id status revisionsUsed } }`,
        { id: orderId, feedback },
        token,
      ),
    accept: (token: string, orderId: string, idempotencyKey = key('accept'), rating: number | null = null) =>
      gql.request(
        `mutation($id: ID!, $key: String!, $rating: Int) { acceptDelivery(orderId: $id, rating: $rating, idempotencyKey: $key) { id status } }`,
        { id: orderId, key: idempotencyKey, rating },
        token,
      ),
    cancel: (token: string, orderId: string, idempotencyKey = key('cancel'), reason = 'Plans changed') =>
      gql.request(
        `mutation($id: ID!, $key: String!, $reason: String!) { cancelOrder(orderId: $id, reason: $reason, idempotencyKey: $key) { id status } }`,
        { id: orderId, key: idempotencyKey, reason },
        token,
      ),
    dispute: (token: string, orderId: string, reason = 'Not what we agreed') =>
      gql.request(
        `mutation($id: ID!, $reason: String!) { openDispute(orderId: $id, reason: $reason) { id status } }`,
        { id: orderId, reason },
        token,
      ),
    resolve: (
      token: string,
      orderId: string,
      amount: string,
      idempotencyKey = key('resolve'),
      currencyCode = 'CNY',
    ) =>
      gql.request(
        `mutation($input: ResolveDisputeInput!, $key: String!) { resolveDispute(input: $input, idempotencyKey: $key) { id status } }`,
        {
          input: { orderId, creatorAmount: { amount, currencyCode }, note: 'Decided on the evidence' },
          key: idempotencyKey,
        },
        token,
      ),
    reviewMerchant: (token: string, orderId: string, rating = 4) =>
      gql.request(
        `mutation($id: ID!, $rating: Int!) { reviewMerchant(orderId: $id, rating: $rating, comment: "Clear brief") { rating } }`,
        { id: orderId, rating },
        token,
      ),
    payout: (token: string, amount: string, idempotencyKey = key('payout')) =>
      gql.request(
        `mutation($amount: MoneyInput!, $key: String!) { requestPayout(amount: $amount, idempotencyKey: $key) { id status amount { amount } } }`,
        { amount: { amount, currencyCode: 'CNY' }, key: idempotencyKey },
        token,
      ),
    order: (token: string, orderId: string) =>
      gql.request(
        `query($id: ID!) { order(id: $id) { ...OrderSummary } } ${ORDER_SUMMARY}`,
        { id: orderId },
        token,
      ),
  };
}

export type OrderCalls = ReturnType<typeof orderCalls>;

/** The error code of a response, or 'OK' when it has data and no errors. */
export function outcome(response: GqlResponse<unknown>): string {
  if (response.errors?.length) return String(response.errors[0].extensions?.code ?? 'NO_CODE');
  return response.data ? 'OK' : 'NO_DATA';
}

/** Fails with the response's errors unless it succeeded. */
export function mustSucceed<T>(response: GqlResponse<T>, what: string): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`${what} failed (${response.status}): ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}

/** An order of the parties moved to `state` through the API. */
export async function orderIn(
  parties: Parties,
  state: 'AWAITING_FUNDING' | 'IN_PROGRESS' | 'DELIVERED' | 'REVISION_REQUESTED' | 'COMPLETED' | 'DISPUTED',
  options: {
    price?: string;
    maxRevisions?: number;
    orderId?: string;
    retentionDays?: number;
    usageRights?: Record<string, unknown>;
  } = {},
): Promise<string> {
  const calls = orderCalls(parties.gql);
  const id = options.orderId ?? (await orderFromTask(parties, options));
  if (state === 'AWAITING_FUNDING') return id;
  mustSucceed(await calls.fund(parties.merchant.token, id), 'fundOrder');
  if (state === 'IN_PROGRESS') return id;
  mustSucceed(await calls.deliver(parties.creator.token, id), 'submitDeliverable');
  if (state === 'DELIVERED') return id;
  if (state === 'REVISION_REQUESTED') {
    mustSucceed(await calls.revise(parties.merchant.token, id), 'requestRevision');
    return id;
  }
  if (state === 'COMPLETED') {
    mustSucceed(await calls.accept(parties.merchant.token, id), 'acceptDelivery');
    return id;
  }
  mustSucceed(await calls.dispute(parties.merchant.token, id), 'openDispute');
  return id;
}

// ---------------------------------------------------------------- database views

export async function orderStatus(server: TestServer, orderId: string): Promise<string> {
  const [row] = await server.sql(`SELECT status FROM orders WHERE id = $1`, [orderId]);
  return row?.status;
}

export async function eventTypes(server: TestServer, orderId: string): Promise<string[]> {
  const rows = await server.sql(`SELECT type FROM order_events WHERE order_id = $1 ORDER BY at, id`, [
    orderId,
  ]);
  return rows.map((row) => row.type);
}

/** Ledger transactions of one order by kind, e.g. { FUND: 1, RELEASE: 1 }. */
export async function transactionKinds(server: TestServer, orderId: string): Promise<Record<string, number>> {
  const rows = await server.sql(
    `SELECT kind, count(*)::int AS n FROM ledger_transactions WHERE order_id = $1 GROUP BY kind`,
    [orderId],
  );
  return Object.fromEntries(rows.map((row) => [row.kind, row.n]));
}

/** The order's ledger transactions whose entries do not sum to zero (each with its kind and total): none when its books balance. */
export async function unbalancedTransactions(
  server: TestServer,
  orderId: string,
): Promise<{ kind: string; total: string }[]> {
  return server.sql(
    `SELECT t.kind, coalesce(sum(e.amount_minor), 0)::text AS total
       FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id
      WHERE t.order_id = $1
      GROUP BY t.id, t.kind
     HAVING coalesce(sum(e.amount_minor), 0) <> 0 OR count(e.id) < 2`,
    [orderId],
  ) as Promise<{ kind: string; total: string }[]>;
}

/**
 * Moves an IN_PROGRESS order's funding time back (SPEC "Cancellation", kill-fee stages) so that on the
 * database clock `elapsedBps` of the time from funding to deliverBy has passed `inMs` milliseconds from now
 * (0: at once); deliverBy stays.
 */
export function elapse(server: TestServer, orderId: string, elapsedBps: number, inMs = 0) {
  return server.sql(
    `UPDATE orders SET funded_at = moment.at - (deliver_by - moment.at) * $2::numeric / (10000 - $2::numeric)
       FROM (SELECT now() + $3::numeric * interval '1 millisecond' AS at) moment
      WHERE id = $1`,
    [orderId, elapsedBps, inMs],
  );
}

/**
 * A balance in minor units (0 when the account has none): the sum of its entries, which for accounts
 * with a running balance the invariants below check against ledger_balances.
 */
export async function balanceOf(server: TestServer, account: string, currency = 'CNY'): Promise<bigint> {
  const [row] = await server.sql(
    `SELECT coalesce(sum(amount_minor), 0)::text AS balance FROM ledger_entries WHERE account = $1 AND currency = $2`,
    [account, currency],
  );
  return BigInt(row.balance);
}

/** Runs one SQL statement and returns its rows. */
export type Sql = <T extends Record<string, any> = Record<string, any>>(
  text: string,
  params?: unknown[],
) => Promise<T[]>;

/** One connection kept open (TestServer.sql connects per statement: too slow for a check after every step). */
export async function openSql(databaseUrl: string): Promise<{ sql: Sql; close: () => Promise<void> }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const sql: Sql = async (text, params = []) => (await client.query(text, params)).rows;
  return { sql, close: () => client.end() };
}

/**
 * Every invariant of SPEC "Ledger" over the whole database (libs/ledger's shared check), from a test
 * server or an open connection; returns what is violated.
 */
export async function ledgerViolations(source: TestServer | Sql): Promise<string[]> {
  const sql: Sql = typeof source === 'function' ? source : source.sql.bind(source);
  return sharedLedgerViolations({ query: (text, params) => sql(text, params) });
}

/**
 * A deadline set `windowS` after the event that set it, both as the API gives them (to the millisecond).
 * The event's time is its transaction's start, stored to the millisecond; the deadline is the database
 * clock read later in that transaction plus the window. So: the window, less at most the millisecond the
 * event's time was rounded up, plus only the moment the transaction took before it read the clock.
 */
export function expectWindowAfter(eventAt: string | Date, deadline: string | Date, windowS: number): void {
  const ms = new Date(deadline).getTime() - new Date(eventAt).getTime();
  // A plain throw, not Jest's expect: the browser tests compile this file too (through fake-stripe).
  if (ms < windowS * 1000 - 1 || ms > windowS * 1000 + 500) {
    throw new Error(`expected the deadline ${windowS} s after the event (-1 ms to +500 ms), got ${ms} ms`);
  }
}

/** When the order's last event of `type` happened, as the API gives it (to the millisecond). */
export async function lastEventAt(
  gql: GqlClient,
  token: string,
  orderId: string,
  type: string,
): Promise<string> {
  const { order } = await gql.ok(
    `query($id: ID!) { order(id: $id) { events { type at } } }`,
    { id: orderId },
    token,
  );
  const events = order.events.filter((event: { type: string }) => event.type === type);
  if (!events.length) throw new Error(`order ${orderId} has no ${type} event`);
  return events[events.length - 1].at;
}

// ---------------------------------------------------------------- timers

export const FUNDING_EXPIRY_JOB = 'orders.funding-expiry';
export const AUTO_ACCEPT_JOB = 'orders.auto-accept';
export const RECOVERY_JOB = 'orders.recover-provider-operation';

/** The order's pg-boss timers of one kind (the funding timer is keyed by the order, auto-accept by order:deadline). */
export async function orderJobs(
  server: TestServer,
  name: string,
  orderId: string,
): Promise<{ id: string; state: string }[]> {
  return server.sql(
    `SELECT id::text, state::text FROM pgboss.job WHERE name = $1 AND (singleton_key = $2 OR singleton_key LIKE $2 || ':%')`,
    [name, orderId],
  ) as Promise<{ id: string; state: string }[]>;
}

/**
 * Lets time pass for one order's timers without waiting days: the deadline (if `moveDeadline`) and
 * every pending job of the timer are moved to the past, then this waits until pg-boss has run them all.
 * The handlers still judge the deadline themselves, so a stale timer is exercised exactly as in life.
 */
export async function fireOrderTimers(
  server: TestServer,
  orderId: string,
  timer: 'funding' | 'review',
  options: { moveDeadline: boolean; timeoutMs?: number } = { moveDeadline: true },
): Promise<number> {
  const name = timer === 'funding' ? FUNDING_EXPIRY_JOB : AUTO_ACCEPT_JOB;
  const column = timer === 'funding' ? 'funding_deadline' : 'review_deadline';
  if (options.moveDeadline) {
    await server.sql(
      `UPDATE orders SET ${column} = now() - interval '1 second' WHERE id = $1 AND ${column} IS NOT NULL`,
      [orderId],
    );
  }
  const due = await server.sql(
    `UPDATE pgboss.job SET start_after = now() - interval '1 second'
      WHERE name = $1 AND (singleton_key = $2 OR singleton_key LIKE $2 || ':%') AND state IN ('created', 'retry')
      RETURNING id::text`,
    [name, orderId],
  );
  const ids = due.map((row) => row.id as string);
  if (!ids.length) return 0;
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const rows = await server.sql(`SELECT state::text FROM pgboss.job WHERE id = ANY($1::uuid[])`, [ids]);
    if (rows.every((row) => row.state === 'completed' || row.state === 'failed' || row.state === 'cancelled'))
      break;
    if (Date.now() > deadline)
      throw new Error(`timers of order ${orderId} did not run: ${JSON.stringify(rows)}`);
    await sleep(25);
  }
  return ids.length;
}

/** Polls `probe` until it returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T>,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Errors the server answered with INTERNAL_SERVER_ERROR (a bug, never an answer). */
export function internalErrors(gql: GqlClient): string[] {
  return gql.errorsSeen
    .filter((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR' || !error.extensions?.code)
    .map((error) => `${error.extensions?.code}: ${error.message} ${JSON.stringify(error.path ?? [])}`);
}

/**
 * "Time passes" for some orders: their funding and review deadlines move into the past and every
 * pending order timer of theirs becomes due; returns once pg-boss ran them all (and how many ran).
 */
export async function letTimePass(sql: Sql, orderIds: string[], timeoutMs = 15_000): Promise<number> {
  await sql(
    `UPDATE orders SET funding_deadline = CASE WHEN funding_deadline IS NULL THEN NULL ELSE least(funding_deadline, now() - interval '1 second') END,
                       review_deadline = CASE WHEN review_deadline IS NULL THEN NULL ELSE least(review_deadline, now() - interval '1 second') END
      WHERE id = ANY($1::uuid[])`,
    [orderIds],
  );
  const due = await sql<{ id: string }>(
    `UPDATE pgboss.job SET start_after = now() - interval '1 second'
      WHERE name IN ($1, $2) AND state IN ('created', 'retry') AND split_part(singleton_key, ':', 1) = ANY($3::text[])
      RETURNING id::text`,
    [FUNDING_EXPIRY_JOB, AUTO_ACCEPT_JOB, orderIds],
  );
  const ids = due.map((row) => row.id);
  const deadline = Date.now() + timeoutMs;
  while (ids.length) {
    const rows = await sql(`SELECT state::text FROM pgboss.job WHERE id = ANY($1::uuid[])`, [ids]);
    if (rows.every((row) => ['completed', 'failed', 'cancelled'].includes(row.state))) break;
    if (Date.now() > deadline) throw new Error(`order timers did not run: ${JSON.stringify(rows)}`);
    await sleep(20);
  }
  return ids.length;
}
