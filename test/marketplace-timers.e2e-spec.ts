import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { createTestDatabase, startTestServer, type TestServer } from './support/harness';
import {
  CANCEL_TASK,
  CLOSE_TASK,
  expectCode,
  inSeconds,
  placeBid,
  postTask,
  PUBLISH_TASK,
  taskStatusInDb,
  waitFor,
} from './support/market-fixtures';

const CLOSE_JOB = 'marketplace.close-task-at-apply-by';

/** The applyBy timer's pg-boss row of a task: its state and how often it was retried. */
async function closeJob(
  server: TestServer,
  taskId: string,
): Promise<{ state: string; retry_count: number } | undefined> {
  const rows = await server.sql(
    `SELECT state, retry_count FROM pgboss.job WHERE name = $1 AND singleton_key = $2`,
    [CLOSE_JOB, taskId],
  );
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0] as { state: string; retry_count: number } | undefined;
}

async function waitForStatus(server: TestServer, taskId: string, status: string): Promise<void> {
  await waitFor(
    async () => (await taskStatusInDb(server, taskId)) === status,
    `task ${taskId} to be ${status}`,
  );
}

async function waitForJobDone(server: TestServer, taskId: string): Promise<void> {
  await waitFor(
    async () => (await closeJob(server, taskId))?.state === 'completed',
    `the close timer of ${taskId}`,
  );
}

describe('durable timers: tasks close at applyBy', () => {
  let server: TestServer;
  /** A second instance on the same database, as in a two-instance deployment. */
  let twin: TestServer;
  /** An instance on a database of its own, crashed and restarted by one test. */
  let doomed: TestServer;
  let adminToken: string;
  let merchant: Account;
  let creators: Account[];

  beforeAll(async () => {
    // Started together (the twins also boot pg-boss on one database at the same moment).
    const databaseUrl = await createTestDatabase();
    [server, twin, doomed] = await Promise.all([
      startTestServer({ databaseUrl, env: ADMIN_ENV, dropOnClose: true }),
      startTestServer({ databaseUrl, env: ADMIN_ENV }),
      startTestServer({ env: ADMIN_ENV }),
    ]);
    adminToken = await logInAdmin(server.gql);
    merchant = await signUpMerchant(server.gql);
    creators = await Promise.all([0, 1].map(() => signUpCreatorWithTier(server.gql, adminToken, 'CREATOR')));
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    expectWellFormedErrors(twin.gql.errorsSeen);
    await doomed.kill(); // a no-op when the crash test ran
    await twin.close();
    await server.close();
  });

  describe('closing at applyBy', () => {
    // Every scenario is set up at once, so the file waits for applyBy only once.
    const tasks: Record<string, Record<string, any>> = {};
    const bids: Record<string, any>[] = [];
    beforeAll(async () => {
      const soon = () => ({ applyBy: inSeconds(3), deliverBy: inSeconds(3 * 24 * 3600) });
      [tasks.plain, tasks.draft, tasks.closed, tasks.cancelled] = await Promise.all([
        postTask(server.gql, merchant.token, soon()),
        postTask(server.gql, merchant.token, { ...soon(), publish: false }),
        postTask(server.gql, merchant.token, soon()),
        postTask(server.gql, merchant.token, soon()),
      ]);
      for (const creator of creators) bids.push(await placeBid(server.gql, creator.token, tasks.plain.id));
      await server.gql.ok(PUBLISH_TASK, { id: tasks.draft.id }, merchant.token);
      await server.gql.ok(CLOSE_TASK, { id: tasks.closed.id }, merchant.token);
      await server.gql.ok(CANCEL_TASK, { id: tasks.cancelled.id, reason: 'Changed plans' }, merchant.token);
    });

    it('closes an open task by itself at applyBy and expires its pending bids', async () => {
      expect(await taskStatusInDb(server, tasks.plain.id)).toBe('OPEN');
      await waitForStatus(server, tasks.plain.id, 'CLOSED');
      const statuses = await server.sql(`SELECT status FROM bids WHERE task_id = $1`, [tasks.plain.id]);
      expect(statuses).toEqual([{ status: 'EXPIRED' }, { status: 'EXPIRED' }]);
      await waitForJobDone(server, tasks.plain.id);
      expect(await closeJob(server, tasks.plain.id)).toEqual({ state: 'completed', retry_count: 0 });
      // The feed shows it closed; bids are refused.
      const data = await server.gql.ok(`query($id: ID!) { task(id: $id) { status bidCount } }`, {
        id: tasks.plain.id,
      });
      expect(data.task).toEqual({ status: 'CLOSED', bidCount: 2 });
      const late = await server.gql.fail(
        `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
        { input: { taskId: tasks.plain.id, price: { amount: '1.00', currencyCode: 'CNY' }, pitch: 'late' } },
        creators[0].token,
      );
      expectCode(late, 'CONFLICT');
    });

    it('arms the timer when a draft is published', async () => {
      await waitForStatus(server, tasks.draft.id, 'CLOSED');
      await waitForJobDone(server, tasks.draft.id);
    });

    it('changes nothing when the task was already closed or cancelled', async () => {
      await waitForJobDone(server, tasks.closed.id);
      await waitForJobDone(server, tasks.cancelled.id);
      expect(await taskStatusInDb(server, tasks.closed.id)).toBe('CLOSED');
      expect(await taskStatusInDb(server, tasks.cancelled.id)).toBe('CANCELLED');
      expect((await closeJob(server, tasks.closed.id))?.retry_count).toBe(0);
    });
  });

  it('survives a crash: a task posted just before a SIGKILL still closes after a restart', async () => {
    const owner = await signUpMerchant(doomed.gql);
    const task = await postTask(doomed.gql, owner.token, { applyBy: inSeconds(3) });
    await doomed.kill();
    // Nothing ran it: the job is a row, waiting.
    expect((await closeJob(doomed, task.id))?.state).toBe('created');
    const second = await startTestServer({
      databaseUrl: doomed.databaseUrl,
      env: ADMIN_ENV,
      dropOnClose: true,
    });
    try {
      await waitForStatus(second, task.id, 'CLOSED');
      await waitForJobDone(second, task.id);
      expect((await closeJob(second, task.id))?.retry_count).toBe(0);
      expectWellFormedErrors(second.gql.errorsSeen);
    } finally {
      await second.close();
    }
  });

  it('fires once with two server instances on one database', async () => {
    const applyBy = inSeconds(4);
    // Half posted through each instance.
    const posted = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        postTask(i % 2 ? twin.gql : server.gql, merchant.token, { applyBy, title: `Twin ${i}` }),
      ),
    );
    const ids = posted.map((t) => t.id);
    for (const id of ids) await placeBid(server.gql, creators[0].token, id);
    for (const id of ids) await waitForJobDone(server, id);
    const rows = await server.sql(
      `SELECT t.status, t.slots_filled,
              (SELECT count(*)::int FROM bids b WHERE b.task_id = t.id AND b.status = 'EXPIRED') AS expired
         FROM tasks t WHERE t.id = ANY($1)`,
      [ids],
    );
    expect(rows).toEqual(ids.map(() => ({ status: 'CLOSED', slots_filled: 0, expired: 1 })));
    const [jobs] = await server.sql(
      `SELECT count(*)::int AS completed, max(retry_count)::int AS retries
         FROM pgboss.job WHERE name = $1 AND state = 'completed' AND singleton_key = ANY($2)`,
      [CLOSE_JOB, ids],
    );
    expect(jobs).toEqual({ completed: ids.length, retries: 0 });
    // No instance logged a timer failure.
    for (const instance of [server, twin]) expect(instance.logs()).not.toMatch(/Timer ".*" .*failed/);
  });
});
