import { ADMIN_ENV, logInAdmin, signUpCreatorWithTier, signUpMerchant } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { postTask, waitUntilPast } from './support/market-fixtures';
import {
  createSession,
  matchmakingCalls,
  notificationTypes,
  PROPOSE_JOB,
  proposedPairings,
  sessionInput,
  sessionJobs,
  storedPairings,
} from './support/matchmaking-fixtures';

/** A session whose matching starts `inSeconds` from now, joined by one merchant's task and `creators` creators. */
async function joinedSession(server: TestServer, inSeconds: number, creators: number) {
  const { gql } = server;
  const admin = await logInAdmin(gql);
  const calls = matchmakingCalls(gql);
  const merchant = await signUpMerchant(gql);
  const joined = await Promise.all(
    Array.from({ length: creators }, () => signUpCreatorWithTier(gql, admin, 'EXPERT')),
  );
  const session = await createSession(
    calls,
    admin,
    sessionInput(inSeconds, inSeconds + 3600, { pairingsPerTask: 5 }),
  );
  const task = await postTask(gql, merchant.token);
  const results = [
    await calls.join(merchant.token, session.id, task.id),
    ...(await Promise.all(joined.map((creator) => calls.join(creator.token, session.id)))),
  ];
  expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
  return { session, merchant, creators: joined };
}

const proposalLogLines = (server: TestServer, sessionId: string) =>
  server
    .logs()
    .split('\n')
    .filter((line) => line.includes(`Session ${sessionId}: `) && line.includes('pairings proposed')).length;

describe('matchmaking timers', () => {
  it('propose pairings at matchingStartsAt even when the server was down then', async () => {
    let server = await startTestServer({ env: ADMIN_ENV, dropOnClose: true });
    try {
      const { session, merchant } = await joinedSession(server, 12, 3);
      // A crash before matchingStartsAt: nothing runs the timer while the server is down.
      await server.kill();
      await waitUntilPast(session.matchingStartsAt, 1000);
      expect(await storedPairings(server, session.id)).toEqual([]);

      server = await startTestServer({ databaseUrl: server.databaseUrl, env: ADMIN_ENV, dropOnClose: true });
      const pairings = await proposedPairings(server, session.id);
      expect(pairings).toHaveLength(3);
      expect(await notificationTypes(server, merchant.userId)).toHaveLength(3);
      expect(await sessionJobs(server, PROPOSE_JOB, session.id)).toEqual([
        { state: 'completed', retry_count: 0 },
      ]);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('propose pairings once with two server instances on one database', async () => {
    const first = await startTestServer({ env: ADMIN_ENV });
    const second = await startTestServer({
      databaseUrl: first.databaseUrl,
      env: ADMIN_ENV,
      dropOnClose: false,
    });
    try {
      const { session, merchant, creators } = await joinedSession(first, 10, 4);
      await waitUntilPast(session.matchingStartsAt);
      expect(await proposedPairings(first, session.id)).toHaveLength(4);
      // Give the other instance every chance to propose again.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(proposalLogLines(first, session.id) + proposalLogLines(second, session.id)).toBe(1);
      expect(await storedPairings(first, session.id)).toHaveLength(4);
      expect(await notificationTypes(first, merchant.userId)).toHaveLength(4);
      expect(await notificationTypes(first, creators[0].userId)).toEqual(['MATCHMAKING_PAIRING_PROPOSED']);
    } finally {
      await second.close();
      await first.close();
    }
  }, 120_000);
});
