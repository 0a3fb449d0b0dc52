/**
 * Scale-out, proven on one machine: three built V-Task APIs on one PostgreSQL behind Debian's nginx,
 * configured from docker/nginx.conf (the compose file's `scale` profile), then checked through nginx:
 *
 * - a sign-in made on one replica is honoured by the others (one JWT secret);
 * - a subscription opened through nginx receives an event caused by a mutation another replica served
 *   (PostgreSQL LISTEN/NOTIFY);
 * - a timer (the order funding deadline, shortened by ORDER_FUNDING_WINDOW_S) fires exactly once
 *   although every replica runs the timer workers (pg-boss);
 * - `{ __typename }` and the anonymous feed measured with autocannon through nginx and on one replica
 *   directly, and the figures printed.
 *
 *   npm run bench:scale-out
 *
 * nginx must be installed (`apt-get install -y nginx-light`); NGINX names another binary.
 * DATABASE_URL or TEST_DATABASE_URL: a PostgreSQL server to create a fresh database on (default: an
 * embedded one in a temporary directory). BENCH_REPLICAS (3), BENCH_SECONDS (10) per measurement,
 * BENCH_CONNECTIONS (32), BENCH_FUNDING_WINDOW_S (4), BENCH_POOL_SIZE (10 per replica), BENCH_KEEP=1
 * keeps the database. Exits non-zero when a check fails.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import WebSocket from 'ws';
import { freePort } from '../libs/database/src/embedded-postgres';
import { startApi, stopProcess, type ApiProcess } from './support/api-process';
import { createBenchDatabase, finishBenchDatabase } from './support/bench-database';
import { postGraphql } from './support/graphql';
import { LOG_IN, POST_TASK, SIGN_UP, signUpInput, taskInput } from './support/marketplace';

const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const FUNDING_WINDOW_S = Number(process.env.BENCH_FUNDING_WINDOW_S ?? 4);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 10);
/** The compose profile's proxy configuration: the bench runs the same file (dist/bench -> docker/). */
const NGINX_CONF = join(__dirname, '../../docker/nginx.conf');
const ADMIN = { email: 'bench-admin@vtask.test', password: 'bench-admin-password' };
const JWT_SECRET = randomBytes(32).toString('hex');

const FEED = `query Feed { tasks(first: 20, filter: { status: OPEN }) { totalCount nodes { id title budget { amount currencyCode } applyBy minTier bidCount merchant { shopName } domainTags { slug name } } } }`;

function log(line: string): void {
  console.log(`[scale-out] ${line}`);
}

const failures: string[] = [];
function check(ok: boolean, what: string): void {
  log(`${ok ? 'OK  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

// ------------------------------------------------------------------ processes

/** Debian's nginx, or NGINX; null when there is none. */
function findNginx(): string | null {
  if (process.env.NGINX) return existsSync(process.env.NGINX) ? process.env.NGINX : null;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    if (dir && existsSync(join(dir, 'nginx'))) return join(dir, 'nginx');
  }
  return null;
}

function startReplica(databaseUrl: string): Promise<ApiProcess> {
  return startApi({
    databaseUrl,
    name: 'an API',
    env: {
      // One secret for all: a token signed by one replica is good on every other.
      JWT_SECRET,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ORDER_FUNDING_WINDOW_S: String(FUNDING_WINDOW_S),
      // nginx on this machine names the client in X-Forwarded-For.
      TRUST_PROXY: 'loopback',
      LOGIN_ATTEMPTS_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
    },
  });
}

async function untilHealthy(url: string, what: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const ok = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`${what} did not answer /health with 200 in 30 s`);
}

/**
 * docker/nginx.conf made runnable by an unprivileged, throw-away nginx: the replicas by address instead
 * of Docker's DNS, a port of its own, files in `dir`, and a header naming the replica that answered.
 */
function nginxConfig(dir: string, port: number, replicas: string[]): string {
  const source = readFileSync(NGINX_CONF, 'utf8');
  const marked = (pattern: RegExp, replacement: string, text: string): string => {
    if (!pattern.test(text)) throw new Error(`docker/nginx.conf no longer has ${pattern}: update the bench`);
    return text.replace(pattern, replacement);
  };
  let conf = source;
  conf = marked(/^.*# bench: removed\n/m, '', conf);
  conf = marked(
    /^(\s*)server \S+ resolve; # bench: the replicas$/m,
    replicas.map((replica) => `$1server ${new URL(replica).host};`).join('\n'),
    conf,
  );
  conf = marked(/^(\s*)listen \d+; # bench: the port$/m, `$1listen 127.0.0.1:${port};`, conf);
  conf = marked(
    /^(\s*)(proxy_pass .*;) # bench: .*$/m,
    '$1$2\n$1add_header X-Upstream $upstream_addr always;',
    conf,
  );
  conf = marked(
    /^http \{$/m,
    [
      'http {',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${join(dir, `${kind}_temp`)};`,
      ),
    ].join('\n'),
    conf,
  );
  return [`pid ${join(dir, 'nginx.pid')};`, 'error_log stderr warn;', conf].join('\n');
}

async function startNginx(
  binary: string,
  dir: string,
  port: number,
  replicas: string[],
): Promise<ChildProcess> {
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, nginxConfig(dir, port, replicas));
  const test = spawnSync(binary, ['-t', '-q', '-e', 'stderr', '-p', dir, '-c', file], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx refuses the generated ${file}:\n${test.stderr}`);
  const child = spawn(binary, ['-e', 'stderr', '-p', dir, '-c', file, '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await untilHealthy(`http://127.0.0.1:${port}`, 'nginx');
  return child;
}

// ------------------------------------------------------------------ GraphQL over HTTP

interface Answer<T> {
  data: T;
  /** The replica that answered (nginx's X-Upstream), or the direct URL. */
  servedBy: string;
}

async function gql<T = any>(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Answer<T>> {
  const { status, headers, body } = await postGraphql<T>(base, query, variables, token);
  if (body.errors?.length || !body.data) {
    throw new Error(`GraphQL ${status} at ${base}: ${JSON.stringify(body.errors ?? body)}`);
  }
  return { data: body.data, servedBy: headers.get('x-upstream') ?? new URL(base).host };
}

async function signUp(
  base: string,
  role: 'MERCHANT' | 'CREATOR',
): Promise<{ token: string; userId: string; profileId: string }> {
  const tag = `${role.toLowerCase()}${randomBytes(4).toString('hex')}`;
  const { data } = await gql(base, SIGN_UP, {
    input: signUpInput(role, {
      email: `${tag}@bench.vtask.test`,
      password: 'bench-password-123',
      displayName: tag,
      shopName: 'Scale-out shop',
      handle: `s_${tag}`,
    }),
  });
  const user = data.signUp.user;
  return { token: data.signUp.token, userId: user.id, profileId: (user.merchant ?? user.creator).id };
}

// ------------------------------------------------------------------ a graphql-ws subscriber

/**
 * A minimal graphql-ws (graphql-transport-ws) client on `ws`, so the bench sees the upgrade answer's
 * X-Upstream header: which replica holds the subscription.
 */
class Subscriber {
  readonly events: Record<string, any>[] = [];
  servedBy = '';
  private constructor(private readonly socket: WebSocket) {}

  static async open(base: string, token: string, query: string): Promise<Subscriber> {
    const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const subscriber = new Subscriber(socket);
    socket.on('upgrade', (response) => {
      subscriber.servedBy = String(response.headers['x-upstream'] ?? '');
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.on('message', (raw: Buffer) => {
        const message = JSON.parse(raw.toString()) as { type: string; payload?: any };
        if (message.type === 'connection_ack') {
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
          resolve();
        } else if (message.type === 'next') {
          subscriber.events.push(message.payload.data);
        } else if (message.type === 'ping') {
          socket.send(JSON.stringify({ type: 'pong' }));
        } else if (message.type === 'error') {
          reject(new Error(`subscription refused: ${JSON.stringify(message.payload)}`));
        }
      });
      socket.once('open', () =>
        socket.send(
          JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
        ),
      );
    });
    return subscriber;
  }

  close(): void {
    this.socket.close();
  }
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// ------------------------------------------------------------------ the checks

async function checkSignInEverywhere(
  proxy: string,
  apis: ApiProcess[],
  accounts: { token: string; userId: string },
): Promise<void> {
  const ME = `{ me { id } }`;
  // Signed in on the first replica directly; asked of every other one directly and through nginx.
  const { data } = await gql(apis[0].url, LOG_IN, {
    e: ADMIN.email,
    p: ADMIN.password,
  });
  const token: string = data.logIn.token;
  for (const api of apis.slice(1)) {
    const me = await gql(api.url, ME, {}, token);
    check(
      Boolean(me.data.me?.id),
      `a sign-in on ${new URL(apis[0].url).host} is honoured by ${new URL(api.url).host}`,
    );
  }
  const seen = new Set<string>();
  for (let i = 0; i < 12 * apis.length && seen.size < apis.length; i++) {
    const me = await gql(proxy, ME, {}, accounts.token);
    if (me.data.me?.id !== accounts.userId)
      throw new Error(`me through nginx answered ${JSON.stringify(me.data)}`);
    seen.add(me.servedBy);
  }
  check(
    seen.size === apis.length,
    `one token through nginx was honoured by ${seen.size} of ${apis.length} replicas (${[...seen].join(', ')})`,
  );
}

async function checkSubscriptionAcrossReplicas(
  proxy: string,
  databaseUrl: string,
  merchant: { token: string; userId: string },
  creatorToken: string,
  taskIds: string[],
): Promise<{ subscriber: Subscriber; bidIds: string[] }> {
  const subscriber = await Subscriber.open(
    proxy,
    merchant.token,
    `subscription { notificationAdded { id type task { id } order { id } } }`,
  );
  log(`merchant's notificationAdded subscription is held by ${subscriber.servedBy || 'an unnamed replica'}`);
  // The server does not acknowledge a subscription: a canary notification, stored by SQL like any other
  // row (the database trigger announces it), shows when it is live.
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await eventually('the subscription to be live', async () => {
    await db.query(
      `INSERT INTO notifications (user_id, type, message) VALUES ($1, 'BENCH_CANARY', 'canary')`,
      [merchant.userId],
    );
    await sleep(200);
    return subscriber.events.some((event) => event.notificationAdded?.type === 'BENCH_CANARY');
  });
  await db.end();

  // Bids until one is served by another replica than the subscriber's; each tells the merchant.
  const bidIds: string[] = [];
  let crossed = false;
  for (const taskId of taskIds) {
    const started = performance.now();
    const bid = await gql(
      proxy,
      `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
      {
        input: { taskId, price: { amount: '399.00', currencyCode: 'CNY' }, pitch: 'I film this every week.' },
      },
      creatorToken,
    );
    bidIds.push(bid.data.placeBid.id);
    await eventually(`BID_RECEIVED for task ${taskId}`, async () =>
      subscriber.events.some(
        (event) =>
          event.notificationAdded?.type === 'BID_RECEIVED' && event.notificationAdded.task?.id === taskId,
      ),
    );
    const ms = performance.now() - started;
    if (!crossed && bid.servedBy !== subscriber.servedBy) {
      crossed = true;
      check(
        Boolean(subscriber.servedBy),
        `a subscription on ${subscriber.servedBy} received BID_RECEIVED for a bid served by ${bid.servedBy} (${ms.toFixed(0)} ms from the mutation)`,
      );
    }
  }
  if (!crossed)
    check(
      false,
      `every bid went to the subscriber's replica ${subscriber.servedBy}: nothing crossed replicas`,
    );
  return { subscriber, bidIds };
}

async function checkTimerFiresOnce(
  proxy: string,
  databaseUrl: string,
  merchantToken: string,
  subscriber: Subscriber,
  bidIds: string[],
): Promise<void> {
  const orderIds: string[] = [];
  const servedBy = new Set<string>();
  for (const bidId of bidIds) {
    const accepted = await gql(
      proxy,
      `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
      { id: bidId },
      merchantToken,
    );
    orderIds.push(accepted.data.acceptBid.id);
    servedBy.add(accepted.servedBy);
  }
  log(
    `${orderIds.length} orders await funding (accepted through ${[...servedBy].join(', ')}); their ${FUNDING_WINDOW_S} s funding timers run on whichever replica takes them`,
  );
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await eventually(
      'every funding timer to cancel its order',
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM orders WHERE id = ANY($1) AND status = 'CANCELLED'`,
          [orderIds],
        );
        return rows[0].n === orderIds.length;
      },
      (FUNDING_WINDOW_S + 60) * 1000,
    );
    // Time for a second firing, if there were to be one (every replica polls for due timers).
    await sleep((FUNDING_WINDOW_S + 3) * 1000);
    const { rows } = await db.query(
      `SELECT o.id,
              (SELECT count(*)::int FROM order_events e WHERE e.order_id = o.id AND e.type = 'FUNDING_EXPIRED') AS events,
              (SELECT count(*)::int FROM notifications n WHERE n.order_id = o.id AND n.type = 'FUNDING_EXPIRED') AS notices,
              (SELECT count(*)::int FROM pgboss.job j WHERE j.name = 'orders.funding-expiry' AND j.singleton_key = o.id::text) AS jobs,
              (SELECT count(*)::int FROM pgboss.job j WHERE j.name = 'orders.funding-expiry' AND j.singleton_key = o.id::text AND j.state = 'completed') AS completed
         FROM orders o WHERE o.id = ANY($1)`,
      [orderIds],
    );
    const once = rows.every(
      (row) => row.events === 1 && row.notices === 2 && row.jobs === 1 && row.completed === 1,
    );
    check(
      once,
      `each of ${rows.length} funding timers fired exactly once across ${REPLICAS} replicas: ` +
        rows
          .map((row) => `${row.events} event/${row.notices} notices/${row.completed} of ${row.jobs} jobs`)
          .join('; '),
    );
    const pushed = subscriber.events.filter((event) => event.notificationAdded?.type === 'FUNDING_EXPIRED');
    const perOrder = orderIds.map(
      (id) => pushed.filter((event) => event.notificationAdded.order?.id === id).length,
    );
    check(
      perOrder.every((count) => count === 1),
      `the merchant's subscription heard each expiry exactly once (${perOrder.join(', ')})`,
    );
  } finally {
    await db.end();
  }
}

// ------------------------------------------------------------------ load

interface Figure {
  scenario: string;
  target: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(scenario: string, target: string, url: string, query: string): Promise<Figure> {
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  const figure = {
    scenario,
    target,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
  log(
    `${scenario} via ${target}: ${figure.rps.toFixed(0)} requests/s, p99 ${figure.p99} ms, ${figure.errors} errors`,
  );
  return figure;
}

function printFigures(figures: Figure[]): void {
  console.log('');
  console.log(
    `| scenario (${CONNECTIONS} connections, ${SECONDS} s) | via | requests/s | p50 ms | p99 ms | errors | ratio to one replica |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const figure of figures) {
    const direct = figures.find(
      (other) => other.scenario === figure.scenario && other.target.startsWith('one replica'),
    );
    const ratio = direct ? (figure.rps / direct.rps).toFixed(2) : '-';
    console.log(
      `| ${figure.scenario} | ${figure.target} | ${figure.rps.toFixed(0)} | ${figure.p50} | ${figure.p99} | ${figure.errors} | ${ratio} |`,
    );
  }
  console.log('');
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const nginx = findNginx();
  if (!nginx) {
    if (process.env.NGINX) console.error(`[scale-out] NGINX=${process.env.NGINX} does not exist.`);
    console.error(
      '[scale-out] nginx is not installed. On Debian or Ubuntu: `sudo apt-get install -y nginx-light` ' +
        '(or `nginx`); elsewhere install nginx from your package manager, or set NGINX=/path/to/nginx.',
    );
    process.exit(2);
  }
  const tempDir = mkdtempSync(join(tmpdir(), 'vtask-scale-out-'));
  // As root, PostgreSQL runs as `postgres` and nginx's workers as `nobody`: both must enter the directory.
  chmodSync(tempDir, 0o755);
  const database = await createBenchDatabase({
    prefix: 'vtask_bench_scale',
    dataParent: { dir: tempDir },
    log,
  });
  const databaseUrl = database.url;
  const apis: ApiProcess[] = [];
  let proxyProcess: ChildProcess | null = null;
  let subscriber: Subscriber | null = null;
  try {
    // All at once on a fresh database, as an orchestrator starts replicas: migrations run under an
    // advisory lock (libs/database/src/migration-lock.ts), so one process applies them and the others
    // wait and find nothing pending.
    log(`starting ${REPLICAS} replicas at once on ${database.name}`);
    const started = await Promise.allSettled(
      Array.from({ length: REPLICAS }, () => startReplica(databaseUrl)),
    );
    for (const result of started) if (result.status === 'fulfilled') apis.push(result.value);
    const refused = started.find((result) => result.status === 'rejected');
    if (refused) throw refused.reason;
    await Promise.all(apis.map((api, index) => untilHealthy(api.url, `replica ${index + 1}`)));
    const migrationRuns = new Client({ connectionString: databaseUrl });
    await migrationRuns.connect();
    const { rows } = await migrationRuns.query(
      `SELECT count(*)::int AS runs, count(DISTINCT name)::int AS names FROM migrations`,
    );
    await migrationRuns.end();
    check(
      rows[0].runs === rows[0].names,
      `${REPLICAS} replicas started at once applied each of ${rows[0].names} migrations once (${rows[0].runs} recorded)`,
    );
    log(`replicas at ${apis.map((api) => api.url).join(', ')}`);

    const nginxDir = join(tempDir, 'nginx');
    mkdirSync(nginxDir);
    chmodSync(nginxDir, 0o755);
    const proxyPort = await freePort();
    proxyProcess = await startNginx(
      nginx,
      nginxDir,
      proxyPort,
      apis.map((api) => api.url),
    );
    const proxy = `http://127.0.0.1:${proxyPort}`;
    log(`nginx (${nginx}) at ${proxy}, configured from docker/nginx.conf`);

    // Parties, through nginx: a merchant with tasks open for bids and a creator of a tier that may bid.
    const [merchant, creator] = await Promise.all([signUp(proxy, 'MERCHANT'), signUp(proxy, 'CREATOR')]);
    const admin = (
      await gql(proxy, LOG_IN, {
        e: ADMIN.email,
        p: ADMIN.password,
      })
    ).data.logIn.token as string;
    await gql(
      proxy,
      `mutation($id: ID!) { setCreatorTier(creatorId: $id, tier: EXPERT, reason: "bench") { id } }`,
      { id: creator.profileId },
      admin,
    );
    const taskIds: string[] = [];
    for (let i = 0; i < 2 * REPLICAS; i++) {
      const posted = await gql(
        proxy,
        POST_TASK,
        { input: taskInput(`Scale-out task ${i + 1}`, '399.00') },
        merchant.token,
      );
      taskIds.push(posted.data.postTask.id);
    }

    await checkSignInEverywhere(proxy, apis, merchant);
    const subscribed = await checkSubscriptionAcrossReplicas(
      proxy,
      databaseUrl,
      merchant,
      creator.token,
      taskIds,
    );
    subscriber = subscribed.subscriber;
    await checkTimerFiresOnce(
      proxy,
      databaseUrl,
      merchant.token,
      subscriber,
      subscribed.bidIds.slice(0, REPLICAS),
    );
    subscriber.close();
    subscriber = null;

    const figures: Figure[] = [];
    for (const [scenario, query] of [
      ['{ __typename }', '{ __typename }'],
      ['anonymous feed', FEED],
    ] as const) {
      // Unmeasured first, through nginx so every replica is warm (JIT, caches, pools) before either figure.
      await autocannon({
        url: `${proxy}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
        connections: CONNECTIONS,
        duration: Math.min(3, SECONDS),
      });
      figures.push(await measure(scenario, 'one replica directly', apis[0].url, query));
      figures.push(await measure(scenario, `nginx, ${REPLICAS} replicas`, proxy, query));
    }
    printFigures(figures);
    for (const figure of figures)
      check(figure.errors === 0, `${figure.scenario} via ${figure.target}: no errors`);
  } finally {
    subscriber?.close();
    if (proxyProcess) await stopProcess(proxyProcess, 'SIGQUIT');
    await Promise.all(apis.map((api) => stopProcess(api.child)));
    await finishBenchDatabase(database, { keep: process.env.BENCH_KEEP === '1', log });
    rmSync(tempDir, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`[scale-out] ${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    log('every check passed');
  }
}

main().catch((error: unknown) => {
  console.error('[scale-out] failed:', error);
  process.exit(1);
});
