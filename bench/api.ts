/**
 * The API at festival scale (issue 12): one command that seeds (or reuses) a benchmark database, starts
 * a bare NestJS + Apollo server of the same versions as the floor, then the built API, and measures every
 * scenario with autocannon at 32 connections. Prints a table and writes it as JSON under bench/results/.
 *
 * The built API runs three times on the same database: once with EXPOSE_QUERY_STATS=on to sign users in
 * and count each request's SQL statements (one request at a time: counting costs throughput), then as in
 * production for the timed scenarios (its start time and final RSS are the ones reported), then with
 * PUBLIC_CACHE=off for the feeds.
 *
 * The ratios are to the project's `{ __typename }` through its whole GraphQL pipeline (FLOOR: a request
 * the public cache does not answer); `{ __typename }, from the public cache` shows what a cache hit costs.
 *
 *   npm run bench:api
 *
 * BENCH_SCALE      festival (default), directory (its 100k creators, a tenth of the rest) or small (a CI
 *                  smoke run).
 * BENCH_DATABASE   pg15 (default): the machine's PostgreSQL, database vtask_bench_<scale> (or
 *                  BENCH_DATABASE_NAME), seeded once and reused (BENCH_PG15_URL names the server, default
 *                  postgres://postgres@127.0.0.1:5432/postgres);
 *                  embedded: a fresh embedded PostgreSQL in a temporary directory, seeded for this run.
 * BENCH_SECONDS    per scenario (default 10), after BENCH_WARMUP_SECONDS (default 2) of the same load.
 * BENCH_ONLY       a regular expression: only the scenarios whose names match it run (the { __typename }
 *                  floors always do), for working on one part; the figures that count come from a whole run.
 *
 * It is a benchmark, not a test: it exits non-zero only when a scenario had errors (a broken API), never
 * because a figure is slow; the goals of issue 12 are printed beside the figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Client } from 'pg';
import {
  freePort,
  startEmbeddedPostgres,
  withDatabase,
  type EmbeddedServer,
} from '../libs/database/src/embedded-postgres';
import { BENCH_PASSWORD, isBenchScale, type BenchScale } from './seed';
import { prepareBenchDatabase } from './seed/cli';
import { gql } from './support/graphql';

const CONNECTIONS = 32;
const SECONDS = positiveInteger('BENCH_SECONDS', 10);
const WARMUP_SECONDS = positiveInteger('BENCH_WARMUP_SECONDS', 2, 0);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
/** Whether a scenario runs in this bench: all of them, or those BENCH_ONLY names (the floors always). */
const selected = (scenario: readonly unknown[]) =>
  !ONLY || scenario[0] === '{ __typename }' || ONLY.test(String(scenario[0]));
/** Signed-in scenarios spread over at least this many users, so no per-user bound or cache shapes them. */
const USERS = 40;
/** List scenarios walk at least this many different pages, tags or searches. */
const VARIANTS = 60;
const API_MAIN = join(__dirname, '../apps/api/src/main.js');
const BARE_MAIN = join(__dirname, 'bare-server.js');
const RESULTS_DIR = join(__dirname, '../../bench/results');
const PG15_ADMIN_URL = process.env.BENCH_PG15_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_EMAILS = '%@bench.vtask.test';

const log = (line: string) => console.log(`[bench:api] ${line}`);

function positiveInteger(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number >= ${min}`);
  return value;
}

// ------------------------------------------------------------------ the queries

const TYPENAME = `{ __typename }`;
/** A phone's browser: known bots are redirected but not counted, and the bench must count every click. */
const SHOPPER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

const FEED_NODE = /* GraphQL */ `
  totalCount
  nodes {
    id
    title
    budget { amount currencyCode }
    applyBy
    minTier
    bidCount
    merchant { shopName }
    domainTags { slug name }
  }
`;
const FEED = `query Feed($after: String) {
  tasks(first: 20, after: $after, filter: { status: OPEN }) { ${FEED_NODE} }
}`;
const FEED_BY_TAG = `query FeedByTag($tag: ID!, $after: String) {
  tasks(first: 20, after: $after, filter: { status: OPEN, domainTags: [$tag] }) { ${FEED_NODE} }
}`;
const FEED_SEARCH = `query FeedSearch($search: String!) {
  tasks(first: 20, filter: { status: OPEN, search: $search }) { ${FEED_NODE} }
}`;
/** Only the cursors, to find the pages the feed scenarios then walk. */
const FEED_CURSORS = `query FeedCursors($after: String, $tag: ID!) {
  tasks(first: 20, after: $after, filter: { status: OPEN, domainTags: [$tag] }) { pageInfo { endCursor hasNextPage } }
}`;
const FEED_CURSORS_ALL = `query FeedCursorsAll($after: String) {
  tasks(first: 20, after: $after, filter: { status: OPEN }) { pageInfo { endCursor hasNextPage } }
}`;
const TASK_PAGE = /* GraphQL */ `
  query TaskPage($id: ID!) {
    task(id: $id) {
      id
      title
      brief
      status
      visibility
      contentType
      channels
      minTier
      slots
      slotsFilled
      maxRevisions
      budget {
        amount
        currencyCode
      }
      applyBy
      deliverBy
      createdAt
      bidCount
      merchant {
        id
        shopName
        averageRating
        industry {
          slug
          name
        }
      }
      domainTags {
        slug
        name
      }
      venue {
        id
      }
      myBid {
        id
      }
    }
  }
`;
const CREATORS = /* GraphQL */ `
  query CreatorDirectory($tags: [ID!]!) {
    creators(first: 20, filter: { domainTags: $tags, minTier: EXPERT }) {
      totalCount
      nodes {
        id
        handle
        displayName
        tier
        followerCount
        isBigV
        domainTags {
          slug
          name
        }
        channels
      }
    }
  }
`;
/** The console's creator square (找达人, issue 16): its card, in the default RELEVANCE order unless asked. */
const CREATOR_SQUARE = /* GraphQL */ `
  query CreatorSquare($filter: CreatorFilter, $orderBy: CreatorOrder) {
    creators(first: 20, filter: $filter, orderBy: $orderBy) {
      totalCount
      nodes {
        id
        handle
        displayName
        tier
        isBigV
        followerCount
        channels
        domainTags {
          slug
          name
        }
        priceRange {
          typical {
            amount
            currencyCode
          }
        }
        stats {
          completedOrders
          averageRating
        }
      }
      pageInfo {
        totalCountIsExact
        hasNextPage
        endCursor
      }
    }
  }
`;
const RECOMMENDED_TASKS = /* GraphQL */ `
  query RecommendedTasks {
    recommendedTasks(first: 20) {
      score
      reasons
      task {
        id
        title
        budget {
          amount
          currencyCode
        }
        applyBy
        minTier
        domainTags {
          slug
        }
      }
    }
  }
`;
const RECOMMENDED_CREATORS = /* GraphQL */ `
  query RecommendedCreators($taskId: ID!) {
    recommendedCreators(first: 20, taskId: $taskId) {
      score
      reasons
      creator {
        id
        handle
        displayName
        tier
        followerCount
      }
    }
  }
`;
const MY_ORDERS = /* GraphQL */ `
  query MyOrders {
    myOrders(first: 20) {
      totalCount
      nodes {
        id
        status
        source
        createdAt
        price {
          amount
          currencyCode
        }
        task {
          id
          title
        }
        creator {
          id
          displayName
        }
      }
    }
  }
`;
const NOTIFICATIONS = /* GraphQL */ `
  query UnreadNotifications {
    notifications(first: 20, unreadOnly: true) {
      totalCount
      nodes {
        id
        type
        message
        read
        createdAt
      }
    }
  }
`;
const LOG_IN = `mutation LogIn($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }`;

// ------------------------------------------------------------------ the database

interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * The seeded database: PostgreSQL 15's vtask_bench_<scale> (seeded once, then reused), or one in a fresh
 * embedded PostgreSQL. Created, migrated and seeded by the seeder's own preparation (bench/seed/cli.ts),
 * so migrations are applied before the API starts and stay out of its measured start time.
 */
async function prepareDatabase(scale: BenchScale, mode: 'pg15' | 'embedded'): Promise<BenchDatabase> {
  let adminUrl = PG15_ADMIN_URL;
  let stop = async () => undefined;
  if (mode === 'embedded') {
    const parent = mkdtempSync(join(tmpdir(), 'vtask-bench-api-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
    chmodSync(parent, 0o755);
    log(`starting an embedded PostgreSQL in ${parent}`);
    // fsync on, as `npm start` runs it: the figures are those of the database users keep their money in.
    const server: EmbeddedServer = await startEmbeddedPostgres({
      dataDir: join(parent, 'postgres'),
      port: 0,
      fsync: true,
    });
    adminUrl = server.adminUrl;
    stop = async () => {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    };
  }
  try {
    // A name of one's own, so two people benching on one server do not share (or drop) a database.
    const name = process.env.BENCH_DATABASE_NAME || `vtask_bench_${scale}`;
    const url = await prepareBenchDatabase(scale, withDatabase(adminUrl, name), log);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function sql<T extends Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------ the servers

/** A server process under test: how long it took to answer, and how much memory it holds. */
class ServerProcess {
  private readonly output: string[] = [];
  /** Slow-query warnings the API logged, by the scenario running when they came. */
  readonly slowQueries = new Map<string, number>();
  scenario = 'start';
  private exited: Promise<void>;

  private constructor(
    readonly label: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const record = (chunk: Buffer) => {
      const text = chunk.toString();
      this.output.push(text);
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
      const slow = text.match(/slow query/g)?.length ?? 0;
      if (slow) this.slowQueries.set(this.scenario, (this.slowQueries.get(this.scenario) ?? 0) + slow);
    };
    child.stdout!.on('data', record);
    child.stderr!.on('data', record);
  }

  /**
   * Spawns `main` on a free port and polls `ready` every 10 ms: the start time runs from the spawn to
   * the first good answer, as an orchestrator's readiness probe would see it.
   */
  static async start(
    label: string,
    main: string,
    env: Record<string, string>,
    ready: (url: string) => Promise<boolean>,
  ): Promise<{ server: ServerProcess; startMs: number }> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const started = performance.now();
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(label, url, child);
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${label} exited with ${child.exitCode}:\n${server.logs()}`);
      if (await ready(url).catch(() => false)) break;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${label} did not answer in 300 s:\n${server.logs()}`);
      }
      await sleep(10);
    }
    return { server, startMs: performance.now() - started };
  }

  logs(): string {
    return this.output.join('');
  }

  /** Resident memory (VmRSS) in MB, from /proc. */
  rssMb(): number | null {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(killer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answersTypename(url: string): Promise<boolean> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: TYPENAME }),
  });
  return response.status === 200;
}

async function healthy(url: string): Promise<boolean> {
  return (await fetch(`${url}/health`)).status === 200;
}

/** One signing key for every API process of the run, so the users signed in once stay signed in. */
const JWT_SECRET = randomBytes(32).toString('hex');

function apiEnv(
  databaseUrl: string,
  options: { publicCache: 'on' | 'off'; exposeQueryStats: 'on' | 'off' },
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'text',
    EXPOSE_QUERY_STATS: options.exposeQueryStats,
    PUBLIC_CACHE: options.publicCache,
    // Production refuses the sandbox payment provider unless allowed; the bench moves no money.
    ALLOW_SANDBOX_PAYMENTS: 'true',
    // Limits the bench must raise, by their settings: every sign-in comes from this one address.
    LOGIN_ATTEMPTS_PER_MINUTE: '100000',
    // Signed-in load is spread over many users, but a scale with fewer users than connections (small has
    // 20 merchants) would otherwise meet the per-user bound on expensive operations (issue 13).
    EXPENSIVE_OPERATIONS_PER_USER: String(CONNECTIONS),
  };
}

// ------------------------------------------------------------------ the workload

/** One request body (and the user it is sent as); a scenario sends its variants round-robin. */
interface Variant {
  body: string;
  token?: string;
  /** Headers of its own (the floor's cookie). */
  headers?: Record<string, string>;
  /** A plain GET of this path (a tracking link) instead of a GraphQL POST. */
  get?: string;
}

const variant = (query: string, variables: Record<string, unknown> = {}, token?: string): Variant => ({
  body: JSON.stringify({ query, variables }),
  token,
});

/**
 * The project's floor: `{ __typename }` through the whole GraphQL pipeline. Anonymous, it would be
 * answered by the public cache ahead of Apollo (as every repeated anonymous read is), which would make
 * the floor the cache's speed rather than the framework's; a cookie (which the API otherwise ignores)
 * makes the request non-public, without the token check a signed-in request adds.
 */
const FLOOR: Variant = { ...variant(TYPENAME), headers: { cookie: 'bench=floor' } };

interface Workload {
  feedPages: Variant[];
  feedTags: Variant[];
  feedSearches: Variant[];
  taskPages: Variant[];
  creatorDirectory: Variant[];
  /** Merchants on the square in its default order (RELEVANCE): no filter, a tag, a search. */
  creatorSquare: Variant[];
  /** Merchants on the square with the filters of issue 16 (followers, price, rating, offers, ...). */
  creatorSquareFiltered: Variant[];
  recommendedTasks: Variant[];
  recommendedCreators: Variant[];
  myOrders: Variant[];
  notifications: Variant[];
  /** GET /go/<code> of tracking links made for the bench (every click is counted). */
  trackingLinks: Variant[];
  /** Showcases of LIVE venues with published lineups, for a few shoppers. */
  showcases: Variant[];
}

const SHOWCASE = /* GraphQL */ `
  query Showcase($venueId: ID!, $shopper: ShopperContext) {
    showcase(venueId: $venueId, shopper: $shopper, first: 20) {
      position
      title
      contentType
      mediaUrls
      shopName
      link
      reasons
      creator {
        id
        displayName
      }
    }
  }
`;

/** Every id, tag, search word and user the scenarios use, chosen by SQL from the seeded data. */
async function prepareWorkload(databaseUrl: string, apiUrl: string): Promise<Workload> {
  const tags = (
    await sql<{ slug: string }>(databaseUrl, 'SELECT slug FROM domain_tags ORDER BY position')
  ).map((row) => row.slug);

  // Feed pages: the first page and the next ones, through the cursors the API hands out.
  const feedPages: Variant[] = [variant(FEED, { after: null })];
  let after: string | null = null;
  while (feedPages.length < VARIANTS) {
    const data: any = await gql(apiUrl, FEED_CURSORS_ALL, { after });
    if (!data.tasks.pageInfo.hasNextPage) break;
    after = data.tasks.pageInfo.endCursor as string;
    feedPages.push(variant(FEED, { after }));
  }

  // Each tag's first and second page: more answers than tags, as readers page on.
  const feedTags: Variant[] = [];
  for (const tag of tags) {
    feedTags.push(variant(FEED_BY_TAG, { tag, after: null }));
    const data: any = await gql(apiUrl, FEED_CURSORS, { tag, after: null });
    if (data.tasks.pageInfo.hasNextPage) {
      feedTags.push(variant(FEED_BY_TAG, { tag, after: data.tasks.pageInfo.endCursor }));
    }
  }

  // Searches: words of open task titles, from common to rarer, as people type them.
  const words = await sql<{ word: string }>(
    databaseUrl,
    `SELECT word FROM (
       SELECT lower(word) AS word, count(*) AS uses
       FROM (SELECT title FROM tasks WHERE status = 'OPEN' ORDER BY id LIMIT 20000) sample,
            regexp_split_to_table(sample.title, '[^[:alpha:]]+') AS word
       WHERE length(word) >= 4
       GROUP BY lower(word)
     ) counted ORDER BY uses DESC, word LIMIT ${VARIANTS}`,
  );
  const feedSearches = words.map(({ word }) => variant(FEED_SEARCH, { search: word }));

  const taskIds = await sql<{ id: string }>(
    databaseUrl,
    `SELECT id FROM tasks WHERE status = 'OPEN' AND visibility = 'PUBLIC' ORDER BY md5(id::text) LIMIT 100`,
  );
  const taskPages = taskIds.map(({ id }) => variant(TASK_PAGE, { id }));

  // One tag, then two neighbouring ones: about a hundred directory pages.
  const creatorDirectory = [
    ...tags.map((tag) => variant(CREATORS, { tags: [tag] })),
    ...tags.slice(1).map((tag, i) => variant(CREATORS, { tags: [tags[i], tag] })),
  ];

  // Users: those with something to show, each signed in once through the API like any client.
  const creators = await sql<{ email: string }>(
    databaseUrl,
    `SELECT u.email FROM creators c JOIN users u ON u.id = c.user_id
     WHERE u.email LIKE '${BENCH_EMAILS}' ORDER BY u.email LIMIT ${USERS}`,
  );
  const merchantsWithTasks = await sql<{ email: string; task_ids: string[] }>(
    databaseUrl,
    `SELECT u.email, picked.task_ids FROM merchants m JOIN users u ON u.id = m.user_id
     CROSS JOIN LATERAL (SELECT array_agg(t.id) AS task_ids FROM (
       SELECT id FROM tasks WHERE merchant_id = m.id AND status = 'OPEN' ORDER BY id LIMIT 2) t) picked
     WHERE u.email LIKE '${BENCH_EMAILS}' AND picked.task_ids IS NOT NULL ORDER BY u.email LIMIT ${USERS}`,
  );
  const merchantsWithOrders = await sql<{ email: string }>(
    databaseUrl,
    `SELECT u.email FROM orders o JOIN merchants m ON m.id = o.merchant_id JOIN users u ON u.id = m.user_id
     WHERE u.email LIKE '${BENCH_EMAILS}' GROUP BY u.email ORDER BY count(*) DESC, u.email LIMIT ${USERS}`,
  );
  const usersWithUnread = await sql<{ email: string }>(
    databaseUrl,
    `SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id
     WHERE n.read_at IS NULL AND u.email LIKE '${BENCH_EMAILS}'
     GROUP BY u.email ORDER BY count(*) DESC, u.email LIMIT ${USERS}`,
  );
  const tokens = new Map<string, string>();
  const emails = new Set(
    [creators, merchantsWithTasks, merchantsWithOrders, usersWithUnread].flat().map((row) => row.email),
  );
  log(`signing in ${emails.size} users`);
  const queue = [...emails];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let email = queue.shift(); email; email = queue.shift()) {
        const data = await gql(apiUrl, LOG_IN, { email, password: BENCH_PASSWORD });
        tokens.set(email, data.logIn.token as string);
      }
    }),
  );
  const tokenOf = (email: string) => tokens.get(email)!;

  // Tracking links: made here (idempotently) for delivered content, with codes the bench knows.
  await sql(
    databaseUrl,
    `INSERT INTO tracking_links (code, deliverable_id, order_id, merchant_id, target_url, currency)
     SELECT 'bench' || lpad(n::text, 5, '0'), d.id, o.id, o.merchant_id, 'https://shop.bench.vtask.test/item/' || n, o.currency
       FROM (SELECT row_number() OVER (ORDER BY d.id) AS n, d.id, d.order_id FROM deliverables d LIMIT ${VARIANTS}) d
       JOIN orders o ON o.id = d.order_id
     ON CONFLICT (code) DO NOTHING`,
  );
  const linkCodes = await sql<{ code: string }>(
    databaseUrl,
    `SELECT code FROM tracking_links WHERE code LIKE 'bench%' ORDER BY code LIMIT ${VARIANTS}`,
  );
  const liveVenues = await sql<{ id: string }>(
    databaseUrl,
    `SELECT id::text FROM venues WHERE lineup_published_at IS NOT NULL AND now() >= go_live_at AND now() < ends_at
      ORDER BY id LIMIT 10`,
  );
  const shoppers = [null, { newCustomer: true }, ...tags.slice(0, 4).map((tag) => ({ interests: [tag] }))];
  const showcases = liveVenues.flatMap(({ id }) =>
    shoppers.map((shopper) => variant(SHOWCASE, { venueId: id, shopper })),
  );

  // The square as merchants use it: signed in (so big-V creators by default, and no shared cache).
  const merchantTokens = merchantsWithTasks.map(({ email }) => tokenOf(email));
  const asMerchant = (i: number, filter: Record<string, unknown>) =>
    variant(CREATOR_SQUARE, { filter }, merchantTokens[i % merchantTokens.length]);
  const handles = await sql<{ handle: string }>(
    databaseUrl,
    `SELECT handle FROM creators ORDER BY md5(id::text) LIMIT 10`,
  );
  const creatorSquare = [
    ...Array.from({ length: 10 }, (_, i) => asMerchant(i, {})),
    ...tags.map((tag, i) => asMerchant(i, { domainTags: [tag] })),
    // A handle someone was told about, and words of the seeded bios (each in about an eighth of them).
    ...handles.map(({ handle }, i) => asMerchant(i, { search: handle })),
    ...['honest', 'cozy', 'calm'].map((word, i) => asMerchant(i, { search: word })),
  ];
  const squareFilters: Record<string, unknown>[] = [
    { minFollowers: 10_000, maxFollowers: 500_000 },
    { maxTypicalPrice: { amount: '2000.00', currencyCode: 'CNY' } },
    { minRating: 4 },
    { hasActiveOffer: true },
    { minCompletedOrders: 1 },
    { contentType: 'VIDEO' },
    { channel: 'LIVE', minFollowers: 50_000 },
  ];
  const creatorSquareFiltered = squareFilters.flatMap((filter, i) => [
    asMerchant(i, filter),
    ...tags.slice(0, 8).map((tag, j) => asMerchant(i + j, { ...filter, domainTags: [tag] })),
  ]);

  return {
    creatorSquare,
    creatorSquareFiltered,
    trackingLinks: linkCodes.map(({ code }) => ({ body: '', get: `/go/${code}` })),
    showcases,
    feedPages,
    feedTags,
    feedSearches,
    taskPages,
    creatorDirectory,
    recommendedTasks: creators.map(({ email }) => variant(RECOMMENDED_TASKS, {}, tokenOf(email))),
    recommendedCreators: merchantsWithTasks.flatMap(({ email, task_ids }) =>
      task_ids.map((taskId) => variant(RECOMMENDED_CREATORS, { taskId }, tokenOf(email))),
    ),
    myOrders: merchantsWithOrders.map(({ email }) => variant(MY_ORDERS, {}, tokenOf(email))),
    notifications: usersWithUnread.map(({ email }) => variant(NOTIFICATIONS, {}, tokenOf(email))),
  };
}

// ------------------------------------------------------------------ measuring

interface ScenarioResult {
  name: string;
  server: string;
  variants: number;
  users: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts, non-2xx answers and answers carrying GraphQL `errors`. */
  errors: number;
  firstError: string | null;
  /**
   * SQL statements per request that reaches the resolvers (x-sql-statements, mean over every variant
   * sent once, outside the timed load); a public cache hit runs none.
   */
  sqlStatementsPerRequest: number | null;
  sqlStatementsMin: number | null;
  sqlStatementsMax: number | null;
  cacheHits: number;
  cacheMisses: number;
  slowQueries: number;
  ratioRequestsPerSecond?: number;
  ratioP99?: number;
}

function headerOf(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const value = headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? String(value[0]) : (value as string | undefined);
}

/** Runs one scenario at CONNECTIONS connections: a warm-up, then BENCH_SECONDS of measured load. */
async function measure(name: string, server: ServerProcess, variants: Variant[]): Promise<ScenarioResult> {
  if (!variants.length) throw new Error(`${name}: the seeded database gave nothing to ask for`);
  let next = 0;
  let graphqlErrors = 0;
  let firstError: string | null = null;
  let hits = 0;
  let misses = 0;
  /** A tracking link's answer is a 302: autocannon counts it as non-2xx, but it is the right answer. */
  let redirects = 0;
  const request: autocannon.Request = {
    method: 'POST',
    path: '/graphql',
    setupRequest: (current) => {
      const chosen = variants[next++ % variants.length];
      if (chosen.get) {
        return {
          ...current,
          method: 'GET',
          path: chosen.get,
          body: undefined,
          headers: { 'user-agent': SHOPPER_AGENT },
        };
      }
      return {
        ...current,
        body: chosen.body,
        headers: {
          'content-type': 'application/json',
          ...(chosen.token ? { authorization: `Bearer ${chosen.token}` } : {}),
          ...chosen.headers,
        },
      };
    },
    onResponse: (status, body, _context, headers) => {
      // Only an answer that mentions errors is parsed: parsing every one would load this process.
      if (body.includes('"errors":')) {
        const parsed = JSON.parse(body) as { errors?: { message?: string }[] };
        if (Array.isArray(parsed.errors)) {
          graphqlErrors++;
          firstError ??= `${status} ${parsed.errors[0]?.message ?? ''}`.slice(0, 200);
        }
      } else if (status === 302 && variants[0].get) {
        redirects++;
      } else if (status >= 300) {
        firstError ??= `${status} ${body.slice(0, 200)}`;
      }
      const cache = headerOf(headers as Record<string, unknown>, 'x-public-cache');
      if (cache === 'hit') hits++;
      else if (cache === 'miss') misses++;
    },
  };
  const run = (duration: number) =>
    autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration,
      timeout: 30,
      requests: [request],
    });
  if (WARMUP_SECONDS) {
    server.scenario = `${name} (warm-up)`;
    await run(WARMUP_SECONDS);
    await settle(server);
    next = graphqlErrors = hits = misses = redirects = 0;
    firstError = null;
  }
  server.scenario = name;
  const result = await run(SECONDS);
  await settle(server);
  const transportErrors = result.errors + result.timeouts + result.non2xx - redirects;
  return {
    name,
    server: server.label,
    variants: variants.length,
    users: new Set(variants.map((item) => item.token).filter(Boolean)).size,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: transportErrors + graphqlErrors,
    firstError:
      firstError ?? (transportErrors ? `${result.errors} errors, ${result.timeouts} timeouts` : null),
    sqlStatementsPerRequest: null,
    sqlStatementsMin: null,
    sqlStatementsMax: null,
    cacheHits: hits,
    cacheMisses: misses,
    slowQueries: server.slowQueries.get(name) ?? 0,
  };
}

interface StatementCount {
  mean: number;
  min: number;
  max: number;
}

/**
 * Sends every variant once, one after another, to an API counting statements (EXPOSE_QUERY_STATS=on,
 * PUBLIC_CACHE=off) and reads x-sql-statements. Counting tracks every promise of a request, which costs
 * throughput, so it is done here rather than under the timed load; the count of one request does not
 * depend on the load.
 */
async function countStatements(url: string, variants: Variant[]): Promise<StatementCount | null> {
  // A tracking link runs no GraphQL (and, once its code is cached, no SQL on the shopper's path).
  if (variants.some((item) => item.get)) return null;
  const counts: number[] = [];
  for (const { body, token } of variants) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    await response.arrayBuffer();
    const header = response.headers.get('x-sql-statements');
    if (header === null)
      throw new Error('the API sent no x-sql-statements header: is EXPOSE_QUERY_STATS on?');
    counts.push(Number(header));
  }
  return {
    mean: counts.reduce((sum, count) => sum + count, 0) / counts.length,
    min: Math.min(...counts),
    max: Math.max(...counts),
  };
}

/**
 * Waits until the server answers promptly again, so the requests still queued from one scenario (at most
 * one per connection) do not slow the start of the next.
 */
async function settle(server: ServerProcess): Promise<void> {
  await sleep(500);
  for (let i = 0; i < 100; i++) {
    const started = performance.now();
    await answersTypename(server.url).catch(() => false);
    if (performance.now() - started < 20) return;
    await sleep(100);
  }
}

// ------------------------------------------------------------------ report

interface Goal {
  what: string;
  met: boolean | null;
  measured: string;
}

function goals(results: ScenarioResult[], starts: Record<string, number>, rssMb: number | null): Goal[] {
  const find = (name: string) => results.find((result) => result.name === name);
  const ratio = (name: string, floor: number, p99Times?: number): Goal => {
    const result = find(name);
    const within = p99Times === undefined || (result?.ratioP99 ?? Infinity) <= p99Times;
    return {
      what: `${name}: ≥ ${floor}× { __typename } req/s${p99Times ? `, p99 ≤ ${p99Times}×` : ''}`,
      met: result ? (result.ratioRequestsPerSecond ?? 0) >= floor && within : null,
      measured: result
        ? `${fixed(result.ratioRequestsPerSecond, 3)}${p99Times ? `, p99 ${fixed(result.ratioP99, 1)}×` : ''}`
        : '-',
    };
  };
  // Each floor was measured twice (first and last), so a load that moved during the run moves both.
  const meanRate = (...names: string[]) => {
    const found = names.map(find).filter((result) => result !== undefined);
    return found.length
      ? found.reduce((sum, result) => sum + result.requestsPerSecond, 0) / found.length
      : null;
  };
  const bare = meanRate(
    'bare NestJS + Apollo { __typename }',
    'bare NestJS + Apollo { __typename }, again at the end',
  );
  const project = meanRate('{ __typename }', '{ __typename }, again at the end');
  const bareVsProject = bare && project ? project / bare : null;
  return [
    {
      what: '{ __typename } vs bare NestJS + Apollo ≥ 0.8 (means of the first and last runs)',
      met: bareVsProject === null ? null : bareVsProject >= 0.8,
      measured: fixed(bareVsProject, 2),
    },
    ratio('feed', 0.5, 3),
    ratio('feed, public cache off', 0.2),
    ratio('feed by tag', 0.4),
    ratio('feed search', 0.2),
    ratio('task page', 0.8),
    ratio('creator directory', 0.3, 4),
    ratio('creator square (RELEVANCE)', 0.3),
    ratio('creator square, new filters', 0.3),
    ratio('recommendedCreators', 0.1),
    ratio('myOrders', 0.4),
    ratio('notifications(unreadOnly)', 0.4),
    ratio('/go/<code>', 0.8),
    {
      what: '/go/<code>: p99 ≤ 20 ms (every click counted)',
      met: find('/go/<code>') ? find('/go/<code>')!.p99Ms <= 20 : null,
      measured: find('/go/<code>') ? `${find('/go/<code>')!.p99Ms} ms` : '-',
    },
    ratio('showcase', 0.5),
    {
      what: 'API start on an existing database ≤ 3× the bare server’s',
      met: starts.api <= 3 * starts.bare,
      measured: `${(starts.api / starts.bare).toFixed(1)}× (${Math.round(starts.api)} ms vs ${Math.round(starts.bare)} ms)`,
    },
    {
      what: 'API RSS after the bench ≤ 300 MB',
      met: rssMb === null ? null : rssMb <= 300,
      measured: `${rssMb ?? '-'} MB`,
    },
  ];
}

function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);
}

function printTable(results: ScenarioResult[]): void {
  const rows = [
    [
      'scenario',
      'req/s',
      'p50 ms',
      'p99 ms',
      'ratio req/s',
      'ratio p99',
      'SQL/req',
      'cache hit/miss',
      'errors',
      'variants',
    ],
    ...results.map((result) => [
      result.name,
      result.requestsPerSecond.toFixed(0),
      String(result.p50Ms),
      String(result.p99Ms),
      fixed(result.ratioRequestsPerSecond, 3),
      fixed(result.ratioP99, 2),
      result.sqlStatementsMin === result.sqlStatementsMax
        ? fixed(result.sqlStatementsPerRequest, 0)
        : `${fixed(result.sqlStatementsPerRequest, 1)} (${result.sqlStatementsMin}-${result.sqlStatementsMax})`,
      result.cacheHits + result.cacheMisses ? `${result.cacheHits}/${result.cacheMisses}` : '-',
      String(result.errors),
      result.users ? `${result.variants} (${result.users} users)` : String(result.variants),
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const scale = process.env.BENCH_SCALE || 'festival';
  if (!isBenchScale(scale))
    throw new Error(`BENCH_SCALE must be small, directory or festival, not "${scale}"`);
  const mode = process.env.BENCH_DATABASE || 'pg15';
  if (mode !== 'pg15' && mode !== 'embedded') {
    throw new Error(`BENCH_DATABASE must be pg15 or embedded, not "${mode}"`);
  }
  const startedAt = new Date();
  // Other work on the machine moves every figure: the load is printed and kept with them.
  const loadBefore = loadavg();
  const database = await prepareDatabase(scale, mode);
  const results: ScenarioResult[] = [];
  const starts: Record<string, number> = {};
  let rssMb: number | null | undefined;
  const running: ServerProcess[] = [];
  /** The built API on the bench database, its start time kept as `starts[startKey]`. */
  const startApi = async (label: string, startKey: string, options: Parameters<typeof apiEnv>[1]) => {
    const started = await ServerProcess.start(label, API_MAIN, apiEnv(database.url, options), healthy);
    running.push(started.server);
    starts[startKey] = started.startMs;
    return started;
  };
  try {
    // The floor: the framework alone, measured in the same run on the same machine.
    const bare = await ServerProcess.start('bare', BARE_MAIN, { NODE_ENV: 'production' }, answersTypename);
    running.push(bare.server);
    starts.bare = bare.startMs;
    log(`bare NestJS + Apollo answered after ${Math.round(bare.startMs)} ms`);
    results.push(await measure('bare NestJS + Apollo { __typename }', bare.server, [variant(TYPENAME)]));
    await bare.server.stop();

    // First an API that counts statements: sign users in, find pages, and count each request's SQL.
    const counting = await startApi('api, EXPOSE_QUERY_STATS=on', 'apiFirst', {
      publicCache: 'off',
      exposeQueryStats: 'on',
    });
    log(`the API (counting statements) answered /health after ${Math.round(counting.startMs)} ms`);
    const workload = await prepareWorkload(database.url, counting.server.url);
    const scenarios: [string, Variant[]][] = [
      ['{ __typename }', [FLOOR]],
      ['{ __typename }, from the public cache', [variant(TYPENAME)]],
      ['feed', workload.feedPages],
      ['feed by tag', workload.feedTags],
      ['feed search', workload.feedSearches],
      ['task page', workload.taskPages],
      ['creator directory', workload.creatorDirectory],
      ['creator square (RELEVANCE)', workload.creatorSquare],
      ['creator square, new filters', workload.creatorSquareFiltered],
      ['recommendedTasks', workload.recommendedTasks],
      ['recommendedCreators', workload.recommendedCreators],
      ['myOrders', workload.myOrders],
      ['notifications(unreadOnly)', workload.notifications],
      ['/go/<code>', workload.trackingLinks],
      ['showcase', workload.showcases],
    ]
      .filter(([, variants]) => variants.length)
      .filter(selected) as [string, Variant[]][];
    const uncachedScenarios: [string, Variant[]][] = [
      ['feed, public cache off', workload.feedPages],
      ['feed by tag, public cache off', workload.feedTags],
      ['feed search, public cache off', workload.feedSearches],
    ].filter(selected) as [string, Variant[]][];
    const statementCounts = new Map<Variant[], StatementCount>();
    for (const [name, variants] of scenarios) {
      const count = await countStatements(counting.server.url, variants);
      if (!count) continue;
      statementCounts.set(variants, count);
      log(`${name}: ${count.mean.toFixed(1)} SQL statements per request (${count.min}-${count.max})`);
    }
    await counting.server.stop();
    const withCount = (result: ScenarioResult, variants: Variant[]): ScenarioResult => {
      const count = statementCounts.get(variants);
      return {
        ...result,
        sqlStatementsPerRequest: count?.mean ?? null,
        sqlStatementsMin: count?.min ?? null,
        sqlStatementsMax: count?.max ?? null,
      };
    };

    // The API as it runs in production (statements not counted), with the public cache.
    const api = await startApi('api', 'api', { publicCache: 'on', exposeQueryStats: 'off' });
    log(`the API answered /health after ${Math.round(api.startMs)} ms`);
    for (const [name, variants] of scenarios) {
      log(`${name}: ${variants.length} variants, ${SECONDS} s`);
      results.push(withCount(await measure(name, api.server, variants), variants));
    }
    // Once more at the end: how far the machine's load moved the floor during the run.
    results.push(await measure('{ __typename }, again at the end', api.server, [FLOOR]));
    rssMb = api.server.rssMb();
    await api.server.stop();

    // The same feeds without the shared cache: what PostgreSQL and the resolvers serve on their own.
    if (uncachedScenarios.length) {
      const uncached = await startApi('api, PUBLIC_CACHE=off', 'apiRestart', {
        publicCache: 'off',
        exposeQueryStats: 'off',
      });
      for (const [name, variants] of uncachedScenarios) {
        log(`${name}: ${variants.length} variants, ${SECONDS} s`);
        results.push(withCount(await measure(name, uncached.server, variants), variants));
      }
      await uncached.server.stop();
    }

    const bareAgain = await ServerProcess.start(
      'bare',
      BARE_MAIN,
      { NODE_ENV: 'production' },
      answersTypename,
    );
    running.push(bareAgain.server);
    results.push(
      await measure('bare NestJS + Apollo { __typename }, again at the end', bareAgain.server, [
        variant(TYPENAME),
      ]),
    );
    await bareAgain.server.stop();
  } finally {
    for (const server of running) await server.stop();
    await database.stop();
  }

  // The reference is the mean of the API's two { __typename } runs (first and last): on a shared machine
  // the load moves during a run, and one reading at one end would favour the scenarios near it.
  const floors = results.filter((result) => result.name.startsWith('{ __typename }'));
  const floor = {
    requestsPerSecond: floors.reduce((sum, result) => sum + result.requestsPerSecond, 0) / floors.length,
    p99Ms: floors.reduce((sum, result) => sum + result.p99Ms, 0) / floors.length,
  };
  for (const result of results) {
    result.ratioRequestsPerSecond = result.requestsPerSecond / floor.requestsPerSecond;
    result.ratioP99 = floor.p99Ms ? result.p99Ms / floor.p99Ms : undefined;
  }
  const goalList = goals(results, starts, rssMb ?? null);

  console.log('');
  console.log(
    `V-Task API at scale ${scale} on ${mode === 'pg15' ? 'PostgreSQL 15 (127.0.0.1:5432)' : 'embedded PostgreSQL'}, ` +
      `${CONNECTIONS} connections, ${SECONDS} s per scenario, ${cpus().length} cores; ratios to the mean of the API's two { __typename } runs`,
  );
  const load = (values: number[]) => values.map((value) => value.toFixed(1)).join(' ');
  console.log(`load average before ${load(loadBefore)}, after ${load(loadavg())} (1, 5, 15 min)`);
  printTable(results);
  console.log('');
  console.log(
    `start to first answer: bare ${Math.round(starts.bare)} ms, API ${Math.round(starts.api)} ms ` +
      `(first start ${Math.round(starts.apiFirst)} ms, with PUBLIC_CACHE=off ${Math.round(starts.apiRestart)} ms); ` +
      `API RSS after the bench ${rssMb ?? '-'} MB`,
  );
  for (const goal of goalList) {
    console.log(
      `${goal.met === null ? '?' : goal.met ? 'met    ' : 'not met'}  ${goal.what}: ${goal.measured}`,
    );
  }
  const slow = results.filter((result) => result.slowQueries);
  if (slow.length) {
    console.log(
      `slow queries logged: ${slow.map((result) => `${result.name} ${result.slowQueries}`).join(', ')}`,
    );
  }
  for (const failed of results.filter((result) => result.errors)) {
    console.log(`errors in ${failed.name}: ${failed.errors}, first: ${failed.firstError}`);
  }

  if (!existsSync(RESULTS_DIR)) mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(
    RESULTS_DIR,
    `api-${scale}-${mode}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`,
  );
  const report = {
    scale,
    database: mode,
    startedAt: startedAt.toISOString(),
    connections: CONNECTIONS,
    secondsPerScenario: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? null,
      node: process.version,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg(),
    },
    typenameFloor: floor,
    startMs: Object.fromEntries(Object.entries(starts).map(([key, ms]) => [key, Math.round(ms)])),
    apiRssMb: rssMb ?? null,
    scenarios: results,
    goals: goalList,
  };
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  log(`wrote ${file}`);
  if (results.some((result) => result.errors)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error('[bench:api] failed:', error);
  process.exit(1);
});
