/**
 * The bench seeder: fills a MIGRATED V-Task database to a named size (bench/seed/scales.ts) in plain SQL,
 * one INSERT ... SELECT generate_series per table, inside one transaction (a failed run leaves nothing).
 *
 * Deterministic: every row's ids and values are functions of its number (an md5-derived uuid, and
 * hashint8extended for "random" choices), so two runs give the same population, and a bench can name a
 * seeded row without asking the database. Only timestamps follow the clock of the run, so open tasks
 * stay open and deadlines lie ahead.
 *
 * Triggers are off during the load (session_replication_role = replica: no per-row feed counters, running
 * balances, track-record refreshes or live events, and no foreign-key checks), then the derived data is
 * rebuilt once from the facts and checked: feed counters equal COUNT(*), every ledger transaction sums to
 * zero, running balances equal the sums of their entries.
 */
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { hashPassword } from '../../libs/accounts/src/password-hash';
import { BENCH_PASSWORD, isBenchScale, SCALES, type BenchScale, type ScaleSizes } from './scales';

export * from './scales';

export interface SeedStep {
  step: string;
  rows: number;
  ms: number;
}

export interface SeedSummary {
  scale: BenchScale;
  /** Rows written per table (seeded rows only: a database may hold others). */
  rows: Record<string, number>;
  steps: SeedStep[];
  totalMs: number;
}

/** Options for seedDatabase. */
export interface SeedOptions {
  /** Called once per finished step (the CLI prints timings as they come). */
  onStep?: (step: SeedStep) => void;
}

const MARKER_TABLE = 'bench_seed';

/** The scale a database was seeded to, or null when it never was (benches reuse a seeded database). */
export async function seededScale(url: string): Promise<string | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [{ exists }] = (
      await client.query<{ exists: boolean }>(
        `SELECT to_regclass('public.${MARKER_TABLE}') IS NOT NULL AS exists`,
      )
    ).rows;
    if (!exists) return null;
    const rows = (
      await client.query<{ scale: string }>(
        `SELECT scale FROM ${MARKER_TABLE} ORDER BY seeded_at DESC LIMIT 1`,
      )
    ).rows;
    return rows[0]?.scale ?? null;
  } finally {
    await client.end();
  }
}

const CHANNELS = [
  'HEADLINES',
  'GOOD_FINDS',
  'STROLL',
  'LIST',
  'MUST_BUY',
  'HOT_MARKET',
  'LIVE',
  'COMMUNITY',
  'EXTERNAL',
];
const CONTENT_TYPES = ['POST', 'LIST', 'OUTFIT', 'VIDEO', 'LIVE'];
const ADJECTIVES = [
  'spring',
  'festival',
  'honest',
  'daily',
  'quick',
  'cozy',
  'smart',
  'fresh',
  'bold',
  'calm',
];

/**
 * Seeds `scale` into the migrated database at `url`. Refuses a database seeded before (ids would
 * collide); other rows may exist (the tests seed beside their fixtures) and are left as they are.
 */
export async function seedDatabase(
  url: string,
  scale: BenchScale,
  options: SeedOptions = {},
): Promise<SeedSummary> {
  if (!isBenchScale(scale))
    throw new Error(`Unknown bench scale "${scale}": use small, directory or festival.`);
  const already = await seededScale(url);
  if (already) throw new Error(`This database is already seeded (${already}); seed a fresh one.`);
  const sizes = SCALES[scale];
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  const steps: SeedStep[] = [];
  const rows: Record<string, number> = {};
  const step = async (name: string, run: () => Promise<number>, table?: string) => {
    const at = performance.now();
    const count = await run();
    const done = { step: name, rows: count, ms: Math.round(performance.now() - at) };
    steps.push(done);
    if (table) rows[table] = (rows[table] ?? 0) + count;
    options.onStep?.(done);
  };
  const exec = async (text: string, params: unknown[] = []) =>
    (await client.query(text, params)).rowCount ?? 0;
  try {
    await client.query('BEGIN');
    // A superuser setting: the load skips triggers and foreign-key checks; the derived data is rebuilt below.
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(`SET LOCAL work_mem = '64MB'`);
    const now = (await client.query<{ now: Date }>('SELECT now() AS now')).rows[0].now;
    await defineHelpers(client);
    const tags = (
      await client.query<{ slug: string; name: string; parent: string }>(
        `SELECT slug, name_en AS name, parent_slug AS parent FROM domain_tags WHERE parent_slug IS NOT NULL ORDER BY position, slug`,
      )
    ).rows;
    const roots = (
      await client.query<{ slug: string }>(
        `SELECT slug FROM domain_tags WHERE parent_slug IS NULL ORDER BY position`,
      )
    ).rows.map((row) => row.slug);
    const ctx: SeedContext = {
      sizes,
      now,
      passwordHash,
      tagSlugs: tags.map((tag) => tag.slug),
      tagNames: tags.map((tag) => tag.name),
      tagParents: tags.map((tag) => tag.parent),
      roots,
    };

    await step('users', () => exec(...usersSql(ctx)), 'users');
    await step('agencies', () => exec(...agenciesSql(ctx)), 'agencies');
    await step('merchants', () => exec(...merchantsSql(ctx)), 'merchants');
    await step('creators', () => exec(...creatorsSql(ctx)), 'creators');
    await step('offers', () => exec(...offersSql(ctx)), 'offers');
    await step('tasks', () => exec(...tasksSql(ctx)), 'tasks');
    await step('bids', () => exec(...bidsSql(ctx)), 'bids');
    await step('order plan', () => exec(...orderPlanSql(ctx)));
    await step('orders', () => exec(...ordersSql(ctx)), 'orders');
    await step('deliverables', () => exec(...deliverablesSql(ctx)), 'deliverables');
    await step('order events', () => exec(...orderEventsSql(ctx)), 'order_events');
    await step('reviews', () => exec(...reviewsSql()), 'reviews');
    await step('ledger transactions', () => exec(...ledgerTransactionsSql()), 'ledger_transactions');
    await step('ledger entries', () => exec(...ledgerEntriesSql()), 'ledger_entries');
    await step('split orders show what moved', () => exec(SPLIT_AMOUNTS_SQL));
    await step(
      'slots filled and booked',
      async () => (await exec(SLOTS_FILLED_SQL)) + (await exec(SLOTS_BOOKED_SQL)),
    );
    await step('notifications', () => exec(...notificationsSql(ctx)), 'notifications');
    await step('venues', () => exec(...venuesSql(ctx)), 'venues');
    await step(
      'venue lineups',
      async () => {
        await exec(...lineupPlanSql(ctx));
        await exec(ENROLLMENTS_SQL);
        return exec(SUBMISSIONS_SQL);
      },
      'venue_submissions',
    );

    // ---- derived data, rebuilt once from the facts
    await step('matching profiles', () => rebuildMatchingProfiles(client, sizes), 'creator_match_profiles');
    // The square's kept tag ranks (migration CreatorTagRanks), from the profiles just rebuilt.
    await step('creator tag ranks', async () => {
      await exec('SELECT matching_refresh_tag_ranks(ARRAY(SELECT creator_id FROM creator_match_profiles))');
      return Number((await client.query('SELECT count(*) AS n FROM creator_tag_ranks')).rows[0].n);
    });
    // The ranking candidates (migration MatchCandidates): a row trigger on the profiles keeps them,
    // and the load turned triggers off.
    await step(
      'match candidates',
      async () => {
        await exec('DELETE FROM creator_match_tags');
        return exec(REBUILD_MATCH_CANDIDATES_SQL);
      },
      'creator_match_tags',
    );
    await step('feed counters', async () => {
      await exec('DELETE FROM task_feed_counters');
      return exec(REBUILD_FEED_COUNTERS_SQL);
    });
    await step('creator directory counters', async () => {
      await exec('DELETE FROM creator_directory_counters');
      return exec(REBUILD_CREATOR_COUNTERS_SQL);
    });
    await step('ledger balances', () => exec(REBUILD_BALANCES_SQL));
    await step('checks', async () => {
      await assertDerivedDataRight(client);
      return 0;
    });
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (scale varchar(20) NOT NULL, seeded_at timestamptz NOT NULL, summary jsonb NOT NULL)`,
    );
    const totalMs = Math.round(performance.now() - started);
    await client.query(`INSERT INTO ${MARKER_TABLE} (scale, seeded_at, summary) VALUES ($1, now(), $2)`, [
      scale,
      JSON.stringify({ rows, steps, totalMs }),
    ]);
    await client.query('COMMIT');
    // Fresh statistics, so the first bench request is planned for the real table sizes.
    await step('analyze', async () => {
      await client.query('ANALYZE');
      return 0;
    });
    return { scale, rows, steps, totalMs: Math.round(performance.now() - started) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

interface SeedContext {
  sizes: ScaleSizes;
  now: Date;
  passwordHash: string;
  /** Child tags (the ones tasks and creators carry), with their names and parents, in taxonomy order. */
  tagSlugs: string[];
  tagNames: string[];
  tagParents: string[];
  roots: string[];
}

type Sql = [string, unknown[]];

/**
 * Session-local helpers (pg_temp, gone when the connection closes): `r(i, salt)` a deterministic number in
 * [0, 1), `ri(i, salt, n)` one in 0..n-1, `uid(kind, i)` a deterministic version-4-shaped uuid.
 */
async function defineHelpers(client: Client): Promise<void> {
  await client.query(`
    CREATE FUNCTION pg_temp.r(i bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE AS
      $$ SELECT (hashint8extended(i, salt) & 2147483647)::float8 / 2147483648.0 $$`);
  await client.query(`
    CREATE FUNCTION pg_temp.ri(i bigint, salt int, n bigint) RETURNS int LANGUAGE sql IMMUTABLE AS
      $$ SELECT floor((hashint8extended(i, salt) & 2147483647)::float8 / 2147483648.0 * n)::int $$`);
  await client.query(`
    CREATE FUNCTION pg_temp.uid(kind text, i bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS
      $$ SELECT overlay(overlay(md5('vtask-bench:' || kind || ':' || i) placing '4' from 13) placing '8' from 17)::uuid $$`);
}

// ------------------------------------------------------------------ accounts

function usersSql({ sizes, passwordHash }: SeedContext): Sql {
  const { merchants, creators, agencies } = sizes;
  return [
    `INSERT INTO users (id, email, password_hash, display_name, role, created_at)
     SELECT pg_temp.uid('admin-user', 1), 'admin@bench.vtask.test', $1, 'Bench Admin', 'ADMIN'::user_role, now() - interval '400 days'
     UNION ALL
     SELECT pg_temp.uid('merchant-user', m), 'merchant-' || lpad(m::text, 4, '0') || '@bench.vtask.test', $1,
            'Merchant ' || lpad(m::text, 4, '0'), 'MERCHANT'::user_role, now() - interval '1 day' * pg_temp.ri(m, 1, 365)
       FROM generate_series(1, ${merchants}) m
     UNION ALL
     SELECT pg_temp.uid('creator-user', c), 'creator-' || lpad(c::text, 6, '0') || '@bench.vtask.test', $1,
            (ARRAY['Lily','Chen','Mia','Hao','Yu','Jun','Ava','Lei','Zoe','Bo','Nina','Kai','Ruby','Ming'])[1 + pg_temp.ri(c, 2, 14)]
              || ' ' || (ARRAY['Wang','Li','Zhang','Liu','Zhao','Huang','Zhou','Wu','Xu','Sun','Ma','Zhu','Hu','Guo'])[1 + pg_temp.ri(c, 3, 14)],
            'CREATOR'::user_role, now() - interval '1 minute' * pg_temp.ri(c, 4, 365 * 24 * 60)
       FROM generate_series(1, ${creators}) c
     UNION ALL
     SELECT pg_temp.uid('agency-user', a), 'agency-' || lpad(a::text, 3, '0') || '@bench.vtask.test', $1,
            'Agency ' || lpad(a::text, 3, '0'), 'AGENCY'::user_role, now() - interval '300 days'
       FROM generate_series(1, ${agencies}) a`,
    [passwordHash],
  ];
}

function agenciesSql({ sizes }: SeedContext): Sql {
  return [
    `INSERT INTO agencies (id, user_id, name, revenue_share_bps, created_at)
     SELECT pg_temp.uid('agency', a), pg_temp.uid('agency-user', a), 'Bench Talent ' || lpad(a::text, 3, '0'),
            1000 + 500 * (a % 5), now() - interval '300 days'
       FROM generate_series(1, ${sizes.agencies}) a`,
    [],
  ];
}

function merchantsSql({ sizes, roots }: SeedContext): Sql {
  return [
    `INSERT INTO merchants (id, user_id, shop_name, industry_slug, created_at)
     SELECT pg_temp.uid('merchant', m), pg_temp.uid('merchant-user', m), 'Bench Shop ' || lpad(m::text, 4, '0'),
            ($1::varchar[])[1 + m % cardinality($1::varchar[])], u.created_at
       FROM generate_series(1, ${sizes.merchants}) m JOIN users u ON u.id = pg_temp.uid('merchant-user', m)`,
    [roots],
  ];
}

/** Tier shares 45/35/15/5 %; 1-3 tags (a child, its neighbour in the taxonomy, the first one's category). */
function creatorsSql({ sizes, tagSlugs, tagNames, tagParents }: SeedContext): Sql {
  const n = tagSlugs.length;
  return [
    `INSERT INTO creators (id, user_id, handle, bio, tier, domain_tags, channels, follower_count, agency_id, created_at)
     SELECT pg_temp.uid('creator', c), pg_temp.uid('creator-user', c), 'bench_' || lpad(c::text, 6, '0'),
            (ARRAY['Daily','Honest','Deep','Cozy','Smart','Fresh','Bold','Calm'])[1 + pg_temp.ri(c, 17, 8)] || ' '
              || lower(($2::varchar[])[1 + x.a]) || ' notes: reviews, hauls and how-tos, posted weekly',
            x.tier::creator_tier,
            ARRAY[($1::varchar[])[1 + x.a]]
              || CASE WHEN x.k >= 2 THEN ARRAY[($1::varchar[])[1 + (x.a + 1) % ${n}]] ELSE '{}'::varchar[] END
              || CASE WHEN x.k >= 3 THEN ARRAY[($3::varchar[])[1 + x.a]] ELSE '{}'::varchar[] END,
            ARRAY[($4::channel[])[1 + x.ch]]
              || CASE WHEN x.kc >= 2 THEN ARRAY[($4::channel[])[1 + (x.ch + 1) % 9]] ELSE '{}'::channel[] END
              || CASE WHEN x.kc >= 3 THEN ARRAY[($4::channel[])[1 + (x.ch + 2) % 9]] ELSE '{}'::channel[] END,
            round(10 ^ (x.low + pg_temp.r(c, 15) * 1.8))::int,
            CASE WHEN c % 10 = 0 THEN pg_temp.uid('agency', 1 + (c / 10) % ${sizes.agencies}) END,
            u.created_at
       FROM generate_series(1, ${sizes.creators}) c
       JOIN users u ON u.id = pg_temp.uid('creator-user', c)
      CROSS JOIN LATERAL (
        SELECT CASE WHEN pg_temp.r(c, 11) < 0.45 THEN 'ORDINARY' WHEN pg_temp.r(c, 11) < 0.80 THEN 'CREATOR'
                    WHEN pg_temp.r(c, 11) < 0.95 THEN 'EXPERT' ELSE 'CELEBRITY' END AS tier,
               pg_temp.ri(c, 12, ${n}) AS a, 1 + pg_temp.ri(c, 13, 3) AS k,
               pg_temp.ri(c, 14, 9) AS ch, 1 + pg_temp.ri(c, 16, 3) AS kc
      ) t
      CROSS JOIN LATERAL (
        SELECT t.*, CASE t.tier WHEN 'ORDINARY' THEN 2.2 WHEN 'CREATOR' THEN 3.5 WHEN 'EXPERT' THEN 4.5 ELSE 5.5 END AS low
      ) x`,
    [tagSlugs, tagNames, tagParents, CHANNELS],
  ];
}

/** One offer for every fifth creator, priced around the tier's going rate (CNY); 85 % active. */
function offersSql({ sizes }: SeedContext): Sql {
  return [
    `INSERT INTO offers (id, creator_id, title, description, content_type, channels, domain_tags, currency, price_minor,
                         slots, turnaround_days, status, created_at)
     SELECT pg_temp.uid('offer', g), cr.id,
            'A ' || lower(ct) || ' about your ' || replace(cr.domain_tags[1], '.', ' '),
            'One ' || lower(ct) || ', scripted with you and posted within a week.',
            ct::content_type, cr.channels, cr.domain_tags, 'CNY',
            (round(${TIER_RATE_SQL('cr.tier')} * (0.6 + 0.8 * pg_temp.r(g, 21)) / 10) * 1000)::bigint,
            20, 7,
            CASE WHEN pg_temp.r(g, 22) < 0.85 THEN 'ACTIVE' WHEN pg_temp.r(g, 22) < 0.95 THEN 'PAUSED' ELSE 'CLOSED' END::offer_status,
            cr.created_at + interval '1 day'
       FROM generate_series(5, ${sizes.creators}, 5) g
       JOIN creators cr ON cr.id = pg_temp.uid('creator', g)
      CROSS JOIN LATERAL (SELECT ($1::text[])[1 + pg_temp.ri(g, 23, 5)] AS ct) t`,
    [CONTENT_TYPES],
  ];
}

/** A tier's going rate in CNY (major units). */
const TIER_RATE_SQL = (tier: string) =>
  `(CASE ${tier} WHEN 'ORDINARY' THEN 300 WHEN 'CREATOR' THEN 800 WHEN 'EXPERT' THEN 3000 ELSE 15000 END)`;

// ------------------------------------------------------------------ the market

/**
 * Tasks numbered 0..T-1; per hundred: 60 OPEN, 12 CLOSED, 13 COMPLETED, 10 CANCELLED, 5 DRAFT (k = t % 100).
 * One in twenty is invite-only, one in twenty in USD. Open tasks accept bids for 1-30 more days.
 */
function tasksSql({ sizes, now, tagSlugs, tagNames }: SeedContext): Sql {
  const n = tagSlugs.length;
  return [
    `INSERT INTO tasks (id, merchant_id, title, brief, content_type, channels, domain_tags, min_tier, currency, budget_minor,
                        slots, apply_by, deliver_by, max_revisions, visibility, status, cancel_reason, created_at)
     SELECT pg_temp.uid('task', t), pg_temp.uid('merchant', 1 + t % ${sizes.merchants}),
            initcap(($3::text[])[1 + pg_temp.ri(t, 24, ${ADJECTIVES.length})]) || ' ' || lower(($2::varchar[])[1 + x.a])
              || ' ' || lower(x.ct) || ' #' || t,
            'Show our ' || lower(($2::varchar[])[1 + x.a]) || ' in daily use: unboxing, first impressions and one honest tip. '
              || 'Tag the shop and link the product page.',
            x.ct::content_type,
            CASE WHEN pg_temp.r(t, 25) < 0.5 THEN ARRAY[($5::channel[])[1 + x.ch]]
                 ELSE ARRAY[($5::channel[])[1 + x.ch], ($5::channel[])[1 + (x.ch + 1) % 9]] END,
            CASE WHEN pg_temp.r(t, 26) < 0.6 THEN ARRAY[($1::varchar[])[1 + x.a]]
                 ELSE ARRAY[($1::varchar[])[1 + x.a], ($1::varchar[])[1 + (x.a + 1) % ${n}]] END,
            x.tier::creator_tier, x.currency::currency_code,
            greatest(100, (round(${TIER_RATE_SQL('x.tier')} * (0.5 + pg_temp.r(t, 22)) / CASE WHEN x.currency = 'USD' THEN 70 ELSE 10 END) * 1000))::bigint,
            1 + pg_temp.ri(t, 27, 5), y.apply_by, y.apply_by + interval '1 day' * (7 + pg_temp.ri(t, 28, 14)),
            pg_temp.ri(t, 29, 4),
            CASE WHEN t % 20 = 3 THEN 'INVITE_ONLY' ELSE 'PUBLIC' END::task_visibility,
            x.status::task_status,
            CASE WHEN x.status = 'CANCELLED' THEN 'The product launch moved to next season.' END,
            y.created_at
       FROM generate_series(0, ${sizes.tasks - 1}) t
      CROSS JOIN LATERAL (
        SELECT CASE WHEN t % 100 < 60 THEN 'OPEN' WHEN t % 100 < 72 THEN 'CLOSED' WHEN t % 100 < 85 THEN 'COMPLETED'
                    WHEN t % 100 < 95 THEN 'CANCELLED' ELSE 'DRAFT' END AS status,
               CASE WHEN pg_temp.r(t, 21) < 0.40 THEN 'ORDINARY' WHEN pg_temp.r(t, 21) < 0.75 THEN 'CREATOR'
                    WHEN pg_temp.r(t, 21) < 0.93 THEN 'EXPERT' ELSE 'CELEBRITY' END AS tier,
               CASE WHEN t % 20 = 11 THEN 'USD' ELSE 'CNY' END AS currency,
               pg_temp.ri(t, 20, ${n}) AS a, pg_temp.ri(t, 30, 9) AS ch,
               ($4::text[])[1 + pg_temp.ri(t, 31, 5)] AS ct
      ) x
      CROSS JOIN LATERAL (
        SELECT CASE x.status
                 WHEN 'OPEN' THEN $6::timestamptz + interval '1 hour' * (24 + pg_temp.ri(t, 32, 29 * 24))
                 WHEN 'DRAFT' THEN $6::timestamptz + interval '20 days'
                 ELSE $6::timestamptz - interval '1 hour' * (20 * 24 + pg_temp.ri(t, 33, 300 * 24)) END AS apply_by,
               CASE x.status
                 WHEN 'OPEN' THEN $6::timestamptz - interval '1 minute' * pg_temp.ri(t, 34, 60 * 24 * 60)
                 WHEN 'DRAFT' THEN $6::timestamptz - interval '1 minute' * pg_temp.ri(t, 34, 20 * 24 * 60)
                 ELSE $6::timestamptz - interval '1 hour' * (30 * 24 + pg_temp.ri(t, 33, 300 * 24)) END AS created_at
      ) y`,
    [tagSlugs, tagNames, ADJECTIVES, CONTENT_TYPES, CHANNELS, now],
  ];
}

/**
 * Bids 0..B-1 over the non-draft tasks (95 per hundred), round after round: bid b goes to the (b mod ND)-th
 * of them, as that task's (b div ND)-th bid, from a creator no earlier round of the task used. Bid 7·o is
 * accepted into order o when o is a bid order (o mod 4 <> 3).
 */
function bidsSql({ sizes, now }: SeedContext): Sql {
  const nonDraft = (sizes.tasks / 100) * 95;
  return [
    `INSERT INTO bids (id, task_id, creator_id, currency, price_minor, pitch, status, order_id, created_at)
     SELECT pg_temp.uid('bid', b), tk.id, pg_temp.uid('creator', 1 + (x.t * 7919 + x.j * 104729) % ${sizes.creators}),
            tk.currency, greatest(100, round(tk.budget_minor * (0.7 + 0.4 * pg_temp.r(b, 41)) / 100) * 100)::bigint,
            'I post ' || lower(tk.content_type::text) || ' content for this audience every week; happy to film within days.',
            CASE WHEN x.accepted THEN 'ACCEPTED'
                 WHEN tk.status = 'OPEN' THEN CASE WHEN pg_temp.r(b, 42) < 0.85 THEN 'PENDING'
                                                    WHEN pg_temp.r(b, 42) < 0.95 THEN 'WITHDRAWN' ELSE 'REJECTED' END
                 WHEN pg_temp.r(b, 42) < 0.5 THEN 'REJECTED' ELSE 'EXPIRED' END::bid_status,
            CASE WHEN x.accepted THEN pg_temp.uid('order', b / 7) END,
            least($1::timestamptz, tk.created_at + interval '1 minute' * (10 + pg_temp.ri(b, 43, 9 * 24 * 60)))
       FROM generate_series(0, ${sizes.bids - 1}::bigint) b
      CROSS JOIN LATERAL (
        SELECT (b % ${nonDraft}) / 95 * 100 + (b % ${nonDraft}) % 95 AS t, b / ${nonDraft} AS j,
               b % 7 = 0 AND b / 7 < ${sizes.orders} AND (b / 7) % 4 <> 3 AS accepted
      ) x
      JOIN tasks tk ON tk.id = pg_temp.uid('task', x.t)`,
    [now],
  ];
}

/**
 * Orders 0..O-1 and the state each is in. Per twenty: 2 awaiting funding, 3 in progress, 2 delivered,
 * 1 revision requested, 8 completed, 1 cancelled after funding (refunded), 1 cancelled unfunded (the funding
 * window ran out), 1 disputed, 1 resolved by a split. Three in four come from an accepted bid, one from an offer.
 */
function orderPlanSql({ sizes }: SeedContext): Sql {
  return [
    `CREATE TEMP TABLE bench_order_plan ON COMMIT DROP AS
     SELECT o, pg_temp.uid('order', o) AS id,
            CASE (o / 4) % 20 WHEN 0 THEN 'AWAITING' WHEN 1 THEN 'AWAITING' WHEN 2 THEN 'IN_PROGRESS' WHEN 3 THEN 'IN_PROGRESS'
                 WHEN 4 THEN 'IN_PROGRESS' WHEN 5 THEN 'DELIVERED' WHEN 6 THEN 'DELIVERED' WHEN 7 THEN 'REVISION'
                 WHEN 15 THEN 'REFUNDED' WHEN 16 THEN 'EXPIRED' WHEN 17 THEN 'DISPUTED' WHEN 18 THEN 'RESOLVED'
                 ELSE 'COMPLETED' END AS phase
       FROM generate_series(0, ${sizes.orders - 1}) o`,
    [],
  ];
}

const ORDER_STATUS_OF_PHASE_SQL = `CASE p.phase WHEN 'AWAITING' THEN 'AWAITING_FUNDING' WHEN 'REVISION' THEN 'REVISION_REQUESTED'
  WHEN 'REFUNDED' THEN 'CANCELLED' WHEN 'EXPIRED' THEN 'CANCELLED' ELSE p.phase END`;
const IN_FLIGHT = `('AWAITING', 'IN_PROGRESS', 'DELIVERED', 'REVISION', 'DISPUTED')`;
const FUNDED = `p.phase NOT IN ('AWAITING', 'EXPIRED')`;
const DELIVERED = `p.phase IN ('DELIVERED', 'REVISION', 'COMPLETED', 'DISPUTED', 'RESOLVED')`;

/** The split every order stores: a 10 % platform fee (rounded down), then the agency's share of the rest. */
function ordersSql({ sizes, now }: SeedContext): Sql {
  return [
    `INSERT INTO orders (id, source, task_id, offer_id, merchant_id, creator_id, agency_id, brief, content_type, currency,
                         price_minor, platform_fee_bps, platform_fee_minor, agency_share_bps, agency_share_minor,
                         creator_payout_minor, status, funding_deadline, deliver_by, review_deadline, max_revisions,
                         revisions_used, created_at, updated_at)
     SELECT p.id, s.source::order_source, s.task_id, s.offer_id, s.merchant_id, s.creator_id, cr.agency_id, s.brief,
            s.content_type, s.currency, s.price, 1000, f.fee, coalesce(ag.revenue_share_bps, 0), f.share,
            s.price - f.fee - f.share, (${ORDER_STATUS_OF_PHASE_SQL})::order_status,
            CASE WHEN p.phase IN ('AWAITING', 'EXPIRED') THEN t.created_at + interval '3 days' END,
            t.deliver_by,
            CASE WHEN p.phase = 'DELIVERED' THEN $1::timestamptz + interval '1 hour' * (24 + pg_temp.ri(p.o, 51, 48)) END,
            2, CASE WHEN p.phase = 'REVISION' THEN 1 ELSE 0 END, t.created_at,
            CASE WHEN p.phase IN ${IN_FLIGHT} THEN least($1::timestamptz, t.created_at + interval '2 days')
                 ELSE t.created_at + interval '10 days' END
       FROM bench_order_plan p
      CROSS JOIN LATERAL (
        SELECT 'BID' AS source, b.task_id, NULL::uuid AS offer_id, tk.merchant_id, b.creator_id, tk.brief, tk.content_type,
               b.currency, b.price_minor AS price
          FROM bids b JOIN tasks tk ON tk.id = b.task_id
         WHERE p.o % 4 <> 3 AND b.id = pg_temp.uid('bid', p.o * 7)
        UNION ALL
        SELECT 'OFFER', NULL, f.id, pg_temp.uid('merchant', 1 + pg_temp.ri(p.o, 52, ${sizes.merchants})), f.creator_id,
               'Booked from the offer: ' || f.title, f.content_type, f.currency, f.price_minor
          FROM offers f
         WHERE p.o % 4 = 3 AND f.id = pg_temp.uid('offer', 5 * (1 + pg_temp.ri(p.o, 53, ${Math.floor(sizes.creators / 5)})))
      ) s
      JOIN creators cr ON cr.id = s.creator_id
      LEFT JOIN agencies ag ON ag.id = cr.agency_id
      CROSS JOIN LATERAL (SELECT s.price * 1000 / 10000 AS fee) f0
      CROSS JOIN LATERAL (
        SELECT f0.fee, CASE WHEN ag.id IS NULL THEN 0 ELSE (s.price - f0.fee) * ag.revenue_share_bps / 10000 END AS share
      ) f
      CROSS JOIN LATERAL (
        SELECT CASE WHEN p.phase = 'AWAITING' THEN $1::timestamptz - interval '1 minute' * pg_temp.ri(p.o, 54, 2 * 24 * 60)
                    WHEN p.phase IN ${IN_FLIGHT} THEN $1::timestamptz - interval '1 minute' * (2 * 24 * 60 + pg_temp.ri(p.o, 54, 18 * 24 * 60))
                    ELSE $1::timestamptz - interval '1 minute' * (20 * 24 * 60 + pg_temp.ri(p.o, 54, 300 * 24 * 60)) END AS created_at,
               p.phase IN ${IN_FLIGHT} AS in_flight
      ) t0
      CROSS JOIN LATERAL (
        SELECT t0.created_at,
               CASE WHEN t0.in_flight THEN $1::timestamptz + interval '1 hour' * (48 + pg_temp.ri(p.o, 55, 14 * 24))
                    ELSE t0.created_at + interval '14 days' END AS deliver_by
      ) t`,
    [now],
  ];
}

/** Version 1 of the work for every order that got as far as a delivery; 85 % of finished ones on time. */
function deliverablesSql({ now }: SeedContext): Sql {
  return [
    `INSERT INTO deliverables (id, order_id, version, title, body, published_url, status, feedback, submitted_at)
     SELECT pg_temp.uid('deliverable', p.o), p.id, 1, 'Delivery for order ' || p.o,
            'The post is live: unboxing, a week of daily use, and the honest verdict. Link in the first comment.',
            'https://example.com/bench/posts/' || p.o,
            CASE p.phase WHEN 'COMPLETED' THEN 'APPROVED' WHEN 'REVISION' THEN 'CHANGES_REQUESTED' ELSE 'SUBMITTED' END::deliverable_status,
            CASE WHEN p.phase = 'REVISION' THEN 'Please show the label more clearly.' END,
            CASE WHEN p.phase IN ${IN_FLIGHT} THEN $1::timestamptz - interval '1 minute' * (60 + pg_temp.ri(p.o, 61, 24 * 60))
                 WHEN pg_temp.r(p.o, 62) < 0.85 THEN o.deliver_by - interval '1 day'
                 ELSE o.deliver_by + interval '1 day' END
       FROM bench_order_plan p JOIN orders o ON o.id = p.id
      WHERE ${DELIVERED}`,
    [now],
  ];
}

/** The timeline the order suites check: one FUNDED per FUND posting, one ending event per final order. */
function orderEventsSql({ now }: SeedContext): Sql {
  return [
    `INSERT INTO order_events (id, order_id, type, actor_user_id, note, at)
     SELECT pg_temp.uid('order-event', p.o * 10 + e.n), p.id, e.type, NULL, NULL,
            least($1::timestamptz, o.created_at + e.after)
       FROM bench_order_plan p JOIN orders o ON o.id = p.id
      CROSS JOIN LATERAL (VALUES
        (0, 'CREATED', interval '0 hours', true),
        (1, 'FUNDED', interval '1 hour', ${FUNDED}),
        (2, 'DELIVERED', interval '2 days', ${DELIVERED}),
        (3, 'REVISION_REQUESTED', interval '3 days', p.phase = 'REVISION'),
        (4, 'DISPUTED', interval '4 days', p.phase IN ('DISPUTED', 'RESOLVED')),
        (5, 'ACCEPTED', interval '10 days', p.phase = 'COMPLETED'),
        (6, 'CANCELLED', interval '10 days', p.phase = 'REFUNDED'),
        (7, 'FUNDING_EXPIRED', interval '3 days', p.phase = 'EXPIRED'),
        (8, 'RESOLVED', interval '10 days', p.phase = 'RESOLVED')
      ) e(n, type, after, included)
      WHERE e.included`,
    [now],
  ];
}

/** Seven in ten completed orders are rated (mostly 4-5 stars): the creators' track records. */
function reviewsSql(): Sql {
  return [
    `INSERT INTO reviews (id, order_id, direction, subject_id, rating, comment, created_at)
     SELECT pg_temp.uid('review', p.o), p.id, 'OF_CREATOR', o.creator_id,
            CASE WHEN pg_temp.r(p.o, 71) < 0.55 THEN 5 WHEN pg_temp.r(p.o, 71) < 0.85 THEN 4
                 WHEN pg_temp.r(p.o, 71) < 0.95 THEN 3 WHEN pg_temp.r(p.o, 71) < 0.98 THEN 2 ELSE 1 END,
            CASE WHEN pg_temp.r(p.o, 72) < 0.3 THEN 'On time and on brief.' END,
            o.created_at + interval '11 days'
       FROM bench_order_plan p JOIN orders o ON o.id = p.id
      WHERE p.phase = 'COMPLETED' AND pg_temp.r(p.o, 70) < 0.7`,
    [],
  ];
}

// ------------------------------------------------------------------ the ledger (libs/ledger EscrowPostings)

/** FUND for every funded order; one settlement for each final funded one (RELEASE, REFUND or SPLIT). */
function ledgerTransactionsSql(): Sql {
  return [
    `INSERT INTO ledger_transactions (id, kind, order_id, currency, memo, created_at)
     SELECT pg_temp.uid('ledger-fund', p.o), 'FUND', p.id, o.currency, NULL, o.created_at + interval '1 hour'
       FROM bench_order_plan p JOIN orders o ON o.id = p.id
      WHERE ${FUNDED}
     UNION ALL
     SELECT pg_temp.uid('ledger-settle', p.o),
            (CASE p.phase WHEN 'COMPLETED' THEN 'RELEASE' WHEN 'REFUNDED' THEN 'REFUND' ELSE 'SPLIT' END)::posting_kind,
            p.id, o.currency, NULL, o.created_at + interval '10 days'
       FROM bench_order_plan p JOIN orders o ON o.id = p.id
      WHERE p.phase IN ('COMPLETED', 'REFUNDED', 'RESOLVED')`,
    [],
  ];
}

/**
 * The postings' lines, as EscrowPostings writes them (zero lines left out, as LedgerService does). A
 * resolved dispute gives the creator half: the fee and the agency's share apply to that half, the rest
 * goes back to the merchant's payment.
 */
function ledgerEntriesSql(): Sql {
  return [
    `INSERT INTO ledger_entries (id, transaction_id, account, kind, currency, amount_minor, order_id, created_at)
     SELECT pg_temp.uid('ledger-entry', p.o * 16 + l.n),
            pg_temp.uid(CASE WHEN l.n < 2 THEN 'ledger-fund' ELSE 'ledger-settle' END, p.o),
            l.account, l.kind::posting_kind, o.currency, l.amount, o.id,
            o.created_at + CASE WHEN l.n < 2 THEN interval '1 hour' ELSE interval '10 days' END
       FROM bench_order_plan p JOIN orders o ON o.id = p.id
      CROSS JOIN LATERAL (SELECT o.price_minor / 2 AS half, 'escrow:order/' || o.id AS escrow) h
      CROSS JOIN LATERAL (SELECT h.half * o.platform_fee_bps / 10000 AS fee) s1
      CROSS JOIN LATERAL (
        SELECT CASE WHEN o.agency_id IS NULL THEN 0 ELSE (h.half - s1.fee) * o.agency_share_bps / 10000 END AS share
      ) s2
      CROSS JOIN LATERAL (VALUES
        (0, 'external:sandbox', 'FUND', -o.price_minor, ${FUNDED}),
        (1, h.escrow, 'FUND', o.price_minor, ${FUNDED}),
        (2, h.escrow, 'RELEASE', -o.price_minor, p.phase = 'COMPLETED'),
        (3, 'creator/' || o.creator_id, 'RELEASE', o.creator_payout_minor, p.phase = 'COMPLETED'),
        (4, 'platform:fees', 'FEE', o.platform_fee_minor, p.phase = 'COMPLETED'),
        (5, 'agency/' || o.agency_id, 'AGENCY_SHARE', o.agency_share_minor, p.phase = 'COMPLETED' AND o.agency_id IS NOT NULL),
        (6, h.escrow, 'REFUND', -o.price_minor, p.phase = 'REFUNDED'),
        (7, 'external:sandbox', 'REFUND', o.price_minor, p.phase = 'REFUNDED'),
        (8, h.escrow, 'SPLIT', -o.price_minor, p.phase = 'RESOLVED'),
        (9, 'creator/' || o.creator_id, 'RELEASE', h.half - s1.fee - s2.share, p.phase = 'RESOLVED'),
        (10, 'platform:fees', 'FEE', s1.fee, p.phase = 'RESOLVED'),
        (11, 'agency/' || o.agency_id, 'AGENCY_SHARE', s2.share, p.phase = 'RESOLVED' AND o.agency_id IS NOT NULL),
        (12, 'external:sandbox', 'REFUND', o.price_minor - h.half, p.phase = 'RESOLVED')
      ) l(n, account, kind, amount, included)
      WHERE l.included AND l.amount <> 0`,
    [],
  ];
}

/**
 * A resolved dispute's order shows what its SPLIT moved, as resolveDispute stores it: the released
 * half's fee, agency share and payout, and the refunded rest.
 */
const SPLIT_AMOUNTS_SQL = `
  UPDATE orders o SET platform_fee_minor = s.fee, agency_share_minor = s.share, creator_payout_minor = s.payout,
                      refunded_minor = s.refunded
    FROM (SELECT e.order_id,
                 coalesce(sum(e.amount_minor) FILTER (WHERE e.kind = 'FEE'), 0) AS fee,
                 coalesce(sum(e.amount_minor) FILTER (WHERE e.kind = 'AGENCY_SHARE'), 0) AS share,
                 coalesce(sum(e.amount_minor) FILTER (WHERE e.kind = 'RELEASE'), 0) AS payout,
                 coalesce(sum(e.amount_minor) FILTER (WHERE e.kind = 'REFUND'), 0) AS refunded
            FROM bench_order_plan p JOIN ledger_entries e ON e.order_id = p.id
           WHERE p.phase = 'RESOLVED'
           GROUP BY e.order_id) s
   WHERE o.id = s.order_id`;

/** Slots taken by orders that were not cancelled (a cancelled order gives its slot back). */
const SLOTS_FILLED_SQL = `
  UPDATE tasks t SET slots_filled = f.n, slots = greatest(t.slots, f.n)
    FROM (SELECT o.task_id, count(*)::int AS n FROM bench_order_plan p JOIN orders o ON o.id = p.id
           WHERE o.task_id IS NOT NULL AND o.status <> 'CANCELLED' GROUP BY o.task_id) f
   WHERE t.id = f.task_id`;
const SLOTS_BOOKED_SQL = `
  UPDATE offers f SET slots_booked = b.n, slots = greatest(f.slots, b.n)
    FROM (SELECT o.offer_id, count(*)::int AS n FROM bench_order_plan p JOIN orders o ON o.id = p.id
           WHERE o.offer_id IS NOT NULL AND o.status <> 'CANCELLED' GROUP BY o.offer_id) b
   WHERE f.id = b.offer_id`;

// ------------------------------------------------------------------ notifications and venues

/** N notifications over U users (the first merchants, a fifth of U, then the first creators); 30 % unread. */
function notificationsSql({ sizes, now }: SeedContext): Sql {
  const users = sizes.notifiedUsers;
  const merchants = Math.min(sizes.merchants, Math.floor(users / 5));
  return [
    `INSERT INTO notifications (id, user_id, type, message, order_id, task_id, venue_id, read_at, created_at)
     SELECT pg_temp.uid('notification', n),
            CASE WHEN x.u < ${merchants} THEN pg_temp.uid('merchant-user', x.u + 1)
                 ELSE pg_temp.uid('creator-user', x.u - ${merchants} + 1) END,
            y.type, y.message, NULL, pg_temp.uid('task', pg_temp.ri(n, 82, ${sizes.tasks})), NULL,
            CASE WHEN pg_temp.r(n, 83) < 0.7 THEN least($1::timestamptz, x.created_at + interval '1 hour') END,
            x.created_at
       FROM generate_series(0, ${sizes.notifications - 1}::bigint) n
      CROSS JOIN LATERAL (
        SELECT n % ${users} AS u, pg_temp.ri(n, 81, 3) AS kind,
               $1::timestamptz - interval '1 minute' * pg_temp.ri(n, 84, 90 * 24 * 60) AS created_at
      ) x
      CROSS JOIN LATERAL (
        SELECT CASE WHEN x.u < ${merchants}
                    THEN (ARRAY['BID_RECEIVED', 'DELIVERABLE_SUBMITTED', 'INVITATION_ACCEPTED'])[1 + x.kind]
                    ELSE (ARRAY['BID_ACCEPTED', 'BID_REJECTED', 'ORDER_FUNDED'])[1 + x.kind] END AS type,
               CASE WHEN x.u < ${merchants}
                    THEN (ARRAY['A creator bid on your task.', 'A delivery is waiting for your review.',
                                'A creator accepted your invitation.'])[1 + x.kind]
                    ELSE (ARRAY['Your bid was accepted: the order awaits funding.', 'Your bid was not chosen this time.',
                                'The escrow holds the price: work can start.'])[1 + x.kind] END AS message
      ) y`,
    [now],
  ];
}

/**
 * Festival venues around now: going live from half the venues' count of days ago to as many days ahead,
 * each with the usual timeline before it. Lineups of venues already past curation are published.
 */
function venuesSql({ sizes, now, roots }: SeedContext): Sql {
  const half = Math.floor(sizes.venues / 2);
  return [
    `INSERT INTO venues (id, name, kind, event, description, domain_tags, min_tier, recruitment_opens_at,
                         recruitment_closes_at, submission_deadline, go_live_at, ends_at, capacity,
                         lineup_published_at, lineup_published_by_user_id, created_by_user_id, created_at)
     SELECT pg_temp.uid('venue', v), 'Double 11 ' || initcap(lower(k.kind)) || ' stage ' || v, k.kind::venue_kind,
            'Double 11 2026', 'The festival''s ' || lower(k.kind) || ' stage: the best content of the season.',
            ARRAY[($1::varchar[])[1 + v % cardinality($1::varchar[])]], 'ORDINARY',
            g.live - interval '30 days', g.live - interval '10 days', g.live - interval '5 days', g.live,
            g.live + interval '15 days', 50,
            CASE WHEN g.live - interval '2 days' <= $2::timestamptz THEN g.live - interval '2 days' END,
            CASE WHEN g.live - interval '2 days' <= $2::timestamptz THEN pg_temp.uid('admin-user', 1) END,
            pg_temp.uid('admin-user', 1), g.live - interval '40 days'
       FROM generate_series(1, ${sizes.venues}) v
      CROSS JOIN LATERAL (SELECT (ARRAY['CREATOR', 'LIVE', 'HEADLINE', 'LIST'])[1 + (v - 1) % 4] AS kind) k
      CROSS JOIN LATERAL (SELECT $2::timestamptz + interval '1 day' * (v - ${half}) AS live) g`,
    [roots, now],
  ];
}

/** Lineups: the first completed orders, `lineup` per venue, in order; each entered by its creator. */
function lineupPlanSql({ sizes }: SeedContext): Sql {
  return [
    `CREATE TEMP TABLE bench_lineup ON COMMIT DROP AS
     SELECT pg_temp.uid('venue', 1 + c.rn / ${sizes.lineup}) AS venue_id, 1 + c.rn % ${sizes.lineup} AS position,
            c.o, c.id AS order_id, pg_temp.uid('deliverable', c.o) AS deliverable_id, cr.user_id
       FROM (SELECT row_number() OVER (ORDER BY p.o) - 1 AS rn, p.o, p.id
               FROM bench_order_plan p WHERE p.phase = 'COMPLETED') c
       JOIN orders o ON o.id = c.id
       JOIN creators cr ON cr.id = o.creator_id
      WHERE c.rn < ${sizes.venues * sizes.lineup}`,
    [],
  ];
}

const ENROLLMENTS_SQL = `
  INSERT INTO venue_enrollments (id, venue_id, user_id, status, decided_at, decided_by_user_id, created_at)
  SELECT DISTINCT ON (l.venue_id, l.user_id) pg_temp.uid('venue-enrollment', l.o), l.venue_id, l.user_id, 'APPROVED',
         v.recruitment_opens_at + interval '2 days', pg_temp.uid('admin-user', 1), v.recruitment_opens_at + interval '1 day'
    FROM bench_lineup l JOIN venues v ON v.id = l.venue_id
   ORDER BY l.venue_id, l.user_id, l.o`;

const SUBMISSIONS_SQL = `
  INSERT INTO venue_submissions (id, venue_id, order_id, deliverable_id, submitted_by_user_id, status, reason,
                                 submitted_at, decided_at, decided_by_user_id, lineup_position)
  SELECT pg_temp.uid('venue-submission', l.o), l.venue_id, l.order_id, l.deliverable_id, l.user_id, 'ACCEPTED', NULL,
         v.recruitment_opens_at + interval '5 days', v.recruitment_opens_at + interval '6 days',
         pg_temp.uid('admin-user', 1), l.position
    FROM bench_lineup l JOIN venues v ON v.id = l.venue_id`;

// ------------------------------------------------------------------ derived data

/**
 * creator_match_profiles (migration MatchingProfiles): one row per seeded creator copied from creators,
 * then track records and price ranges from the project's own matching_refresh_creators, in batches.
 */
async function rebuildMatchingProfiles(client: Client, sizes: ScaleSizes): Promise<number> {
  const inserted =
    (
      await client.query(
        `INSERT INTO creator_match_profiles (creator_id, tier, domain_tags, channels, follower_count)
         SELECT cr.id, cr.tier, cr.domain_tags, cr.channels, cr.follower_count
           FROM generate_series(1, ${sizes.creators}) c JOIN creators cr ON cr.id = pg_temp.uid('creator', c)
         ON CONFLICT (creator_id) DO NOTHING`,
      )
    ).rowCount ?? 0;
  const ids = (
    await client.query<{ id: string }>(
      `SELECT creator_id AS id FROM offers o JOIN generate_series(5, ${sizes.creators}, 5) g ON o.id = pg_temp.uid('offer', g)
       UNION SELECT o.creator_id FROM bench_order_plan p JOIN orders o ON o.id = p.id WHERE p.phase = 'COMPLETED'
       ORDER BY 1`,
    )
  ).rows.map((row) => row.id);
  const BATCH = 5_000;
  for (let start = 0; start < ids.length; start += BATCH) {
    await client.query('SELECT matching_refresh_creators($1::uuid[])', [ids.slice(start, start + BATCH)]);
  }
  return inserted;
}

/** The feed's counters (migration ScaleCountersAndLedger), recounted over every task as that migration does. */
const REBUILD_FEED_COUNTERS_SQL = `
  INSERT INTO task_feed_counters (tag, status, stripe, n)
  SELECT key, t.status::text, 0, count(*)
    FROM tasks t CROSS JOIN LATERAL task_feed_keys(t.domain_tags) key
   WHERE t.visibility = 'PUBLIC'
   GROUP BY key, t.status`;

/** The creator directory's counters (migration CreatorDirectoryCounters), recounted as it does. */
const REBUILD_CREATOR_COUNTERS_SQL = `
  INSERT INTO creator_directory_counters (tag, tier, n)
  SELECT key, c.tier::text, count(*)
    FROM creators c CROSS JOIN LATERAL task_feed_keys(c.domain_tags) key
   GROUP BY key, c.tier`;

/**
 * creator_match_tags from the rebuilt profiles, as its trigger writes them (migration MatchCandidates):
 * one row per big-V creator and distinct tag, at the tag's first position, with the columns the score reads.
 */
const REBUILD_MATCH_CANDIDATES_SQL = `
  INSERT INTO creator_match_tags (tag, creator_id, tag_position, tier, domain_tags, channels, follower_count,
                                  audience_part, track_part, price_currencies, price_typical_minor)
  SELECT u.tag, p.creator_id, min(u.position)::smallint, p.tier, p.domain_tags, p.channels, p.follower_count,
         p.audience_part, p.track_part, p.price_currencies, p.price_typical_minor
    FROM creator_match_profiles p CROSS JOIN LATERAL unnest(p.domain_tags) WITH ORDINALITY u(tag, position)
   WHERE p.tier <> 'ORDINARY'
   GROUP BY u.tag, p.creator_id`;

/** Running balances of every account that keeps one: the sums of their entries. */
const REBUILD_BALANCES_SQL = `
  INSERT INTO ledger_balances (account, currency, balance_minor)
  SELECT account, currency, sum(amount_minor) FROM ledger_entries
   WHERE account NOT LIKE 'external:%' AND account NOT LIKE 'platform:%'
   GROUP BY account, currency
  ON CONFLICT (account, currency) DO UPDATE SET balance_minor = EXCLUDED.balance_minor`;

/** Why the derived data is wrong, if it is (empty when right); bench/seed and its test both ask. */
export async function derivedDataProblems(
  query: (text: string) => Promise<Record<string, unknown>[]>,
): Promise<string[]> {
  const problems: string[] = [];
  const add = (what: string, rows: Record<string, unknown>[]) =>
    rows.forEach((row) => problems.push(`${what}: ${JSON.stringify(row)}`));
  // Counted the way the feed filters: a tag matches tasks carrying it or one of its children.
  add(
    'feed counter differs from COUNT(*)',
    await query(
      `WITH keys AS (
         SELECT '' AS tag, NULL::varchar[] AS matches
         UNION ALL
         SELECT d.slug, ARRAY[d.slug] || coalesce((SELECT array_agg(c.slug) FROM domain_tags c WHERE c.parent_slug = d.slug), '{}')
           FROM domain_tags d),
       counted AS (
         SELECT k.tag, t.status::text AS status, count(*) AS n
           FROM tasks t JOIN keys k ON k.matches IS NULL OR t.domain_tags && k.matches
          WHERE t.visibility = 'PUBLIC'
          GROUP BY k.tag, t.status),
       kept AS (SELECT tag, status, sum(n) AS n FROM task_feed_counters GROUP BY tag, status)
       SELECT coalesce(c.tag, k.tag) AS tag, coalesce(c.status, k.status) AS status,
              coalesce(c.n, 0)::text AS counted, coalesce(k.n, 0)::text AS counter
         FROM counted c FULL JOIN kept k ON k.tag = c.tag AND k.status = c.status
        WHERE coalesce(c.n, 0) <> coalesce(k.n, 0)`,
    ),
  );
  add(
    'creator directory counter differs from COUNT(*)',
    await query(
      `WITH counted AS (
         SELECT key AS tag, c.tier::text AS tier, count(*) AS n
           FROM creators c CROSS JOIN LATERAL task_feed_keys(c.domain_tags) key GROUP BY key, c.tier)
       SELECT coalesce(c.tag, k.tag) AS tag, coalesce(c.tier, k.tier) AS tier,
              coalesce(c.n, 0)::text AS counted, coalesce(k.n, 0)::text AS counter
         FROM counted c FULL JOIN creator_directory_counters k ON k.tag = c.tag AND k.tier = c.tier
        WHERE coalesce(c.n, 0) <> coalesce(k.n, 0)`,
    ),
  );
  add(
    'ranking candidates differ from the big-V profiles and their tags',
    await query(
      `WITH expected AS (
         SELECT DISTINCT u.tag, p.creator_id, p.tier::text AS tier
           FROM creator_match_profiles p CROSS JOIN LATERAL unnest(p.domain_tags) u(tag)
          WHERE p.tier <> 'ORDINARY'),
       kept AS (SELECT tag, creator_id, tier::text AS tier FROM creator_match_tags)
       (SELECT 'missing' AS problem, * FROM (SELECT * FROM expected EXCEPT SELECT * FROM kept) m LIMIT 10)
       UNION ALL
       (SELECT 'extra', * FROM (SELECT * FROM kept EXCEPT SELECT * FROM expected) x LIMIT 10)`,
    ),
  );
  add(
    'unbalanced ledger transaction',
    await query(
      `SELECT t.id, t.kind, coalesce(sum(e.amount_minor), 0)::text AS total
         FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id
        GROUP BY t.id, t.kind
       HAVING coalesce(sum(e.amount_minor), 0) <> 0 OR count(e.id) < 2 OR count(DISTINCT e.currency) <> 1
        LIMIT 20`,
    ),
  );
  add(
    'balance differs from its entries',
    await query(
      `SELECT coalesce(b.account, s.account) AS account, b.balance_minor::text AS balance, s.total::text AS entries
         FROM ledger_balances b
         FULL JOIN (SELECT account, currency, sum(amount_minor) AS total FROM ledger_entries
                     WHERE account NOT LIKE 'external:%' AND account NOT LIKE 'platform:%'
                     GROUP BY account, currency) s
           ON s.account = b.account AND s.currency = b.currency
        WHERE b.balance_minor IS DISTINCT FROM s.total
        LIMIT 20`,
    ),
  );
  add(
    'negative balance',
    await query(`SELECT account, balance_minor::text FROM ledger_balances WHERE balance_minor < 0 LIMIT 20`),
  );
  return problems;
}

async function assertDerivedDataRight(client: Client): Promise<void> {
  const problems = await derivedDataProblems(async (text) => (await client.query(text)).rows);
  if (problems.length) throw new Error(`The seeded data is inconsistent:\n${problems.join('\n')}`);
}
