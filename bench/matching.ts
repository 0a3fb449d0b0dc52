/**
 * Matching at scale: seeds BENCH_CREATORS (100k) creators with realistic tags, tiers, channels,
 * audiences, offers and order histories into a fresh database, starts the built API, and times
 * `recommendedCreators` over BENCH_CALLS (200) calls for varied tasks, end to end over HTTP.
 *
 *   npx nest build api && node dist/bench/matching.js
 *
 * DATABASE_URL: a PostgreSQL server to create the fresh database on (default: an embedded one in a
 * temporary directory). BENCH_KEEP=1 keeps the database. BENCH_EXPLAIN=1 (embedded only) prints the
 * EXPLAIN ANALYZE of one ranking query, through auto_explain.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { withDatabase } from '../libs/database/src/embedded-postgres';
import { SnakeNamingStrategy } from '../libs/database/src/snake-naming.strategy';
import { MIGRATIONS } from '../migrations';
import { startApi, stopApi, type ApiProcess } from './support/api-process';
import { createBenchDatabase, finishBenchDatabase } from './support/bench-database';
import { gql as gqlAt } from './support/graphql';
import { latencySummary } from './support/stats';

const CREATORS = Number(process.env.BENCH_CREATORS ?? 100_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const TASKS = Number(process.env.BENCH_TASKS ?? 50);
const HISTORY_MERCHANTS = 300;
const BATCH = 10_000;

// ------------------------------------------------------------------ deterministic randomness

let seed = Number(process.env.BENCH_SEED ?? 42) >>> 0;
/** mulberry32: the same seed gives the same population. */
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function weighted<T>(choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1][0];
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

// ------------------------------------------------------------------ the population

/** How popular each category is among creators (the rest get 5). */
const CATEGORY_WEIGHT: Record<string, number> = {
  beauty: 18,
  fashion: 16,
  food: 12,
  home: 10,
  digital: 10,
  baby: 8,
  travel: 7,
  sports: 7,
  pets: 6,
  books: 4,
};
const TIERS = [
  ['ORDINARY', 45],
  ['CREATOR', 35],
  ['EXPERT', 15],
  ['CELEBRITY', 5],
] as const;
/** log10 of followers per tier: uniform in the range. */
const FOLLOWERS: Record<string, [number, number]> = {
  ORDINARY: [2, 4.2],
  CREATOR: [3.5, 5.3],
  EXPERT: [4.5, 6.2],
  CELEBRITY: [5.5, 7.3],
};
const CHANNELS = [
  ['HEADLINES', 20],
  ['GOOD_FINDS', 15],
  ['LIVE', 15],
  ['STROLL', 10],
  ['LIST', 10],
  ['MUST_BUY', 8],
  ['HOT_MARKET', 8],
  ['COMMUNITY', 8],
  ['EXTERNAL', 6],
] as const;
const FIRST = [
  'Lily',
  'Chen',
  'Mia',
  'Hao',
  'Yu',
  'Jun',
  'Ava',
  'Lei',
  'Zoe',
  'Bo',
  'Nina',
  'Kai',
  'Ruby',
  'Ming',
];
const LAST = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Zhao',
  'Huang',
  'Zhou',
  'Wu',
  'Xu',
  'Sun',
  'Ma',
  'Zhu',
  'Hu',
  'Guo',
];
const WORDS = [
  'daily',
  'honest',
  'deep',
  'quick',
  'cozy',
  'smart',
  'fresh',
  'bold',
  'calm',
  'tiny',
  'urban',
  'slow',
];
const THINGS = ['picks', 'reviews', 'hauls', 'finds', 'notes', 'guides', 'diary', 'lab', 'corner', 'studio'];

interface Taxonomy {
  roots: string[];
  children: Map<string, string[]>;
}

function chooseRoot(taxonomy: Taxonomy): string {
  return weighted(taxonomy.roots.map((root) => [root, CATEGORY_WEIGHT[root] ?? 5] as const));
}

/** 1-5 tags, mostly children of one or two categories; now and then a whole category. */
function chooseTags(taxonomy: Taxonomy, count: number, parentShare = 0.15): string[] {
  const primary = chooseRoot(taxonomy);
  const tags = new Set<string>();
  for (let i = 0; i < count * 3 && tags.size < count; i++) {
    const root = random() < 0.75 ? primary : chooseRoot(taxonomy);
    const children = taxonomy.children.get(root) ?? [];
    tags.add(random() < parentShare || !children.length ? root : pick(children));
  }
  return [...tags];
}

function chooseChannels(count: number): string[] {
  const channels = new Set<string>();
  while (channels.size < count) channels.add(weighted(CHANNELS));
  return [...channels];
}

const pgArray = (values: readonly string[]) => `{${values.join(',')}}`;

// ------------------------------------------------------------------ seeding

async function seed100k(client: Client, taxonomy: Taxonomy): Promise<void> {
  const passwordHash = 'bench: nobody signs in as a seeded user';
  for (let start = 0; start < CREATORS; start += BATCH) {
    const size = Math.min(BATCH, CREATORS - start);
    const users = { id: [] as string[], email: [] as string[], name: [] as string[] };
    const creators = {
      id: [] as string[],
      handle: [] as string[],
      bio: [] as string[],
      tier: [] as string[],
      tags: [] as string[],
      channels: [] as string[],
      followers: [] as number[],
    };
    for (let i = start; i < start + size; i++) {
      const userId = randomUUID();
      users.id.push(userId);
      users.email.push(`creator${i}@bench.example`);
      users.name.push(`${pick(FIRST)} ${pick(LAST)}`);
      const tier = weighted(TIERS);
      const tags = chooseTags(
        taxonomy,
        weighted([
          [1, 30],
          [2, 35],
          [3, 20],
          [4, 10],
          [5, 5],
        ] as const),
      );
      const [low, high] = FOLLOWERS[tier];
      creators.id.push(userId);
      creators.handle.push(`${pick(WORDS)}_${pick(THINGS)}${i}`.slice(0, 30));
      creators.bio.push(`${pick(WORDS)} ${tags.join(' and ')} ${pick(THINGS)}, posted weekly`);
      creators.tier.push(tier);
      creators.tags.push(pgArray(tags));
      creators.channels.push(
        pgArray(
          chooseChannels(
            weighted([
              [1, 35],
              [2, 35],
              [3, 20],
              [4, 10],
            ] as const),
          ),
        ),
      );
      creators.followers.push(Math.round(10 ** (low + random() * (high - low))));
    }
    await client.query(
      `INSERT INTO users (id, email, password_hash, display_name, role)
       SELECT id, email, $4, name, 'CREATOR' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, email, name)`,
      [users.id, users.email, users.name, passwordHash],
    );
    // The creator's id is its user's id here: one less array to ship.
    await client.query(
      `INSERT INTO creators (id, user_id, handle, bio, tier, domain_tags, channels, follower_count)
       SELECT id, id, handle, bio, tier::creator_tier, tags::varchar[], channels::channel[], followers
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
           AS c(id, handle, bio, tier, tags, channels, followers)`,
      [
        creators.id,
        creators.handle,
        creators.bio,
        creators.tier,
        creators.tags,
        creators.channels,
        creators.followers,
      ],
    );
  }

  // Merchants of past orders.
  await client.query(
    `WITH u AS (
       INSERT INTO users (email, password_hash, display_name, role)
       SELECT 'shop' || g || '@bench.example', $1, 'Shop ' || g, 'MERCHANT' FROM generate_series(1, $2) g
       RETURNING id, display_name)
     INSERT INTO merchants (user_id, shop_name) SELECT id, display_name FROM u`,
    [passwordHash, HISTORY_MERCHANTS],
  );

  // Offers: a third of big-V creators, priced around their tier's going rate (CNY).
  await client.query(
    `INSERT INTO offers (creator_id, title, description, content_type, channels, domain_tags, currency, price_minor,
                         slots, turnaround_days, status)
     SELECT c.id, 'A video for your product', 'One video, scripted with you.', 'VIDEO', c.channels, c.domain_tags, 'CNY',
            (round(${TIER_PRICE_SQL} * exp((random() - 0.5) * 1.2) / 10) * 1000)::bigint,
            5, 7, CASE WHEN random() < 0.1 THEN 'PAUSED' ELSE 'ACTIVE' END::offer_status
       FROM creators c, generate_series(1, 2) n
      WHERE c.tier <> 'ORDINARY' AND random() < 0.2`,
  );

  // Order histories: a third of big-V creators, 1-26 past orders each, delivered (mostly on time),
  // then completed in one statement (the track-record trigger refreshes every creator once), then rated.
  await client.query(
    `INSERT INTO orders (source, merchant_id, creator_id, brief, content_type, currency, price_minor, platform_fee_bps,
                         platform_fee_minor, agency_share_bps, agency_share_minor, creator_payout_minor, status,
                         deliver_by, max_revisions, revisions_used, created_at)
     SELECT 'OFFER', m.ids[1 + floor(random() * array_length(m.ids, 1))::int], c.id, 'Past work', 'VIDEO', 'CNY',
            p.price, 1000, p.price / 10, 0, 0, p.price - p.price / 10, 'DELIVERED',
            now() - g * interval '9 days', 2, 0, now() - g * interval '9 days' - interval '10 days'
       FROM (SELECT array_agg(id) AS ids FROM merchants) m,
            -- A fence, so each creator is drawn once (not once per generated row).
            (SELECT id, tier FROM creators WHERE tier <> 'ORDINARY' AND random() < 0.33 OFFSET 0) c,
            LATERAL generate_series(1, CASE WHEN c.id IS NULL THEN 0 ELSE 1 + floor(random() ^ 2 * 26)::int END) g,
            LATERAL (SELECT (round(${TIER_PRICE_SQL} * exp((random() - 0.5) * 0.8) / 10) * 1000)::bigint
                      + (g * 0)::bigint AS price) p`,
  );
  await client.query(
    `INSERT INTO deliverables (order_id, version, title, body, submitted_at)
     SELECT id, 1, 'The video', 'Posted and linked.',
            deliver_by - CASE WHEN random() < 0.85 THEN interval '1 day' ELSE interval '-2 days' END
       FROM orders WHERE status = 'DELIVERED'`,
  );
  await client.query(`UPDATE orders SET status = 'COMPLETED' WHERE status = 'DELIVERED'`);
  await client.query(
    `INSERT INTO reviews (order_id, direction, subject_id, rating)
     SELECT id, 'OF_CREATOR', creator_id,
            CASE WHEN r < 0.55 THEN 5 WHEN r < 0.85 THEN 4 WHEN r < 0.95 THEN 3 WHEN r < 0.98 THEN 2 ELSE 1 END
       FROM (SELECT id, creator_id, random() AS r FROM orders WHERE status = 'COMPLETED' AND random() < 0.7) o`,
  );
}

/** A tier's going rate in CNY (major units), for prices of seeded offers and orders. */
const TIER_PRICE_SQL = `(CASE c.tier WHEN 'CREATOR' THEN 600 WHEN 'EXPERT' THEN 2500 ELSE 12000 END)`;

// ------------------------------------------------------------------ the API

function startMatchingApi(databaseUrl: string): Promise<ApiProcess> {
  return startApi({
    databaseUrl,
    env: {
      LOGIN_ATTEMPTS_PER_MINUTE: '10000',
      // Debug: one JSON line per GraphQL operation with the API's own time for it.
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
    },
    onStdout: (chunk) => {
      for (const line of chunk.toString().split('\n')) recordOperation(line);
    },
  });
}

function gql<T = any>(
  api: ApiProcess,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  return gqlAt<T>(api.url, query, variables, token);
}

// ------------------------------------------------------------------ measuring

/** The API's own time per operation name, from its debug log (request start to response). */
const operationTimes = new Map<string, number[]>();
function recordOperation(line: string): void {
  if (!line.startsWith('{') || !line.includes('"operation"')) return;
  try {
    const { message } = JSON.parse(line) as { message: { operation?: string; ms?: number } };
    if (message.operation && typeof message.ms === 'number') {
      operationTimes.set(message.operation, [...(operationTimes.get(message.operation) ?? []), message.ms]);
    }
  } catch {
    // not one of the operation lines
  }
}

/**
 * PostgreSQL's time per statement kind (parse + bind + execute: planning included), from its log with
 * log_min_duration_statement = 0. Embedded PostgreSQL only: its log comes to this process.
 */
const STATEMENTS: Record<string, RegExp> = {
  recommendedCreators: /^WITH excluded AS/,
  recommendedTasks: /^WITH taken AS/,
  search: /word_similarity\(/,
};
const statementTimes = new Map<string, number[]>();
let pendingMs = 0;
function recordStatement(line: string): void {
  const match = /duration: ([\d.]+) ms\s+(parse|bind|execute) [^:]*: (.*)$/.exec(line);
  if (!match) return;
  const kind = Object.entries(STATEMENTS).find(([, pattern]) => pattern.test(match[3]))?.[0];
  if (!kind) return;
  pendingMs += Number(match[1]);
  if (match[2] === 'execute') {
    statementTimes.set(kind, [...(statementTimes.get(kind) ?? []), pendingMs]);
    pendingMs = 0;
  }
}

async function timeCalls(count: number, call: (index: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call(i);
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * Runs `count` calls one after another and prints their times three ways: the client's clock (HTTP
 * round trip), the API's (its log), and PostgreSQL's for the statement of this kind (embedded only).
 */
async function phase(
  label: string,
  operation: string,
  statement: string | null,
  count: number,
  call: (index: number) => Promise<unknown>,
): Promise<void> {
  operationTimes.delete(operation);
  if (statement) statementTimes.delete(statement);
  const client = await timeCalls(count, call);
  await new Promise((resolve) => setTimeout(resolve, 500)); // the last log lines
  const sql = statement ? latencySummary(statementTimes.get(statement) ?? []) : '';
  console.log(
    `${label.padEnd(40)} n=${String(count).padEnd(4)} client ${latencySummary(client)} | API ${latencySummary(
      operationTimes.get(operation) ?? [],
    )}${statement ? ` | SQL ${sql}` : ''}`,
  );
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const log = (line: string) => console.log(`[bench] ${line}`);
  const explain = process.env.BENCH_EXPLAIN === '1';
  const serverLog: string[] = [];
  // DATABASE_URL only (not TEST_DATABASE_URL), through its server's maintenance database.
  const benchDatabase = await createBenchDatabase({
    prefix: 'vtask_bench',
    serverUrl: process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, 'postgres') : '',
    dataParent: { tempPrefix: 'vtask-bench-' },
    embedded: {
      // A throw-away database: fsync off, as EMBEDDED_PG_FSYNC=off (production keeps it on).
      fsync: false,
      log: (text) => {
        for (const line of text.split('\n')) {
          if (explain) serverLog.push(line);
          recordStatement(line);
        }
      },
    },
    log,
  });
  const { embedded, name: database, url } = benchDatabase;
  let api: ApiProcess | null = null;
  let client: Client | null = null;
  try {
    const dataSource = new DataSource({
      type: 'postgres',
      url,
      migrations: MIGRATIONS,
      namingStrategy: new SnakeNamingStrategy(),
    });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();

    client = new Client({ connectionString: url });
    await client.connect();
    const tags: { slug: string; parent_slug: string | null }[] = (
      await client.query('SELECT slug, parent_slug FROM domain_tags ORDER BY position')
    ).rows;
    const taxonomy: Taxonomy = { roots: [], children: new Map() };
    for (const tag of tags) {
      if (!tag.parent_slug) taxonomy.roots.push(tag.slug);
      else
        taxonomy.children.set(tag.parent_slug, [...(taxonomy.children.get(tag.parent_slug) ?? []), tag.slug]);
    }
    let started = performance.now();
    log(`seeding ${CREATORS.toLocaleString('en-US')} creators with offers, orders and reviews`);
    await seed100k(client, taxonomy);
    await client.query('VACUUM ANALYZE');
    const counts = (
      await client.query(`SELECT (SELECT count(*) FROM creators) AS creators,
        (SELECT count(*) FROM creators WHERE tier <> 'ORDINARY') AS big_v,
        (SELECT count(*) FROM offers) AS offers, (SELECT count(*) FROM orders) AS orders,
        (SELECT count(*) FROM reviews) AS reviews, (SELECT count(*) FROM creator_match_profiles WHERE completed_orders > 0) AS with_record`)
    ).rows[0];
    log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);

    if (embedded) await client.query(`ALTER DATABASE ${database} SET log_min_duration_statement = 0`);
    if (explain) {
      await client.query(`ALTER DATABASE ${database} SET session_preload_libraries = 'auto_explain'`);
      await client.query(`ALTER DATABASE ${database} SET auto_explain.log_min_duration = 0`);
      await client.query(`ALTER DATABASE ${database} SET auto_explain.log_analyze = on`);
    }
    api = await startMatchingApi(url);
    log(`API at ${api.url}`);

    // Merchants and their tasks go through the API, like any client; then other creators' bids and
    // invitations on them (SQL), so the exclusions have work to do.
    const merchants: string[] = [];
    for (let i = 0; i < 10; i++) {
      const data = await gql(api, `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
        input: {
          email: `bench-merchant${i}@bench.example`,
          password: 'bench-password-123',
          displayName: `Bench Shop ${i}`,
          role: 'MERCHANT',
          merchant: { shopName: `Bench Shop ${i}` },
        },
      });
      merchants.push(data.signUp.token);
    }
    const taskIds: string[] = [];
    for (let i = 0; i < TASKS; i++) {
      const minTier = weighted([
        ['CREATOR', 60],
        ['EXPERT', 30],
        ['CELEBRITY', 10],
      ] as const);
      const base = { CREATOR: 600, EXPERT: 2500, CELEBRITY: 12000 }[minTier];
      const data = await gql(
        api,
        `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
        {
          input: {
            title: `Bench task ${i}`,
            brief: 'Show the product in daily use.',
            contentType: weighted([
              ['VIDEO', 50],
              ['POST', 30],
              ['LIVE', 20],
            ] as const),
            channels: chooseChannels(
              weighted([
                [1, 40],
                [2, 40],
                [3, 20],
              ] as const),
            ),
            domainTags: chooseTags(
              taxonomy,
              weighted([
                [1, 50],
                [2, 35],
                [3, 15],
              ] as const),
              0.3,
            ),
            minTier,
            budget: {
              amount: `${Math.round((base * Math.exp((random() - 0.5) * 1.2)) / 10) * 10}.00`,
              currencyCode: 'CNY',
            },
            slots: 1 + Math.floor(random() * 10),
            applyBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
            deliverBy: new Date(Date.now() + 21 * 86_400_000).toISOString(),
            publish: true,
          },
        },
        merchants[i % merchants.length],
      );
      taskIds.push(data.postTask.id);
    }
    await client.query(
      `INSERT INTO bids (task_id, creator_id, currency, price_minor, pitch)
       SELECT t.id, c.id, 'CNY', t.budget_minor, 'Pick me'
         FROM tasks t CROSS JOIN LATERAL (
           SELECT id FROM creators c WHERE c.domain_tags && t.domain_tags AND c.tier <> 'ORDINARY' AND t.id IS NOT NULL
           ORDER BY random() LIMIT 80) c`,
    );
    await client.query(
      `INSERT INTO invitations (task_id, creator_id, currency, price_minor, expires_at)
       SELECT t.id, c.id, 'CNY', t.budget_minor, now() + interval '1 day'
         FROM tasks t CROSS JOIN LATERAL (
           SELECT id FROM creators c WHERE c.domain_tags && t.domain_tags AND c.tier <> 'ORDINARY' AND t.id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM bids b WHERE b.task_id = t.id AND b.creator_id = c.id)
           ORDER BY random() LIMIT 20) c`,
    );
    await client.query('VACUUM ANALYZE');
    const candidates = (
      await client.query(
        `SELECT count(*)::int AS n FROM tasks t, creators c
          WHERE c.domain_tags && t.domain_tags AND c.tier <> 'ORDINARY' GROUP BY t.id ORDER BY n`,
      )
    ).rows.map((row: { n: number }) => row.n);
    log(
      `${taskIds.length} tasks; on-topic big-V creators per task (before minTier): min ${candidates[0]}, median ${
        candidates[Math.floor(candidates.length / 2)]
      }, max ${candidates[candidates.length - 1]}`,
    );

    const owner = (i: number) => merchants[i % merchants.length];
    const RECOMMEND = `query Recommend($taskId: ID!, $first: Int) { recommendedCreators(taskId: $taskId, first: $first) {
      score reasons creator { id handle tier followerCount } } }`;
    const order = taskIds.map((_, i) => i).sort(() => random() - 0.5);
    const callFor = (first: number) => async (n: number) => {
      const i = order[n % order.length];
      const data = await gql(api!, RECOMMEND, { taskId: taskIds[i], first }, owner(i));
      if (!data.recommendedCreators.length) throw new Error(`no recommendation for task ${i}`);
    };
    if (explain) {
      serverLog.length = 0;
      await callFor(20)(0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const text = serverLog.join('\n');
      const at = text.indexOf('WITH excluded');
      console.log(
        at < 0
          ? 'no plan found in the server log'
          : text.slice(Math.max(0, text.lastIndexOf('duration:', at)), at + 20_000),
      );
      return;
    }
    started = performance.now();
    await timeCalls(20, callFor(20));
    console.log('');
    console.log(
      `matching benchmark: ${Number(counts.creators).toLocaleString('en-US')} creators, ${TASKS} tasks; ms per call, one at a time`,
    );
    // What any authenticated query costs on this machine (HTTP, GraphQL, token), for comparison.
    await phase('baseline: task(id) { id title }', 'Baseline', null, Math.ceil(CALLS / 4), (n) =>
      gql(
        api!,
        `query Baseline($id: ID!) { task(id: $id) { id title } }`,
        { id: taskIds[n % taskIds.length] },
        owner(n),
      ),
    );
    await phase('recommendedCreators(first: 20)', 'Recommend', 'recommendedCreators', CALLS, callFor(20));
    await phase(
      'recommendedCreators(first: 100)',
      'Recommend',
      'recommendedCreators',
      Math.ceil(CALLS / 4),
      callFor(100),
    );

    // Creators for recommendedTasks sign up through the API (seeded users have no password), then
    // become EXPERT.
    const creatorTokens: string[] = [];
    for (let i = 0; i < 10; i++) {
      const data = await gql(api, `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
        input: {
          email: `bench-creator${i}@bench.example`,
          password: 'bench-password-123',
          displayName: `Bench Creator ${i}`,
          role: 'CREATOR',
          creator: {
            handle: `bench_${i}`,
            domainTags: chooseTags(taxonomy, 2),
            channels: ['HEADLINES', 'LIVE'],
            followerCount: 100_000,
          },
        },
      });
      creatorTokens.push(data.signUp.token);
    }
    await client.query(`UPDATE creators SET tier = 'EXPERT' WHERE handle LIKE 'bench\\_%'`);
    await phase(
      'recommendedTasks(first: 20)',
      'RecommendTasks',
      'recommendedTasks',
      Math.ceil(CALLS / 4),
      (n) =>
        gql(
          api!,
          `query RecommendTasks { recommendedTasks(first: 20) { score reasons task { id } } }`,
          {},
          creatorTokens[n % creatorTokens.length],
        ),
    );
    const searches = ['daily', 'lily wang', 'cozy_finds', 'skincare', 'honest reviews', 'zz'];
    await phase('creators(filter: { search }, first: 20)', 'Search', 'search', Math.ceil(CALLS / 4), (n) =>
      gql(
        api!,
        `query Search($s: String!) { creators(filter: { search: $s }, first: 20) { totalCount nodes { id } } }`,
        { s: searches[n % searches.length] },
      ),
    );
    console.log(`(total ${((performance.now() - started) / 1000).toFixed(1)} s of calls)`);
  } finally {
    await client?.end();
    if (api) await stopApi(api);
    await finishBenchDatabase(benchDatabase, { keep: process.env.BENCH_KEEP === '1', log });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
