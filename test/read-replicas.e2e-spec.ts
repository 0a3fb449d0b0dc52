import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { signUpMerchant, type Account } from './support/fixtures';
import { createTestDatabase, startTestServer, type TestServer } from './support/harness';
import { postTask } from './support/market-fixtures';

const MY_CLOSED_TASKS = `query($merchantId: ID!) {
  tasks(first: 20, filter: { merchantId: $merchantId, status: CLOSED }) { nodes { id title status } }
}`;
const CLOSE = `mutation($id: ID!) { closeTask(taskId: $id) { id status } }`;

async function asAdmin(text: string): Promise<Record<string, any>[]> {
  const client = new Client({ connectionString: process.env.VTASK_TEST_ADMIN_URL });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_READ_URLS with the "replica" played by a read-only login on the primary's own database: a
 * write routed to it would fail ("cannot execute ... in a read-only transaction"), and its sessions show
 * in pg_stat_activity, so the test sees both that the API works and which reads went where.
 */
describe('read replicas (DATABASE_READ_URLS)', () => {
  const reader = `vtask_reader_${randomBytes(4).toString('hex')}`;
  const readerPassword = randomBytes(12).toString('hex');
  let databaseUrl: string;
  let server: TestServer;
  let merchant: Account;

  /** The last statement of each replica session (the pool's first connection, made at start, has none). */
  const replicaStatements = async (): Promise<string[]> =>
    (
      await asAdmin(
        `SELECT query FROM pg_stat_activity WHERE usename = '${reader}' AND query <> '' AND datname = '${new URL(databaseUrl).pathname.slice(1)}'`,
      )
    ).map((row) => String(row.query));

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    await asAdmin(`CREATE ROLE ${reader} LOGIN PASSWORD '${readerPassword}' IN ROLE pg_read_all_data`);
    await asAdmin(`ALTER ROLE ${reader} SET default_transaction_read_only = on`);
    const readUrl = new URL(databaseUrl);
    readUrl.username = reader;
    readUrl.password = readerPassword;
    server = await startTestServer({
      databaseUrl,
      dropOnClose: true,
      // The anonymous cache would answer without the database; queries here are signed in anyway.
      env: { DATABASE_READ_URLS: ` ${readUrl.toString()} `, DATABASE_POOL_SIZE: '4', PUBLIC_CACHE: 'off' },
    });
    merchant = await signUpMerchant(server.gql);
  });
  afterAll(async () => {
    await server?.close();
    await asAdmin(`DROP ROLE IF EXISTS ${reader}`);
  });

  it('writes on the primary, reads a query from the replica, and reads back a mutation on the primary', async () => {
    const task = await postTask(server.gql, merchant.token, { title: 'Replica table' });
    expect(task.id).toEqual(expect.any(String));
    // Mutations read back what they wrote before answering; on the read-only login they could not write.
    const closed = await server.gql.ok(CLOSE, { id: task.id }, merchant.token);
    expect(closed.closeTask).toEqual({ id: task.id, status: 'CLOSED' });

    // Sign-up, posting and closing were mutations: nothing of theirs went to the replica.
    expect(await replicaStatements()).toEqual([]);

    const listed = await server.gql.ok(MY_CLOSED_TASKS, { merchantId: merchant.profileId }, merchant.token);
    expect(listed.tasks.nodes).toEqual([{ id: task.id, title: 'Replica table', status: 'CLOSED' }]);
    // The list query's SELECT went through the replica's pool (an idle session shows its last statement).
    expect(await replicaStatements()).toContainEqual(expect.stringMatching(/^SELECT .*"tasks"/s));
    const me = await server.gql.ok(`{ me { id } }`, {}, merchant.token);
    expect(me.me.id).toBe(merchant.userId);
  });

  it('refuses to start with a read URL it cannot use, without echoing it', async () => {
    const refusals: [string, Record<string, string>, RegExp][] = [
      [
        'not a URL',
        { DATABASE_READ_URLS: 'replica-host:5432' },
        /DATABASE_READ_URLS entry 1 of 1 must be a URL such as postgres:/,
      ],
      [
        'another scheme',
        { DATABASE_READ_URLS: `${databaseUrl},mysql://user:s3cret-pass@replica/vtask` },
        /DATABASE_READ_URLS entry 2 of 2 must be a URL such as postgres:/,
      ],
      [
        'no primary',
        { DATABASE_URL: '', DATABASE_READ_URLS: databaseUrl },
        /DATABASE_READ_URLS needs DATABASE_URL/,
      ],
      [
        'a pool of none',
        { DATABASE_POOL_SIZE: '0' },
        /DATABASE_POOL_SIZE must be a whole number from 1 to 1000/,
      ],
    ];
    for (const [, env, message] of refusals) {
      const start = startTestServer({ databaseUrl, dropOnClose: false, env });
      await expect(start).rejects.toThrow(message);
      await expect(start).rejects.toThrow(/cannot start/);
      await expect(start).rejects.not.toThrow(/s3cret-pass/);
    }
  });
});
