/**
 * The console's first load (issue 18), as a person opening it cold would see it: Chromium (playwright-core,
 * as test/browser drives it) on localhost against the built API serving the built console, with the demo
 * data. Each scenario opens one page in a fresh browser profile (an empty cache), after one warm-up
 * load that is not counted, BENCH_RUNS times (default 5), and reports the median of:
 *
 *   js          the JavaScript the page fetched before its content was complete: files, bytes as
 *               transferred (compressed when the server compresses) and decoded
 *   requests    every request the page made by then (the document included)
 *   fcp         the browser's first contentful paint: the first text or skeleton (antd's dot spinner paints no content)
 *   content     a real page element visible: the log-in form, or the page's title in the console frame
 *   complete    the page with its data: no skeleton or spinner left (the order page's time to content)
 *   js (all)    every JavaScript file the page fetched until the network was idle (charts drawn later too)
 *
 *   npm run bench:first-load          (builds the API and the console first)
 *
 * BENCH_RUNS   loads per scenario (default 5), after one warm-up load.
 * BENCH_LABEL  a word for the results file (before, after, …).
 * BENCH_ONLY   only the scenarios whose names contain one of these words (comma-separated: login,order).
 * BENCH_FILES  1: also print each JavaScript file a page fetched before it was complete, largest first
 *              (which chunk to split next).
 *
 * Prints a table and writes it as JSON under bench/results/. It is a benchmark, not a test: it exits
 * non-zero only when a page fails to load, never because a figure is slow; the goals are printed beside
 * the figures.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../libs/database/src/embedded-postgres';
import { API_MAIN, startApi, stopApi } from './support/api-process';
import { gql } from './support/graphql';
import { percentile } from './support/stats';

const ROOT = join(__dirname, '../..');
const WEB_INDEX = join(ROOT, 'apps/web/dist/index.html');
const RESULTS_DIR = join(ROOT, 'bench/results');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const DEMO_PASSWORD = 'vtask-demo-2026';
const RUNS = positiveInteger('BENCH_RUNS', 5);
const LABEL = (process.env.BENCH_LABEL || 'run').replace(/[^\w-]/g, '_');
const ONLY = (process.env.BENCH_ONLY || '').split(',').filter(Boolean);
const LIST_FILES = process.env.BENCH_FILES === '1';

/** Issue 18's goals. */
const GOALS = { initialJsKb: 300, contentMs: 1000, orderPageMs: 1200 };

const log = (line: string) => console.log(`[bench:first-load] ${line}`);

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1`);
  return value;
}

// ------------------------------------------------------------------ the server

interface Server {
  url: string;
  stop(): Promise<void>;
}

/** The built API as `npm start` runs it: embedded PostgreSQL in a fresh DATA_DIR, migrations, demo data. */
async function startServer(): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vtask-first-load-'));
  chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL runs as the postgres user
  const api = await startApi({
    env: {
      HOME: process.env.HOME ?? '/tmp',
      DATA_DIR: join(dataDir, 'data'),
      EMBEDDED_PG_PORT: String(await freePort()),
      EMBEDDED_PG_FSYNC: 'off',
      SEED_DEMO: 'true',
      LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    },
  });
  return {
    url: api.url,
    stop: async () => {
      await stopApi(api);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The console's ViewerFields, with the __typename the Apollo cache keeps. */
const VIEWER_FIELDS = `__typename id email displayName role merchant { __typename id shopName }
  creator { __typename id handle tier isBigV } agency { __typename id name }`;

async function signIn(baseUrl: string, email: string): Promise<{ token: string; viewer: unknown }> {
  const data = await gql<{ logIn: { token: string } }>(
    baseUrl,
    'mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }',
    { email, password: DEMO_PASSWORD },
  );
  const { me } = await gql<{ me: unknown }>(
    baseUrl,
    `query { me { ${VIEWER_FIELDS} } }`,
    {},
    data.logIn.token,
  );
  return { token: data.logIn.token, viewer: me };
}

/** The demo merchant's completed order: the fullest order page (deliverables, figures, charts, ledger). */
async function demoOrderId(baseUrl: string, merchantToken: string): Promise<string> {
  const data = await gql<{ myOrders: { nodes: { id: string; status: string }[] } }>(
    baseUrl,
    'query { myOrders(first: 50) { nodes { id status } } }',
    {},
    merchantToken,
  );
  const order = data.myOrders.nodes.find((node) => node.status === 'COMPLETED') ?? data.myOrders.nodes[0];
  if (!order) throw new Error('the demo merchant has no order');
  return order.id;
}

// ------------------------------------------------------------------ one load

interface Scenario {
  name: string;
  path: string;
  /** Signed in as this demo user (its token and viewer stored as the console stores them), or not signed in. */
  token?: string;
  viewer?: unknown;
  /** The order page: its complete time is compared with the order-page goal. */
  orderPage?: boolean;
}

interface LoadFigures {
  fcpMs: number;
  contentMs: number;
  completeMs: number;
  jsFiles: number;
  jsTransferredBytes: number;
  jsDecodedBytes: number;
  requests: number;
  allJsFiles: number;
  allJsTransferredBytes: number;
  allJsDecodedBytes: number;
  allRequests: number;
  graphqlRequests: number;
  /** When the first and the last GraphQL request before complete started: a sequence shows as a gap. */
  firstGraphqlStartMs: number;
  lastGraphqlStartMs: number;
}

/**
 * Installed before the page's own scripts: records, on every animation frame, when a real page element
 * first shows and when the page first has no skeleton or spinner left.
 */
const MARKS_SCRIPT = `(() => {
  performance.setResourceTimingBufferSize(2000);
  const marks = (window.__firstLoad = {});
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') marks.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  const shown = (element) => {
    if (!element) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const check = () => {
    const content = document.querySelector('[data-testid="login-submit"], .console-content h4');
    if (marks.content === undefined && shown(content)) marks.content = performance.now();
    if (
      marks.content !== undefined &&
      marks.complete === undefined &&
      !document.querySelector('.ant-skeleton, .ant-spin-spinning, .ant-spin-fullscreen-show')
    )
      marks.complete = performance.now();
    if (marks.complete === undefined) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

interface ResourceEntry {
  name: string;
  startTime: number;
  responseEnd: number;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
  initiatorType: string;
}

/** What the page measured: its marks, its first contentful paint, and every resource it fetched. */
interface Collected {
  marks: { content: number; complete: number };
  fcp: number;
  resources: ResourceEntry[];
}

const COLLECT_SCRIPT = `({
  marks: window.__firstLoad,
  fcp: window.__firstLoad.fcp ?? NaN,
  resources: performance.getEntriesByType('resource').map((entry) => ({
    name: entry.name,
    startTime: entry.startTime,
    responseEnd: entry.responseEnd,
    transferSize: entry.transferSize,
    encodedBodySize: entry.encodedBodySize,
    decodedBodySize: entry.decodedBodySize,
    initiatorType: entry.initiatorType,
  })),
})`;

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function listScripts(scenario: string, scripts: ResourceEntry[]): void {
  const largestFirst = [...scripts].sort((a, b) => b.transferSize - a.transferSize);
  for (const script of largestFirst) {
    const file = new URL(script.name).pathname.replace('/assets/', '');
    log(`${scenario}: ${kb(script.transferSize).padStart(7)} KB sent  ${file}`);
  }
}

async function loadOnce(browser: Browser, baseUrl: string, scenario: Scenario): Promise<LoadFigures> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
  });
  try {
    if (scenario.token) {
      await context.addInitScript(`localStorage.setItem('vtask.token', ${JSON.stringify(scenario.token)})`);
      // The viewer as the console keeps it after a sign-in (apps/web/src/auth/auth.tsx): a returning user.
      const stored = JSON.stringify({ mark: scenario.token.slice(-24), viewer: scenario.viewer });
      await context.addInitScript(`localStorage.setItem('vtask.viewer', ${JSON.stringify(stored)})`);
    }
    await context.addInitScript(MARKS_SCRIPT);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(scenario.path, { waitUntil: 'commit' });
    await page.waitForFunction('window.__firstLoad.complete !== undefined', null, {
      timeout: 30_000,
      polling: 100,
    });
    await page.waitForLoadState('networkidle');
    if (pageErrors.length) throw new Error(`${scenario.name}: the page failed: ${pageErrors.join(' | ')}`);
    const { marks, fcp, resources } = await page.evaluate<Collected>(COLLECT_SCRIPT);
    const scripts = (entries: ResourceEntry[]) => entries.filter((entry) => /\.m?js(\?|$)/.test(entry.name));
    const beforeComplete = resources.filter((entry) => entry.startTime <= marks.complete);
    if (LIST_FILES) listScripts(scenario.name, scripts(beforeComplete));
    const graphqlRequests = beforeComplete.filter((entry) => new URL(entry.name).pathname === '/graphql');
    const sum = (entries: ResourceEntry[], key: 'transferSize' | 'decodedBodySize') =>
      entries.reduce((total, entry) => total + entry[key], 0);
    return {
      fcpMs: fcp,
      contentMs: marks.content,
      completeMs: marks.complete,
      jsFiles: scripts(beforeComplete).length,
      jsTransferredBytes: sum(scripts(beforeComplete), 'transferSize'),
      jsDecodedBytes: sum(scripts(beforeComplete), 'decodedBodySize'),
      requests: beforeComplete.length + 1,
      allJsFiles: scripts(resources).length,
      allJsTransferredBytes: sum(scripts(resources), 'transferSize'),
      allJsDecodedBytes: sum(scripts(resources), 'decodedBodySize'),
      allRequests: resources.length + 1,
      graphqlRequests: graphqlRequests.length,
      firstGraphqlStartMs: graphqlRequests[0]?.startTime ?? NaN,
      lastGraphqlStartMs: graphqlRequests.at(-1)?.startTime ?? NaN,
    };
  } finally {
    await context.close();
  }
}

/** The median of the finite values (a load can lack a figure: no GraphQL request on the log-in page). */
function median(values: number[]): number {
  return percentile(
    values.filter(Number.isFinite).sort((a, b) => a - b),
    50,
  );
}

// ------------------------------------------------------------------ the run

async function main(): Promise<void> {
  for (const file of [API_MAIN, WEB_INDEX]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build && npm run build:web`);
  }
  const loadBefore = loadavg();
  log('starting the API with the demo data');
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const merchant = await signIn(server.url, 'merchant@demo.vtask');
    const allScenarios: Scenario[] = [
      { name: 'login', path: '/login' },
      { name: 'merchant dashboard', path: '/dashboard', ...merchant },
      { name: 'creator feed', path: '/feed', ...(await signIn(server.url, 'xiaoyu.home@demo.vtask')) },
      { name: 'admin creators', path: '/admin/creators', ...(await signIn(server.url, 'admin@demo.vtask')) },
      {
        name: 'order page',
        path: `/orders/${await demoOrderId(server.url, merchant.token)}`,
        ...merchant,
        orderPage: true,
      },
    ];
    const scenarios = allScenarios.filter(
      (scenario) => !ONLY.length || ONLY.some((word) => scenario.name.includes(word)),
    );
    const results: { scenario: Scenario; runs: LoadFigures[]; median: LoadFigures }[] = [];
    for (const scenario of scenarios) {
      log(`${scenario.name}: 1 warm-up load, then ${RUNS}`);
      await loadOnce(browser, server.url, scenario);
      const runs: LoadFigures[] = [];
      for (let run = 0; run < RUNS; run++) runs.push(await loadOnce(browser, server.url, scenario));
      const figures = Object.keys(runs[0]) as (keyof LoadFigures)[];
      const medians = Object.fromEntries(figures.map((key) => [key, median(runs.map((r) => r[key]))]));
      results.push({ scenario, runs, median: medians as unknown as LoadFigures });
    }

    const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '-');
    const header = [
      'scenario'.padEnd(20),
      'js files'.padStart(8),
      'js KB sent'.padStart(11),
      'js KB'.padStart(8),
      'requests'.padStart(9),
      'fcp ms'.padStart(7),
      'content'.padStart(8),
      'complete'.padStart(9),
      'gql'.padStart(4),
      'all js KB sent'.padStart(15),
    ].join(' ');
    const lines = [
      `first load, cold (a fresh browser profile each load), median of ${RUNS}; js and requests until the page is complete`,
      header,
      ...results.map(({ scenario, median: m }) =>
        [
          scenario.name.padEnd(20),
          String(m.jsFiles).padStart(8),
          kb(m.jsTransferredBytes).padStart(11),
          kb(m.jsDecodedBytes).padStart(8),
          String(m.requests).padStart(9),
          ms(m.fcpMs).padStart(7),
          ms(m.contentMs).padStart(8),
          ms(m.completeMs).padStart(9),
          String(m.graphqlRequests).padStart(4),
          kb(m.allJsTransferredBytes).padStart(15),
        ].join(' '),
      ),
      `goals (issue 18): initial JS <= ${GOALS.initialJsKb} KB as sent, first content <= ${GOALS.contentMs} ms, ` +
        `order page complete <= ${GOALS.orderPageMs} ms`,
      `load average before ${loadBefore.map((v) => v.toFixed(2)).join(' ')}, after ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')} (1, 5, 15 min), ${cpus().length} cores`,
    ];
    console.log(lines.join('\n'));

    if (!existsSync(RESULTS_DIR)) mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(
      RESULTS_DIR,
      `first-load-${LABEL}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    const report = {
      bench: 'first-load',
      label: LABEL,
      date: new Date().toISOString(),
      runs: RUNS,
      goals: GOALS,
      machine: {
        cores: cpus().length,
        cpu: cpus()[0]?.model ?? null,
        chromium: browser.version(),
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg(),
      },
      scenarios: results.map(({ scenario, runs, median: m }) => ({
        name: scenario.name,
        path: scenario.path.replace(/\/orders\/.+$/, '/orders/:id'),
        median: m,
        goals: {
          initialJs: m.jsTransferredBytes <= GOALS.initialJsKb * 1024,
          content: m.contentMs <= GOALS.contentMs,
          ...(scenario.orderPage ? { orderPage: m.completeMs <= GOALS.orderPageMs } : {}),
        },
        runs,
      })),
    };
    writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    log(`written to ${file}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
