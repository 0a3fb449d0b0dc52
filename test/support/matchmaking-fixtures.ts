import { inSeconds } from './market-fixtures';
import { eventually } from './order-fixtures';
import type { GqlClient, GqlResponse, TestServer } from './harness';

export const SESSION_FIELDS = /* GraphQL */ `
  fragment SessionFields on MatchmakingSession {
    id
    name
    industry {
      slug
    }
    signupOpensAt
    matchingStartsAt
    endsAt
    phase
    pairingsPerTask
    joined
  }
`;

export const PAIRING_FIELDS = /* GraphQL */ `
  fragment PairingFields on Pairing {
    id
    score
    reasons
    merchantAccepted
    creatorAccepted
    status
    task {
      id
    }
    merchant {
      id
    }
    creator {
      id
    }
    order {
      id
      status
      price {
        amount
        currencyCode
      }
    }
  }
`;

/** A session input whose moments are seconds from now: sign-up open since a second ago by default. */
export function sessionInput(
  matchingInSeconds: number,
  endsInSeconds: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: '家居 Home 定向匹配会',
    industry: 'home',
    signupOpensAt: inSeconds(-1),
    matchingStartsAt: inSeconds(matchingInSeconds),
    endsAt: inSeconds(endsInSeconds),
    pairingsPerTask: 2,
    ...overrides,
  };
}

export function matchmakingCalls(gql: GqlClient) {
  return {
    create: (token: string, input: Record<string, unknown>) =>
      gql.request(
        `mutation($input: CreateMatchmakingSessionInput!) { createMatchmakingSession(input: $input) { ...SessionFields } } ${SESSION_FIELDS}`,
        { input },
        token,
      ),
    join: (token: string, sessionId: string, taskId: string | null = null) =>
      gql.request(
        `mutation($id: ID!, $taskId: ID) { joinMatchmakingSession(sessionId: $id, taskId: $taskId) { ...SessionFields } } ${SESSION_FIELDS}`,
        { id: sessionId, taskId },
        token,
      ),
    respond: (token: string, pairingId: string, accept: boolean) =>
      gql.request(
        `mutation($id: ID!, $accept: Boolean!) { respondToPairing(pairingId: $id, accept: $accept) { ...PairingFields } } ${PAIRING_FIELDS}`,
        { id: pairingId, accept },
        token,
      ),
    session: (token: string | null, id: string) =>
      gql.request(
        `query($id: ID!) { matchmakingSession(id: $id) {
            ...SessionFields
            stats { merchants creators pairingsProposed pairingsMatched fundedValue { amount currencyCode } }
            myPairings { ...PairingFields }
            pairings(first: 100) { totalCount nodes { ...PairingFields } }
          } } ${SESSION_FIELDS} ${PAIRING_FIELDS}`,
        { id },
        token,
      ),
  };
}

export type MatchmakingCalls = ReturnType<typeof matchmakingCalls>;

export async function createSession(
  calls: MatchmakingCalls,
  adminToken: string,
  input: Record<string, unknown>,
): Promise<Record<string, any>> {
  const response = await calls.create(adminToken, input);
  if (response.errors?.length) throw new Error(JSON.stringify(response.errors));
  return (response.data as any).createMatchmakingSession;
}

/** The error code of a response that must have failed. */
export function codeOf(response: GqlResponse<unknown>): string {
  const code = response.errors?.[0]?.extensions?.code;
  if (!code) throw new Error(`Expected an error, got ${JSON.stringify(response.data)}`);
  return code as string;
}

/** A session's pairings as stored. */
export async function storedPairings(
  server: TestServer,
  sessionId: string,
): Promise<{ id: string; task_id: string; creator_id: string; status: string; order_id: string | null }[]> {
  return server.sql(
    `SELECT id, task_id, creator_id, status::text, order_id FROM matchmaking_pairings WHERE session_id = $1 ORDER BY score DESC`,
    [sessionId],
  ) as Promise<any[]>;
}

/** The session's pairings once the proposal timer has made them. */
export async function proposedPairings(server: TestServer, sessionId: string) {
  const rows = await eventually(async () => {
    const stored = await storedPairings(server, sessionId);
    return stored.length ? stored : null;
  }, 'the proposal timer');
  return rows!;
}

/** The stored notifications of these types for a user. */
export async function notificationTypes(
  server: TestServer,
  userId: string,
  prefix = 'MATCHMAKING_',
): Promise<string[]> {
  const rows = (await server.sql(
    `SELECT type FROM notifications WHERE user_id = $1 AND type LIKE $2 || '%' ORDER BY created_at, id`,
    [userId, prefix],
  )) as { type: string }[];
  return rows.map((row) => row.type);
}

export const PROPOSE_JOB = 'matchmaking.propose-pairings';
export const EXPIRE_JOB = 'matchmaking.expire-pairings';

/** The pg-boss jobs of a session timer. */
export async function sessionJobs(
  server: TestServer,
  name: string,
  sessionId: string,
): Promise<{ state: string; retry_count: number }[]> {
  return server.sql(
    `SELECT state::text, retry_count FROM pgboss.job WHERE name = $1 AND singleton_key LIKE $2 || ':%'`,
    [name, sessionId],
  ) as Promise<{ state: string; retry_count: number }[]>;
}
