/**
 * Complete order flows per second on one server: each flow is the whole deal, end to end over HTTP —
 * postTask (merchant), placeBid (creator), acceptBid, fundOrder, submitDeliverable, acceptDelivery —
 * with BENCH_CONCURRENCY flows in flight at once. Prints flows per second, the latency of each step
 * (p50, p95, p99, max), and checks the ledger afterwards (every order completed, the books balanced).
 *
 *   npx nest build api && node dist/bench/order-flows.js
 *
 * BENCH_FLOWS (200) timed flows after BENCH_WARMUP (20); BENCH_CONCURRENCY (8).
 * LOG_LEVEL=debug with BENCH_API_LOG=<file> keeps the API's log lines (each operation with its SQL statement count).
 * DATABASE_URL or TEST_DATABASE_URL: a PostgreSQL server to create a fresh database on (default: an
 * embedded one in a temporary directory). BENCH_KEEP=1 keeps the database.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { startApi, stopApi, type ApiProcess } from './support/api-process';
import { createBenchDatabase, finishBenchDatabase } from './support/bench-database';
import { gql as gqlAt } from './support/graphql';
import { LOG_IN, POST_TASK, SIGN_UP, signUpInput, taskInput } from './support/marketplace';
import { latencyHeader, latencyRow } from './support/stats';

const FLOWS = Number(process.env.BENCH_FLOWS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ADMIN = { email: 'bench-admin@vtask.test', password: 'bench-admin-password' };
const STEPS = [
  'postTask',
  'placeBid',
  'acceptBid',
  'fundOrder',
  'submitDeliverable',
  'acceptDelivery',
] as const;
type StepName = (typeof STEPS)[number];

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

// ------------------------------------------------------------------ the API as a child process

function startOrderApi(databaseUrl: string): Promise<ApiProcess> {
  return startApi({
    databaseUrl,
    // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API for a run.
    nodeArgs: (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
    env: {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_ATTEMPTS_PER_MINUTE: '10000',
      // LOG_LEVEL=debug shows each operation with its SQL statement count (BENCH_API_LOG keeps the lines).
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      LOG_FORMAT: 'json',
    },
    onStdout: (chunk) => {
      if (process.env.BENCH_API_LOG) appendFileSync(process.env.BENCH_API_LOG, chunk);
    },
  });
}

// ------------------------------------------------------------------ GraphQL over HTTP

let apiUrl = '';

function gql<T = any>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  return gqlAt<T>(apiUrl, query, variables, token);
}

interface Account {
  token: string;
  profileId: string;
}

async function signUp(role: 'MERCHANT' | 'CREATOR', index: number): Promise<Account> {
  const tag = `${role.toLowerCase()}${index}${randomBytes(3).toString('hex')}`;
  const data = await gql(SIGN_UP, {
    input: signUpInput(role, {
      email: `${tag}@bench.vtask.test`,
      password: 'bench-password-123',
      displayName: tag,
      shopName: `Bench shop ${index}`,
      handle: `b_${tag}`.slice(0, 30),
    }),
  });
  const user = data.signUp.user;
  return { token: data.signUp.token, profileId: (user.merchant ?? user.creator).id };
}

// ------------------------------------------------------------------ one flow

async function flow(
  merchant: Account,
  creator: Account,
  timings: Map<StepName, number[]> | null,
): Promise<void> {
  const timed = async <T>(step: StepName, call: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await call();
    timings?.get(step)!.push(performance.now() - started);
    return result;
  };
  const task = await timed('postTask', () =>
    gql(POST_TASK, { input: taskInput('Bench task', '399.00') }, merchant.token),
  );
  const bid = await timed('placeBid', () =>
    gql(
      `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
      {
        input: {
          taskId: task.postTask.id,
          price: { amount: '399.00', currencyCode: 'CNY' },
          pitch: 'I film this every week.',
        },
      },
      creator.token,
    ),
  );
  const order = await timed('acceptBid', () =>
    gql(`mutation($id: ID!) { acceptBid(bidId: $id) { id } }`, { id: bid.placeBid.id }, merchant.token),
  );
  const orderId: string = order.acceptBid.id;
  const funded = await timed('fundOrder', () =>
    gql(
      `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status } }`,
      { id: orderId, key: `fund-${orderId}` },
      merchant.token,
    ),
  );
  if (funded.fundOrder.status !== 'SUCCEEDED')
    throw new Error(`funding ${orderId}: ${funded.fundOrder.status}`);
  await timed('submitDeliverable', () =>
    gql(
      `mutation($input: SubmitDeliverableInput!) { submitDeliverable(input: $input) { id } }`,
      {
        input: {
          orderId,
          title: 'The video',
          body: 'Posted.',
          mediaUrls: ['https://cdn.example.com/bench.mp4'],
        },
      },
      creator.token,
    ),
  );
  const accepted = await timed('acceptDelivery', () =>
    gql(
      `mutation($id: ID!, $key: String!) { acceptDelivery(orderId: $id, rating: 5, idempotencyKey: $key) { status } }`,
      { id: orderId, key: `accept-${orderId}` },
      merchant.token,
    ),
  );
  if (accepted.acceptDelivery.status !== 'COMPLETED')
    throw new Error(`accepting ${orderId}: ${accepted.acceptDelivery.status}`);
}

/** Runs `count` flows, `concurrency` at a time; worker w always uses pair w (no self-contention). */
async function runFlows(
  count: number,
  pairs: [Account, Account][],
  timings: Map<StepName, number[]> | null,
  flowTimes: number[] | null,
): Promise<void> {
  let next = 0;
  await Promise.all(
    pairs.map(async ([merchant, creator]) => {
      while (next < count) {
        next += 1;
        const started = performance.now();
        await flow(merchant, creator, timings);
        flowTimes?.push(performance.now() - started);
      }
    }),
  );
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  // A throw-away database: fsync off, as EMBEDDED_PG_FSYNC=off (production keeps it on).
  const database = await createBenchDatabase({
    prefix: 'vtask_bench_orders',
    dataParent: { tempPrefix: 'vtask-bench-' },
    embedded: { fsync: false },
    log,
  });
  const databaseUrl = database.url;
  let api: ApiProcess | null = null;
  try {
    log(`starting the API on ${database.name} (it applies the migrations)`);
    api = await startOrderApi(databaseUrl);
    apiUrl = api.url;
    const admin = (
      await gql(LOG_IN, {
        e: ADMIN.email,
        p: ADMIN.password,
      })
    ).logIn.token as string;
    const pairs: [Account, Account][] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
      const [merchant, creator] = await Promise.all([signUp('MERCHANT', i), signUp('CREATOR', i)]);
      await gql(
        `mutation($id: ID!) { setCreatorTier(creatorId: $id, tier: EXPERT, reason: "bench") { id } }`,
        { id: creator.profileId },
        admin,
      );
      pairs.push([merchant, creator]);
    }
    log(`${CONCURRENCY} merchant/creator pairs; ${WARMUP} warm-up flows`);
    await runFlows(WARMUP, pairs, null, null);

    log(`${FLOWS} timed flows, ${CONCURRENCY} at a time`);
    const timings = new Map<StepName, number[]>(STEPS.map((step) => [step, []]));
    const flowTimes: number[] = [];
    const started = performance.now();
    await runFlows(FLOWS, pairs, timings, flowTimes);
    const seconds = (performance.now() - started) / 1000;

    // The books after the run: every order completed once, every transaction and the ledger balanced.
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const [check] = (
      await client.query(
        `SELECT (SELECT count(*) FROM orders)::int AS orders,
                (SELECT count(*) FROM orders WHERE status = 'COMPLETED')::int AS completed,
                (SELECT count(*) FROM ledger_transactions WHERE kind = 'RELEASE')::int AS releases,
                (SELECT coalesce(sum(amount_minor), 0) FROM ledger_entries)::text AS ledger_sum,
                (SELECT count(*) FROM ledger_balances b WHERE b.balance_minor <> (SELECT coalesce(sum(e.amount_minor), 0)
                   FROM ledger_entries e WHERE e.account = b.account AND e.currency = b.currency))::int AS drifted,
                (SELECT count(*) FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING sum(amount_minor) <> 0) u)::int AS unbalanced,
                (SELECT count(*) FROM ledger_balances WHERE balance_minor < 0)::int AS negative`,
      )
    ).rows;
    await client.end();

    const total = WARMUP + FLOWS;
    console.log('');
    console.log(
      `order flows: ${FLOWS} in ${seconds.toFixed(2)} s with ${CONCURRENCY} in flight = ${(FLOWS / seconds).toFixed(1)} flows/s (${((FLOWS * STEPS.length) / seconds).toFixed(0)} mutations/s)`,
    );
    console.log('');
    console.log(latencyHeader('step (ms)'));
    for (const step of STEPS) console.log(latencyRow(step, timings.get(step)!));
    console.log(latencyRow('whole flow', flowTimes));
    console.log('');
    const healthy =
      check.orders === total &&
      check.completed === total &&
      check.releases === total &&
      check.ledger_sum === '0' &&
      check.unbalanced === 0 &&
      check.drifted === 0 &&
      check.negative === 0;
    console.log(
      `ledger check: ${check.completed}/${check.orders} orders completed, ${check.releases} releases, sum of entries ${check.ledger_sum}, ` +
        `${check.unbalanced} unbalanced transactions, ${check.drifted} balances unlike their entries, ${check.negative} negative wallets: ${healthy ? 'OK' : 'FAILED'}`,
    );
    if (!healthy) process.exitCode = 1;
  } finally {
    if (api) await stopApi(api);
    await finishBenchDatabase(database, { keep: process.env.BENCH_KEEP === '1', log });
  }
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error);
  process.exit(1);
});
