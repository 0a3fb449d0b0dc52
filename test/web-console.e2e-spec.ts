import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from './support/harness';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent, still compressed when the server compressed it. */
  body: Buffer;
}

/** One request with exactly these headers (fetch would add its own Accept-Encoding and decode). */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function decoded(response: RawResponse): string {
  switch (response.headers['content-encoding']) {
    case 'br':
      return brotliDecompressSync(response.body).toString();
    case 'gzip':
      return gunzipSync(response.body).toString();
    default:
      return response.body.toString();
  }
}

/** A console build as `npm run build:web` lays it out: a hashed script with its .br and .gz beside it. */
const SCRIPT = `export const greeting = ${JSON.stringify('V任务 '.repeat(2000))};\n`;
const SCRIPT_NAME = 'index-Ab12Cd34.js';
const INDEX_HTML =
  '<!doctype html><html lang="zh-CN"><head><title>V任务</title>' +
  `<script type="module" src="/assets/${SCRIPT_NAME}"></script></head><body><div id="root"></div></body></html>`;

function writeConsoleBuild(dir: string): void {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'assets', SCRIPT_NAME), SCRIPT);
  writeFileSync(join(dir, 'assets', `${SCRIPT_NAME}.br`), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, 'assets', `${SCRIPT_NAME}.gz`), gzipSync(SCRIPT));
}

/** Every domain tag with its parent: well over 1 KB of JSON. */
const LARGE_QUERY = JSON.stringify({ query: '{ domainTags { slug name parent { slug } } }' });
const SMALL_QUERY = JSON.stringify({ query: '{ __typename }' });

describe('the console and GraphQL answers are compressed and cached as issue 18 asks', () => {
  let server: TestServer;
  let consoleDir: string;
  beforeAll(async () => {
    consoleDir = mkdtempSync(join(tmpdir(), 'vtask-console-'));
    writeConsoleBuild(consoleDir);
    server = await startTestServer({ env: { WEB_DIST_DIR: consoleDir } });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  const graphql = (body: string, acceptEncoding?: string) =>
    send(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
      },
      body,
    });

  it('compresses a GraphQL answer over 1 KB with brotli when the client takes it, else with gzip', async () => {
    const plain = await graphql(LARGE_QUERY);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);

    const brotli = await graphql(LARGE_QUERY, 'gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(decoded(brotli))).toEqual(JSON.parse(plain.body.toString()));

    const gzip = await graphql(LARGE_QUERY, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(gzip))).toEqual(JSON.parse(plain.body.toString()));
  });

  it('leaves answers under 1 KB as they are', async () => {
    const small = await graphql(SMALL_QUERY, 'gzip, deflate, br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ data: { __typename: 'Query' } });
  });

  it("serves the build's compressed copy of a hashed asset, cached for a year", async () => {
    const url = `${server.url}/assets/${SCRIPT_NAME}`;
    const brotli = await send(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/^text\/javascript/);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    // Immutable under its hashed name: nothing to revalidate or resume.
    expect(brotli.headers).not.toHaveProperty('etag');
    expect(brotli.headers).not.toHaveProperty('last-modified');
    expect(brotli.headers).not.toHaveProperty('accept-ranges');
    expect(decoded(brotli)).toBe(SCRIPT);

    const gzip = await send(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decoded(gzip)).toBe(SCRIPT);

    const plain = await send(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('answers every console route with index.html, never cached, so a new build shows at once', async () => {
    for (const path of [
      '/',
      '/orders/123',
      '/index.html',
      '/showcase/5f0c2a53-8d8b-4e34-9a0c-6b1f0e7e2a11',
    ]) {
      const page = await send(`${server.url}${path}`, {
        headers: { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' },
      });
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(decoded(page)).toBe(INDEX_HTML);
    }
  });

  it('leaves tracking links to the API, even when a browser navigates to them', async () => {
    const link = await send(`${server.url}/go/AAAAAAAAAA`, { headers: { accept: 'text/html' } });
    expect(link.status).toBe(404);
    expect(decoded(link)).not.toBe(INDEX_HTML);
    expect(decoded(link)).toContain('Link not found');
  });

  it('answers a missing asset with 404, not the page', async () => {
    const missing = await send(`${server.url}/assets/index-missing.js`, { headers: { accept: '*/*' } });
    expect(missing.status).toBe(404);
  });
});
