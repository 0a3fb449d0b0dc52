import { defineTimer, type Timers, type TimerTable } from '@vtask/jobs';
import type { EntityManager } from 'typeorm';
import type { MatchmakingSessionEntity } from './entities/matchmaking-session.entity';

/**
 * A session's durable timers (see `defineTimer` in libs/jobs), written in the transaction that creates
 * the session; their handlers are registered in matchmaking.module.ts. Keys carry the moment.
 */
export const MatchmakingTimers = {
  /** At matchingStartsAt: propose each joined task its best joined creators, once. */
  proposePairings: defineTimer<{ sessionId: string }>({
    name: 'matchmaking.propose-pairings',
    key: ({ sessionId }, at) => `${sessionId}:${at.toISOString()}`,
  }),
  /** At endsAt: pairings nobody finished answering expire. */
  expirePairings: defineTimer<{ sessionId: string }>({
    name: 'matchmaking.expire-pairings',
    key: ({ sessionId }, at) => `${sessionId}:${at.toISOString()}`,
  }),
} satisfies TimerTable;

export async function armSessionTimers(
  timers: Timers,
  manager: EntityManager,
  session: Pick<MatchmakingSessionEntity, 'id' | 'matchingStartsAt' | 'endsAt'>,
): Promise<void> {
  const payload = { sessionId: session.id };
  await timers.schedule(MatchmakingTimers.proposePairings, payload, session.matchingStartsAt, { manager });
  await timers.schedule(MatchmakingTimers.expirePairings, payload, session.endsAt, { manager });
}
