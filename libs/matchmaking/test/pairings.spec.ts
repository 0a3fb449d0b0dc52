import { setTimeout as sleep } from 'node:timers/promises';
import { Channel, CreatorTier } from '@vtask/accounts';
import { ContentType, CurrencyCode, Money, type Viewer } from '@vtask/core';
import { TasksService } from '@vtask/marketplace';
import { MatchmakingSessionsService, PairingsService } from '@vtask/matchmaking';
import { startServiceTest, type ServiceTestContext } from '../../../test/support/service-harness';
import {
  codeOf,
  ensureAdmin,
  signUpCreatorWithTier,
  signUpMerchant,
} from '../../../test/support/service-fixtures';

const DAY_MS = 24 * 3600 * 1000;

// The pairing rules at the service: a proposal runs once however many times it is asked, both sides'
// simultaneous yes makes one order, and a task out of slots refuses the last match without a change.

describe('matchmaking pairings (services)', () => {
  let context: ServiceTestContext;
  let admin: Viewer;

  beforeAll(async () => {
    context = await startServiceTest();
    admin = await ensureAdmin(context);
  });
  afterAll(() => context.close());

  /** A session matching from `matchingInMs`, joined by a merchant's task of `slots` and `creators` creators. */
  async function joinedSession(slots: number, creators: number, matchingInMs = 1500) {
    const sessions = context.get(MatchmakingSessionsService);
    const merchant = await signUpMerchant(context);
    const joined = await Promise.all(
      Array.from({ length: creators }, () => signUpCreatorWithTier(context, admin, CreatorTier.EXPERT)),
    );
    const session = await sessions.create(admin, {
      name: 'Home matchmaking',
      industry: 'home',
      signupOpensAt: new Date(Date.now() - 1000),
      matchingStartsAt: new Date(Date.now() + matchingInMs),
      endsAt: new Date(Date.now() + DAY_MS),
      pairingsPerTask: 10,
    });
    const task = await context.get(TasksService).post(merchant, {
      title: 'Oak table in a real home',
      brief: 'Film the table in a real home.',
      contentType: ContentType.VIDEO,
      channels: [Channel.HEADLINES],
      domainTags: ['home.furniture'],
      budget: Money.fromDecimal('600.00', CurrencyCode.CNY),
      slots,
      applyBy: new Date(Date.now() + DAY_MS),
      deliverBy: new Date(Date.now() + 7 * DAY_MS),
      publish: true,
    });
    await sessions.join(merchant, session.id, task.id);
    for (const creator of joined) await sessions.join(creator, session.id, null);
    await sleep(Math.max(0, session.matchingStartsAt.getTime() - Date.now() + 100));
    return { session, merchant, creators: joined, task };
  }

  it('propose once when asked twice at the same instant', async () => {
    const { session } = await joinedSession(3, 3);
    const pairings = context.get(PairingsService);
    const counts = await Promise.all([pairings.propose(session.id), pairings.propose(session.id)]);
    expect(counts.sort()).toEqual([0, 3]);
    expect(await pairings.propose(session.id)).toBe(0);
    const rows = await context.sql(
      `SELECT count(*)::int AS n FROM matchmaking_pairings WHERE session_id = $1`,
      [session.id],
    );
    expect(rows[0].n).toBe(3);
  }, 60_000);

  it('make one order per pairing when both sides say yes at once, until the slots run out', async () => {
    const { session, merchant, creators, task } = await joinedSession(2, 3);
    const pairings = context.get(PairingsService);
    await pairings.propose(session.id);
    const proposed = await pairings.mine(merchant, session.id);
    expect(proposed).toHaveLength(3);
    const creatorOf = (creatorId: string) => creators.find((creator) => creator.creatorId === creatorId)!;

    for (const pairing of proposed.slice(0, 2)) {
      const answers = await Promise.all([
        pairings.respond(merchant, pairing.id, true),
        pairings.respond(creatorOf(pairing.creatorId), pairing.id, true),
      ]);
      expect(answers.map((answer) => answer.status)).toContain('MATCHED');
    }
    // The task is full: the third match is refused and nothing of it is kept.
    const last = proposed[2];
    await pairings.respond(creatorOf(last.creatorId), last.id, true);
    expect(await codeOf(pairings.respond(merchant, last.id, true))).toBe('CONFLICT');
    const [stored] = await context.sql(
      `SELECT status::text, merchant_accepted, order_id FROM matchmaking_pairings WHERE id = $1`,
      [last.id],
    );
    expect(stored).toEqual({ status: 'PROPOSED', merchant_accepted: null, order_id: null });
    const orders = await context.sql(`SELECT creator_id, source::text FROM orders WHERE task_id = $1`, [
      task.id,
    ]);
    expect(orders).toHaveLength(2);
    expect(new Set(orders.map((order) => order.source))).toEqual(new Set(['INVITATION']));
  }, 60_000);
});
