import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const READY = /V-Task is ready: GraphQL at (http:\/\/\S+)\/graphql/;

export interface ApiServer {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

/**
 * The built API as `npm start` runs it (embedded PostgreSQL in a fresh DATA_DIR, migrations, demo
 * data), serving the built console at `/`, with `env` on top (another payment provider, say). Both
 * must be built first (`npm run test:browser` does).
 *
 * `logFile`: everything the API prints goes there too, with each GraphQL operation's time, errors and
 * SQL statement count (LOG_LEVEL=debug, one JSON line each), so a scenario that waited in vain for an
 * answer can be matched to what the server did meanwhile (.ci/run prints the slow and failed ones).
 */
export async function startApiServer(
  options: { env?: Record<string, string>; logFile?: string } = {},
): Promise<ApiServer> {
  for (const file of [MAIN, join(ROOT, 'apps/web/dist/index.html')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build && npm run build:web`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'vtask-browser-'));
  chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL runs as the postgres user
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATA_DIR: join(dataDir, 'data'),
    PORT: '0',
    EMBEDDED_PG_PORT: String(await freePort()),
    SEED_DEMO: 'true',
    // A throw-away database: no need to wait for the disk.
    EMBEDDED_PG_FSYNC: 'off',
    LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    ...(options.logFile ? { LOG_LEVEL: 'debug', LOG_FORMAT: 'json' } : {}),
    ...options.env,
  };
  if (options.logFile) mkdirSync(dirname(options.logFile), { recursive: true });
  const log = options.logFile ? createWriteStream(options.logFile) : null;
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  if (log) {
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
  }
  const exited = new Promise<void>((done) => child.once('exit', () => done())).then(
    () => new Promise<void>((done) => (log ? log.end(done) : done())),
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the API did not start in 150 s:\n${output.join('')}`)),
      150_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = READY.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1].replace('localhost', '127.0.0.1'));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with ${code} before it was ready:\n${output.join('')}`));
    });
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
