/**
 * The built API as a child process of a bench: started on a free port (PORT=0), ready when it prints
 * its ready line, stopped with SIGTERM so it closes its pools and workers as in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** The built API's entry point (dist/bench/support -> dist/apps/api/src/main.js). */
export const API_MAIN = join(__dirname, '../../apps/api/src/main.js');
const READY = /V-Task is ready: GraphQL at (http:\/\/\S+)\/graphql/;
/** Output chunks kept for an error message: enough for a failed start, bounded for a long debug run. */
const KEPT_CHUNKS = 200;

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** The last output chunks (stdout and stderr), for an error message. */
  output: string[];
}

export interface ApiStartOptions {
  /** The database; without one the API starts its embedded PostgreSQL in `env.DATA_DIR`. */
  databaseUrl?: string;
  /** Settings beside the ones every bench sets (NODE_ENV=test, PORT=0, a fresh JWT_SECRET, no demo seed). */
  env?: Record<string, string>;
  /** Arguments for node before the entry point (--cpu-prof, …). */
  nodeArgs?: string[];
  /** Called with every chunk the API writes to stdout (its log lines). */
  onStdout?: (chunk: Buffer) => void;
  /** How error messages name this process ("the API", "an API"). */
  name?: string;
}

export async function startApi(options: ApiStartOptions): Promise<ApiProcess> {
  const name = options.name ?? 'the API';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), API_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: '0',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      JWT_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > KEPT_CHUNKS) output.splice(0, output.length - KEPT_CHUNKS);
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start in 120 s:\n${output.join('')}`)),
      120_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      options.onStdout?.(chunk);
      keep(chunk);
      const match = READY.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    });
    child.stderr!.on('data', keep);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output.join('')}`));
    });
  });
  return { url, child, output };
}

/** Signals `child` (unless it has already ended) and waits until it has exited. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

export async function stopApi(api: ApiProcess): Promise<void> {
  await stopProcess(api.child);
}
