import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../libs/database/src/embedded-postgres';
import { TestServer } from './support/harness';

/** A database URL nothing listens on: a server that reached its database would fail differently. */
const UNREACHABLE_DATABASE = 'postgres://nobody@127.0.0.1:1/none';

async function startFailure(env: Record<string, string>): Promise<string> {
  try {
    const server = await TestServer.start({ databaseUrl: UNREACHABLE_DATABASE, env });
    await server.close();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the server started');
}

describe('what the server refuses at start', () => {
  describe('sandbox payments in production', () => {
    it('refuses to start with the sandbox provider in production unless ALLOW_SANDBOX_PAYMENTS=true', async () => {
      const message = await startFailure({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'sandbox' });
      expect(message).toContain('V-Task cannot start: NODE_ENV=production with the sandbox payment provider');
      expect(message).toContain('ALLOW_SANDBOX_PAYMENTS=true');
      // One line for the operator, not a stack trace.
      expect(message).not.toMatch(/\n\s+at /);
    });

    it('refuses a value of ALLOW_SANDBOX_PAYMENTS other than true or false', async () => {
      const message = await startFailure({ NODE_ENV: 'production', ALLOW_SANDBOX_PAYMENTS: 'yes' });
      expect(message).toContain('ALLOW_SANDBOX_PAYMENTS must be one of true, false, not "yes"');
    });

    it('starts when allowed, and warns that no money is paid', async () => {
      const server = await TestServer.start({
        env: { NODE_ENV: 'production', ALLOW_SANDBOX_PAYMENTS: 'true' },
      });
      try {
        expect(server.logs()).toContain('payments use the SANDBOX provider in production');
        expect((await server.gql.ok('{ domainTags { slug } }')).domainTags.length).toBeGreaterThan(0);
      } finally {
        await server.close();
      }
    });

    it('says nothing of the sandbox outside production', async () => {
      const server = await TestServer.start();
      try {
        expect(server.logs()).not.toContain('SANDBOX');
      } finally {
        await server.close();
      }
    });
  });

  describe('the embedded PostgreSQL (no DATABASE_URL)', () => {
    let parent: string;
    beforeAll(() => {
      // mktemp -d: mode 0700, so only its owner may enter.
      parent = mkdtempSync(join(tmpdir(), 'vtask-start-'));
    });
    afterAll(() => rmSync(parent, { recursive: true, force: true }));

    const startEmbedded = async (port: number, extra: Record<string, string> = {}) =>
      TestServer.start({
        // The harness's SQL helper connects here; the server itself is told to use the embedded one.
        databaseUrl: `postgres://postgres:postgres@127.0.0.1:${port}/vtask`,
        env: { DATABASE_URL: '', DATA_DIR: join(parent, 'data'), EMBEDDED_PG_PORT: String(port), ...extra },
      });

    it('as root, with DATA_DIR in a directory only root can enter, says which directory and what to do', async () => {
      const isRoot = process.getuid?.() === 0;
      if (!isRoot) {
        // PostgreSQL runs as this same user, who owns the directory: nothing stands in the way.
        const server = await startEmbedded(await freePort());
        expect((await server.sql('SELECT 1 AS one'))[0].one).toBe(1);
        await server.close();
        return;
      }
      let message = '';
      await startEmbedded(await freePort()).then(
        (server) => server.close(),
        (error: Error) => (message = error.message),
      );
      expect(message).toContain(
        `V-Task cannot start: the embedded PostgreSQL runs as the system user "postgres"`,
      );
      expect(message).toContain(`cannot enter ${parent} `);
      expect(message).toContain(`chmod o+x ${parent}`);
      expect(message).not.toContain('Permission denied');
      expect(message).not.toMatch(/\n\s+at /);
    });

    it('starts once the directory lets the postgres user through, with fsync on by default', async () => {
      // What the message above tells the operator to do.
      chmodSync(parent, 0o711);
      const server = await startEmbedded(await freePort());
      try {
        // Escrow and the ledger live here: every commit must reach the disk.
        expect((await server.sql('SHOW fsync'))[0].fsync).toBe('on');
        expect((await server.sql('SELECT count(*)::int AS n FROM users'))[0].n).toBe(0);
      } finally {
        await server.close();
      }
    });

    it('turns fsync off only when EMBEDDED_PG_FSYNC=off says so, on the same data directory', async () => {
      const server = await startEmbedded(await freePort(), { EMBEDDED_PG_FSYNC: 'off' });
      try {
        expect((await server.sql('SHOW fsync'))[0].fsync).toBe('off');
      } finally {
        await server.close();
      }
      expect(await startFailure({ EMBEDDED_PG_FSYNC: 'no' })).toContain(
        'EMBEDDED_PG_FSYNC must be one of on, off, not "no"',
      );
    });
  });
});
