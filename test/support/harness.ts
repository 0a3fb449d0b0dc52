import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { dropDatabase, ensureDatabase, withDatabase } from '../../libs/database/src/embedded-postgres';

export const TEST_JWT_SECRET = 'test-secret-for-vtask-e2e-suites-only-0123456789';

/** The built API (`npm test` builds first): tests run it as its own process, exactly as `npm start` does. */
const MAIN = join(__dirname, '../../dist/apps/api/src/main.js');
const READY = /V-Task is ready: GraphQL at (http:\/\/\S+)\/graphql/;

/** A fresh copy of the migrated template database, for one test file (or one scenario). */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = requiredEnv('VTASK_TEST_ADMIN_URL');
  const name = `vtask_t_${requiredEnv('VTASK_TEST_RUN')}_${randomBytes(5).toString('hex')}`;
  await ensureDatabase(adminUrl, name, requiredEnv('VTASK_TEST_TEMPLATE'));
  return withDatabase(adminUrl, name);
}

export interface StartOptions {
  /** Reuse an existing database (a restart, or a second instance); default: a fresh copy. */
  databaseUrl?: string;
  env?: Record<string, string>;
  /** Drop the database when the server closes (default: when the harness created it). */
  dropOnClose?: boolean;
  /** How long to wait for "V-Task is ready" (default 45 s; seeding demo data on a busy machine takes longer). */
  readyTimeoutMs?: number;
}

/** One API server process on a random port over a real PostgreSQL database. */
export class TestServer {
  readonly gql: GqlClient;
  private exited: Promise<number | null>;

  private constructor(
    readonly url: string,
    readonly databaseUrl: string,
    private readonly child: ChildProcess,
    private readonly output: string[],
    private readonly dropOnClose: boolean,
  ) {
    this.gql = new GqlClient(url);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(options: StartOptions = {}): Promise<TestServer> {
    const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      SEED_DEMO: 'false',
      LOGIN_ATTEMPTS_PER_MINUTE: '1000',
      // Suites run many operations at once as one user; test/query-limits.e2e-spec.ts checks the default.
      EXPENSIVE_OPERATIONS_PER_USER: '1000',
      ...options.env,
    };
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const readyTimeout = options.readyTimeoutMs ?? 90_000;
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A server that never got ready must not outlive the test run (it would hold jest open).
        child.kill('SIGKILL');
        reject(new Error(`the server did not start in ${readyTimeout / 1000} s:\n${output.join('')}`));
      }, readyTimeout);
      const onData = (chunk: Buffer) => {
        output.push(chunk.toString());
        if (output.length > 400) output.splice(0, output.length - 400);
        const match = READY.exec(chunk.toString());
        if (match) {
          clearTimeout(timer);
          resolve(match[1].replace('localhost', '127.0.0.1'));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code} before it was ready:\n${output.join('')}`));
      });
    });
    return new TestServer(
      url,
      databaseUrl,
      child,
      output,
      options.dropOnClose ?? options.databaseUrl === undefined,
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** What the server printed (the last few hundred chunks), for assertions about logs. */
  logs(): string {
    return this.output.join('');
  }

  /** A graceful stop (SIGTERM), as an operator would do. */
  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
    if (this.dropOnClose)
      await dropDatabase(requiredEnv('VTASK_TEST_ADMIN_URL'), databaseName(this.databaseUrl));
  }

  /** A crash (SIGKILL): nothing gets to clean up. The database stays for a restart. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A direct SQL connection to this server's database, for checks the API does not expose. */
  async sql<T extends Record<string, unknown> = Record<string, any>>(
    text: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    return queryOnce<T>(this.databaseUrl, text, params);
  }
}

export function startTestServer(options: StartOptions = {}): Promise<TestServer> {
  return TestServer.start(options);
}

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; fields?: Record<string, string>; [key: string]: unknown };
}

export interface GqlResponse<T> {
  status: number;
  data: T | null;
  errors?: GqlError[];
  headers: Record<string, string>;
  body: unknown;
}

/** A GraphQL client over HTTP, as any integration would call the API. */
export class GqlClient {
  /** Every error this client received, so a suite can check them all at the end (codes, no stacks). */
  readonly errorsSeen: GqlError[] = [];

  /**
   * `language` is the client's Accept-Language: English unless a suite reads as the Chinese console
   * does (the server's default when the header is absent), so assertions can quote the English wording.
   */
  constructor(
    readonly baseUrl: string,
    readonly language: string | null = 'en',
  ) {}

  async request<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string | null,
    headers: Record<string, string> = {},
  ): Promise<GqlResponse<T>> {
    let call = request(this.baseUrl).post('/graphql').set('content-type', 'application/json');
    if (this.language) call = call.set('accept-language', this.language);
    if (token) call = call.set('authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    const response = await call.send({ query, variables });
    if (Array.isArray(response.body?.errors)) this.errorsSeen.push(...response.body.errors);
    return {
      status: response.status,
      data: response.body?.data ?? null,
      errors: response.body?.errors,
      headers: response.headers as Record<string, string>,
      body: response.body,
    };
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string | null,
  ): Promise<T> {
    const response = await this.request<T>(query, variables, token);
    if (response.errors?.length || !response.data) {
      throw new Error(`GraphQL operation failed (${response.status}): ${JSON.stringify(response.errors)}`);
    }
    return response.data;
  }

  /** Runs an operation that must fail and returns its first error. */
  async fail(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string | null,
  ): Promise<GqlError> {
    const response = await this.request(query, variables, token);
    const error = response.errors?.[0];
    if (!error) throw new Error(`Expected an error, got data: ${JSON.stringify(response.data)}`);
    return error;
  }
}

/** One statement on its own connection to `databaseUrl` (tests' checks of stored rows). */
export async function queryOnce<T extends Record<string, unknown>>(
  databaseUrl: string,
  text: string,
  params: unknown[],
): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** The database a PostgreSQL URL names. */
export function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

/** A setting the test run's global setup leaves in the environment. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the tests through jest (npm test), whose global setup sets it`);
  return value;
}
