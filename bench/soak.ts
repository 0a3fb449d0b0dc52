/**
 * Soak: steady mixed traffic against one built API for SOAK_MINUTES, watching for what only time shows
 * (memory or handles that grow, an event loop that slows, errors that appear after a while, books that
 * drift). Traffic: sign-ins, anonymous and signed-in feed reads, bids, full order flows (post, bid,
 * accept, fund, deliver, approve), disputes resolved by the admin, payouts, notification reads, and
 * graphql-ws subscriptions (notificationAdded) held open the whole run.
 *
 *   npm run bench:soak            (builds first; or npx nest build api && node dist/bench/soak.js)
 *
 * SOAK_MINUTES (10); SOAK_RATE: scenarios started per second (4; each is 1 to 8 requests); SOAK_USERS:
 * merchant/creator pairs (8), each creator also holding one subscription.
 * DATABASE_URL or TEST_DATABASE_URL: a PostgreSQL server to create a fresh database on (default: an
 * embedded one in a temporary directory). SOAK_KEEP=1 keeps the database.
 *
 * Prints one line per minute (requests, unexpected errors, RSS, heap, event-loop delay p99 and active
 * handles from the server's /health with HEALTH_DETAILS=on), then checks: no unexpected error, the
 * ledger invariants (libs/ledger), and RSS, event-loop delay and handles flat. Exits 1 when a check fails.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { ledgerViolations } from '../libs/ledger/src/ledger-invariants';
import { startApi, stopApi, type ApiProcess } from './support/api-process';
import { createBenchDatabase, finishBenchDatabase } from './support/bench-database';
import { postGraphql, type GraphqlAnswer } from './support/graphql';
import { LOG_IN, POST_TASK, SIGN_UP, signUpInput, taskInput } from './support/marketplace';

const MINUTES = positive('SOAK_MINUTES', 10);
const RATE = positive('SOAK_RATE', 4);
const USERS = Math.round(positive('SOAK_USERS', 8));
/** Scenarios in flight at most: past this the server is behind, and the soak says so rather than piling on. */
const MAX_IN_FLIGHT = Math.max(8, USERS * 4);
const ADMIN = { email: 'soak-admin@vtask.test', password: 'soak-admin-password' };
const PASSWORD = 'soak-password-123';

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
}

function log(line: string): void {
  console.log(`[soak] ${line}`);
}

// ------------------------------------------------------------------ the API as a child process

function startSoakApi(databaseUrl: string): Promise<ApiProcess> {
  return startApi({
    databaseUrl,
    env: {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_ATTEMPTS_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
      HEALTH_DETAILS: 'on',
    },
  });
}

// ------------------------------------------------------------------ GraphQL over HTTP, counted

let apiUrl = '';
const minute = { requests: 0, unexpected: 0, scenarios: 0, flows: 0, disputes: 0, payouts: 0, behind: 0 };
const unexpectedSamples: string[] = [];

class Unexpected extends Error {}

function unexpected(what: string): never {
  minute.unexpected += 1;
  if (unexpectedSamples.length < 20) unexpectedSamples.push(what.slice(0, 600));
  throw new Unexpected(what);
}

/** One GraphQL call that must succeed: anything else counts as an unexpected error. */
async function gql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  minute.requests += 1;
  let answer: GraphqlAnswer<T>;
  try {
    answer = await postGraphql<T>(apiUrl, query, variables, token);
  } catch (error) {
    return unexpected(`${query.slice(0, 80)}: ${String(error)}`);
  }
  const { status, body } = answer;
  if (status !== 200 || body.errors?.length || !body.data) {
    return unexpected(`${query.slice(0, 80)} -> ${status} ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

interface Process {
  rssBytes: number;
  heapUsedBytes: number;
  eventLoopDelayP99Ms: number;
  activeHandles: number;
}

async function processDetails(): Promise<Process> {
  const response = await fetch(`${apiUrl}/health`);
  const body = (await response.json()) as { process?: Process };
  if (!body.process) throw new Error('/health has no process details: is HEALTH_DETAILS=on honoured?');
  return body.process;
}

// ------------------------------------------------------------------ the parties

interface Account {
  email: string;
  token: string;
  profileId: string;
  userId: string;
}

async function signUp(role: 'MERCHANT' | 'CREATOR', index: number): Promise<Account> {
  const tag = `${role.toLowerCase()}${index}${randomBytes(3).toString('hex')}`;
  const email = `${tag}@soak.vtask.test`;
  const data = await gql(SIGN_UP, {
    input: signUpInput(role, {
      email,
      password: PASSWORD,
      displayName: tag,
      shopName: `Soak shop ${index}`,
      handle: `s_${tag}`.slice(0, 30),
    }),
  });
  const user = data.signUp.user;
  return { email, token: data.signUp.token, userId: user.id, profileId: (user.merchant ?? user.creator).id };
}

interface World {
  admin: string;
  pairs: { merchant: Account; creator: Account }[];
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];

// ------------------------------------------------------------------ scenarios

const FEED = `query($after: String) { tasks(first: 20, after: $after, filter: { status: OPEN }) {
  totalCount nodes { id title budget { amount currencyCode } applyBy minTier bidCount merchant { shopName } domainTags { slug } }
  pageInfo { endCursor hasNextPage } } }`;

async function postTask(merchant: Account, price: string): Promise<string> {
  const data = await gql(POST_TASK, { input: taskInput('Soak task', price) }, merchant.token);
  return data.postTask.id;
}

async function placeBid(creator: Account, taskId: string, price: string): Promise<string> {
  const data = await gql(
    `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
    { input: { taskId, price: { amount: price, currencyCode: 'CNY' }, pitch: 'I film this every week.' } },
    creator.token,
  );
  return data.placeBid.id;
}

/** An order funded and delivered: the common start of a completed flow and of a dispute. */
async function deliveredOrder(pair: World['pairs'][number], price: string): Promise<string> {
  const taskId = await postTask(pair.merchant, price);
  const bidId = await placeBid(pair.creator, taskId, price);
  const order = await gql(
    `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
    { id: bidId },
    pair.merchant.token,
  );
  const orderId: string = order.acceptBid.id;
  const funded = await gql(
    `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status } }`,
    { id: orderId, key: `fund-${orderId}` },
    pair.merchant.token,
  );
  if (funded.fundOrder.status !== 'SUCCEEDED') unexpected(`funding ${orderId}: ${funded.fundOrder.status}`);
  await gql(
    `mutation($input: SubmitDeliverableInput!) { submitDeliverable(input: $input) { id } }`,
    {
      input: {
        orderId,
        title: 'The video',
        body: 'Posted.',
        mediaUrls: ['https://cdn.example.com/soak.mp4'],
      },
    },
    pair.creator.token,
  );
  return orderId;
}

const scenarios: { name: string; weight: number; run: (world: World) => Promise<void> }[] = [
  {
    name: 'sign-in',
    weight: 2,
    run: async (world) => {
      const { creator } = pick(world.pairs);
      await gql(LOG_IN, {
        e: creator.email,
        p: PASSWORD,
      });
    },
  },
  {
    name: 'anonymous feed',
    weight: 6,
    run: async () => {
      const first = await gql(FEED);
      const cursor = first.tasks.pageInfo.hasNextPage ? first.tasks.pageInfo.endCursor : null;
      if (cursor) await gql(FEED, { after: cursor });
    },
  },
  {
    name: 'creator feed',
    weight: 4,
    run: async (world) => {
      const { creator } = pick(world.pairs);
      await gql(FEED, {}, creator.token);
      await gql(`{ recommendedTasks(first: 10) { score task { id title } } }`, {}, creator.token);
      await gql(`{ notifications(first: 20, unreadOnly: true) { nodes { id type } } }`, {}, creator.token);
    },
  },
  {
    name: 'bid',
    weight: 3,
    run: async (world) => {
      const { merchant } = pick(world.pairs);
      const { creator } = pick(world.pairs);
      const taskId = await postTask(merchant, '150.00');
      const bidId = await placeBid(creator, taskId, '140.00');
      await gql(`mutation($id: ID!) { withdrawBid(bidId: $id) { id status } }`, { id: bidId }, creator.token);
    },
  },
  {
    name: 'order flow',
    weight: 3,
    run: async (world) => {
      const pair = pick(world.pairs);
      const orderId = await deliveredOrder(pair, '399.00');
      const accepted = await gql(
        `mutation($id: ID!, $key: String!) { acceptDelivery(orderId: $id, rating: 5, idempotencyKey: $key) { status } }`,
        { id: orderId, key: `accept-${orderId}` },
        pair.merchant.token,
      );
      if (accepted.acceptDelivery.status !== 'COMPLETED') unexpected(`accepting ${orderId}`);
      await gql(
        `query($id: ID!) { ledgerEntries(orderId: $id) { account amount { amount } } }`,
        { id: orderId },
        pair.creator.token,
      );
      minute.flows += 1;
    },
  },
  {
    name: 'dispute',
    weight: 1,
    run: async (world) => {
      const pair = pick(world.pairs);
      const orderId = await deliveredOrder(pair, '200.00');
      await gql(
        `mutation($id: ID!) { openDispute(orderId: $id, reason: "Not what we agreed") { status } }`,
        { id: orderId },
        pair.merchant.token,
      );
      await gql(
        `mutation($input: ResolveDisputeInput!, $key: String!) { resolveDispute(input: $input, idempotencyKey: $key) { status } }`,
        {
          input: {
            orderId,
            creatorAmount: { amount: '120.00', currencyCode: 'CNY' },
            note: 'Split on the evidence',
          },
          key: `resolve-${orderId}`,
        },
        world.admin,
      );
      minute.disputes += 1;
    },
  },
  {
    name: 'payout',
    weight: 1,
    run: async (world) => {
      const { creator } = pick(world.pairs);
      const wallet = await gql(`{ myWallet { available { amount } } }`, {}, creator.token);
      if (Number(wallet.myWallet.available.amount) < 1) return;
      await gql(
        `mutation($amount: MoneyInput!, $key: String!) { requestPayout(amount: $amount, idempotencyKey: $key) { id status } }`,
        { amount: { amount: '1.00', currencyCode: 'CNY' }, key: `payout-${randomUUID()}` },
        creator.token,
      );
      minute.payouts += 1;
    },
  },
];

function chooseScenario(): (typeof scenarios)[number] {
  const total = scenarios.reduce((sum, scenario) => sum + scenario.weight, 0);
  let roll = Math.random() * total;
  for (const scenario of scenarios) {
    roll -= scenario.weight;
    if (roll < 0) return scenario;
  }
  return scenarios[0];
}

// ------------------------------------------------------------------ subscriptions

function subscribe(account: Account, counter: { events: number; errors: number }): WsClient {
  const client = createClient({
    url: `${apiUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${account.token}` },
    retryAttempts: 0,
  });
  client.subscribe(
    { query: `subscription { notificationAdded { id type } }` },
    {
      next: () => {
        counter.events += 1;
      },
      error: (error) => {
        counter.errors += 1;
        unexpectedSamples.push(`subscription error: ${JSON.stringify(error).slice(0, 300)}`);
      },
      complete: () => undefined,
    },
  );
  return client;
}

// ------------------------------------------------------------------ the run

interface Row extends Process {
  minute: number;
  requests: number;
  unexpected: number;
  scenarios: number;
  flows: number;
  disputes: number;
  payouts: number;
  behind: number;
  subscriptionEvents: number;
}

function printRow(row: Row): void {
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  console.log(
    `| ${String(row.minute).padStart(3)} | ${String(row.requests).padStart(8)} | ${String(row.unexpected).padStart(10)} | ` +
      `${String(row.flows).padStart(5)} | ${String(row.disputes).padStart(8)} | ${String(row.payouts).padStart(7)} | ` +
      `${String(row.subscriptionEvents).padStart(10)} | ${mb(row.rssBytes).padStart(6)} | ${mb(row.heapUsedBytes).padStart(7)} | ` +
      `${row.eventLoopDelayP99Ms.toFixed(1).padStart(12)} | ${String(row.activeHandles).padStart(7)} | ${String(row.behind).padStart(6)} |`,
  );
}

/**
 * Flat over time: after the first minute (warm-up: JIT, pools, caches), RSS grows by less than 25% and
 * 64 MB, handles by at most 20, and the last minute's event-loop p99 stays within 3x the median + 20 ms.
 */
function flatness(rows: Row[]): string[] {
  const problems: string[] = [];
  if (rows.length < 2) return problems;
  const base = rows.length > 2 ? rows[1] : rows[0];
  const last = rows[rows.length - 1];
  const rssGrowth = last.rssBytes - base.rssBytes;
  if (rssGrowth > 0.25 * base.rssBytes || rssGrowth > 64 * 2 ** 20) {
    problems.push(
      `RSS grew from ${(base.rssBytes / 2 ** 20).toFixed(0)} MB to ${(last.rssBytes / 2 ** 20).toFixed(0)} MB`,
    );
  }
  if (last.activeHandles - base.activeHandles > 20) {
    problems.push(`active handles grew from ${base.activeHandles} to ${last.activeHandles}`);
  }
  const delays = rows.map((row) => row.eventLoopDelayP99Ms).sort((a, b) => a - b);
  const median = delays[Math.floor(delays.length / 2)];
  if (last.eventLoopDelayP99Ms > 3 * median + 20) {
    problems.push(`event-loop delay p99 rose to ${last.eventLoopDelayP99Ms} ms (median ${median} ms)`);
  }
  return problems;
}

async function main(): Promise<void> {
  const database = await createBenchDatabase({
    prefix: 'vtask_soak',
    dataParent: { tempPrefix: 'vtask-soak-' },
    log,
  });
  const databaseUrl = database.url;
  let api: ApiProcess | null = null;
  const sockets: WsClient[] = [];
  try {
    log(`starting the API on ${database.name} (it applies the migrations)`);
    api = await startSoakApi(databaseUrl);
    apiUrl = api.url;
    const admin = (
      await gql(LOG_IN, {
        e: ADMIN.email,
        p: ADMIN.password,
      })
    ).logIn.token as string;
    const world: World = { admin, pairs: [] };
    for (let i = 0; i < USERS; i++) {
      const [merchant, creator] = await Promise.all([signUp('MERCHANT', i), signUp('CREATOR', i)]);
      await gql(
        `mutation($id: ID!) { setCreatorTier(creatorId: $id, tier: EXPERT, reason: "soak") { id } }`,
        { id: creator.profileId },
        admin,
      );
      world.pairs.push({ merchant, creator });
    }
    const subscriptionCounter = { events: 0, errors: 0 };
    for (const { creator } of world.pairs) sockets.push(subscribe(creator, subscriptionCounter));
    Object.assign(minute, { requests: 0, unexpected: 0 });

    log(
      `${MINUTES} min at ${RATE} scenarios/s over ${USERS} merchant/creator pairs, ${sockets.length} subscriptions`,
    );
    console.log(
      '| min | requests | unexpected | flows | disputes | payouts | sub events | RSS MB | heap MB | loop p99 ms | handles | behind |',
    );
    console.log(
      '| --: | -------: | ---------: | ----: | -------: | ------: | ---------: | -----: | ------: | ----------: | ------: | -----: |',
    );
    await processDetails(); // resets the server's event-loop histogram: the first row covers minute 1 only
    const rows: Row[] = [];
    let inFlight = 0;
    let totalUnexpected = 0;
    let lastEvents = 0;
    const started = Date.now();
    const end = started + MINUTES * 60_000;
    let nextMinute = started + 60_000;
    let nextStart = started;
    const running = new Set<Promise<void>>();
    const sampleMinute = async () => {
      const details = await processDetails();
      const row: Row = {
        minute: rows.length + 1,
        ...minute,
        subscriptionEvents: subscriptionCounter.events - lastEvents,
        ...details,
      };
      lastEvents = subscriptionCounter.events;
      rows.push(row);
      printRow(row);
      totalUnexpected += minute.unexpected;
      Object.assign(minute, {
        requests: 0,
        unexpected: 0,
        scenarios: 0,
        flows: 0,
        disputes: 0,
        payouts: 0,
        behind: 0,
      });
    };
    while (Date.now() < end) {
      const now = Date.now();
      if (now >= nextMinute) {
        await sampleMinute();
        nextMinute += 60_000;
      }
      if (now >= nextStart) {
        nextStart += 1000 / RATE;
        if (inFlight >= MAX_IN_FLIGHT) {
          minute.behind += 1;
          continue;
        }
        const scenario = chooseScenario();
        inFlight += 1;
        minute.scenarios += 1;
        const run = scenario
          .run(world)
          .catch((error: unknown) => {
            // gql() has counted what it saw; anything else thrown is a bug of the soak or the server.
            if (!(error instanceof Unexpected)) unexpected(`${scenario.name}: ${String(error)}`);
          })
          .catch(() => undefined)
          .finally(() => {
            inFlight -= 1;
            running.delete(run);
          });
        running.add(run);
      } else {
        await sleep(Math.min(nextStart, nextMinute) - now);
      }
    }
    // The last minute ends with the run: its row covers it and the scenarios still finishing.
    await Promise.all(running);
    await sampleMinute();

    // ------------------------------------------------------------ checks
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const violations = await ledgerViolations({
      query: async (text, params) => (await client.query(text, params as unknown[])).rows,
    });
    const [counts] = (
      await client.query(
        `SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM ledger_transactions)::int AS transactions,
                (SELECT count(*) FROM payouts)::int AS payouts`,
      )
    ).rows;
    await client.end();
    const flat = flatness(rows);
    console.log('');
    log(
      `${rows.reduce((sum, row) => sum + row.requests, 0)} requests, ${counts.orders} orders, ${counts.transactions} ledger transactions, ` +
        `${counts.payouts} payouts, ${subscriptionCounter.events} subscription events (${subscriptionCounter.errors} subscription errors)`,
    );
    log(
      `unexpected errors: ${totalUnexpected}${totalUnexpected ? ` e.g.\n  ${unexpectedSamples.join('\n  ')}` : ''}`,
    );
    log(
      `ledger invariants: ${violations.length ? `BROKEN\n  ${violations.slice(0, 20).join('\n  ')}` : 'hold'}`,
    );
    log(`RSS, event-loop delay, handles: ${flat.length ? `NOT flat: ${flat.join('; ')}` : 'flat'}`);
    const failed =
      totalUnexpected > 0 || subscriptionCounter.errors > 0 || violations.length > 0 || flat.length > 0;
    log(failed ? 'FAILED' : 'OK');
    if (failed) process.exitCode = 1;
  } finally {
    for (const socket of sockets) await socket.dispose();
    if (api) await stopApi(api);
    await finishBenchDatabase(database, { keep: process.env.SOAK_KEEP === '1', log });
  }
}

main().catch((error: unknown) => {
  console.error('[soak] failed:', error);
  process.exit(1);
});
