import {
  ADMIN_ENV,
  logInAdmin,
  signUpAgency,
  signUpCreator,
  signUpCreatorWithTier,
  signUpMerchant,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { inSeconds, placeBid, postTask, waitUntilPast } from './support/market-fixtures';
import {
  codeOf,
  createSession,
  matchmakingCalls,
  notificationTypes,
  proposedPairings,
  sessionInput,
  storedPairings,
  type MatchmakingCalls,
} from './support/matchmaking-fixtures';
import { eventually, orderCalls } from './support/order-fixtures';
import { expectWellFormedErrors } from './support/errors';

/**
 * 定向匹配会 (SPEC "Matchmaking sessions"): the whole life of a session on a timeline a few seconds
 * long — creation, sign-up and its refusals, pairings proposed by the timer, answers, the order when
 * both say yes (once, even at the same instant), expiry at endsAt and the figures.
 */
describe('matchmaking sessions', () => {
  let server: TestServer;
  let admin: string;
  let calls: MatchmakingCalls;

  beforeAll(async () => {
    // JSON logs at debug level carry each operation's SQL statement count (the no-N+1 check at the end).
    server = await startTestServer({ env: { ...ADMIN_ENV, LOG_LEVEL: 'debug', LOG_FORMAT: 'json' } });
    admin = await logInAdmin(server.gql);
    calls = matchmakingCalls(server.gql);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  it('are created by admins only, with a valid timeline, a parent tag and bounded pairings', async () => {
    const merchant = await signUpMerchant(server.gql);
    expect(codeOf(await calls.create(merchant.token, sessionInput(60, 120)))).toBe('FORBIDDEN');

    const backwards = await calls.create(admin, sessionInput(60, 30));
    expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
    expect(backwards.errors![0].extensions!.fields).toHaveProperty('endsAt');
    const child = await calls.create(admin, sessionInput(60, 120, { industry: 'home.furniture' }));
    expect(child.errors![0].extensions!.fields).toHaveProperty('industry');
    const tooMany = await calls.create(admin, sessionInput(60, 120, { pairingsPerTask: 21 }));
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');

    const upcoming = await createSession(
      calls,
      admin,
      sessionInput(120, 180, { signupOpensAt: inSeconds(60), pairingsPerTask: null }),
    );
    expect(upcoming).toMatchObject({ phase: 'UPCOMING', pairingsPerTask: 5, industry: { slug: 'home' } });
    const open = await createSession(calls, admin, sessionInput(120, 180));
    expect(open.phase).toBe('SIGNUP');

    const listed = await server.gql.ok(
      `query { matchmakingSessions(phase: SIGNUP, industry: "home", first: 100) { totalCount nodes { id phase } } }`,
    );
    const ids = listed.matchmakingSessions.nodes.map((node: any) => node.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(upcoming.id);
    const firstPage = await server.gql.ok(
      `query { matchmakingSessions(first: 1) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
    );
    const secondPage = await server.gql.ok(
      `query($after: String) { matchmakingSessions(first: 1, after: $after) { nodes { id } } }`,
      { after: firstPage.matchmakingSessions.pageInfo.endCursor },
    );
    expect(firstPage.matchmakingSessions.pageInfo.hasNextPage).toBe(true);
    expect(secondPage.matchmakingSessions.nodes[0].id).not.toBe(firstPage.matchmakingSessions.nodes[0].id);
  }, 60_000);

  it('let the industry join during SIGNUP and refuse everyone else with a code', async () => {
    const [merchant, otherMerchant, creator, beautyCreator, ordinary, agency] = await Promise.all([
      signUpMerchant(server.gql),
      signUpMerchant(server.gql),
      signUpCreatorWithTier(server.gql, admin, 'EXPERT'),
      signUpCreatorWithTier(server.gql, admin, 'EXPERT', { domainTags: ['beauty.skincare'] }),
      signUpCreator(server.gql),
      signUpAgency(server.gql),
    ]);
    const upcoming = await createSession(
      calls,
      admin,
      sessionInput(120, 180, { signupOpensAt: inSeconds(60) }),
    );
    const session = await createSession(calls, admin, sessionInput(6, 60));
    const task = await postTask(server.gql, merchant.token);
    const beautyTask = await postTask(server.gql, merchant.token, { domainTags: ['beauty.skincare'] });
    const draft = await postTask(server.gql, merchant.token, { publish: false });

    expect(codeOf(await calls.join(merchant.token, upcoming.id, task.id))).toBe('CONFLICT');
    expect(codeOf(await calls.join(merchant.token, session.id))).toBe('BAD_USER_INPUT');
    expect(codeOf(await calls.join(merchant.token, session.id, beautyTask.id))).toBe('CONFLICT');
    expect(codeOf(await calls.join(merchant.token, session.id, draft.id))).toBe('CONFLICT');
    expect(codeOf(await calls.join(otherMerchant.token, session.id, task.id))).toBe('NOT_FOUND');
    expect(codeOf(await calls.join(beautyCreator.token, session.id))).toBe('CONFLICT');
    expect(codeOf(await calls.join(ordinary.token, session.id))).toBe('TIER_TOO_LOW');
    expect(codeOf(await calls.join(agency.token, session.id))).toBe('FORBIDDEN');
    expect(codeOf(await calls.join(admin, session.id))).toBe('FORBIDDEN');
    expect(codeOf(await calls.join(creator.token, '00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');

    const joined = await calls.join(merchant.token, session.id, task.id);
    expect((joined.data as any).joinMatchmakingSession.joined).toBe(true);
    expect(codeOf(await calls.join(merchant.token, session.id, task.id))).toBe('CONFLICT');
    expect((await calls.join(creator.token, session.id)).errors).toBeUndefined();
    expect(codeOf(await calls.join(creator.token, session.id))).toBe('CONFLICT');

    const asChinese = await server.gql.request(
      `mutation($id: ID!) { joinMatchmakingSession(sessionId: $id) { id } }`,
      { id: session.id },
      beautyCreator.token,
      { 'accept-language': 'zh-CN' },
    );
    expect(asChinese.errors![0].message).toContain('达人');

    await waitUntilPast(session.matchingStartsAt);
    const late = await signUpCreatorWithTier(server.gql, admin, 'EXPERT');
    expect(codeOf(await calls.join(late.token, session.id))).toBe('DEADLINE_PASSED');
  }, 60_000);

  it('propose the best joined creators per task, and make one order when both sides accept at once', async () => {
    const merchant = await signUpMerchant(server.gql);
    const creators = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        signUpCreatorWithTier(server.gql, admin, 'EXPERT', { followerCount: 1000 * (i + 1) }),
      ),
    );
    const outsider = await signUpCreatorWithTier(server.gql, admin, 'EXPERT');
    const session = await createSession(calls, admin, sessionInput(8, 60, { pairingsPerTask: 2 }));
    const task = await postTask(server.gql, merchant.token, { slots: 2 });
    await placeBid(server.gql, creators[3].token, task.id); // already bidding: never proposed
    expect((await calls.join(merchant.token, session.id, task.id)).errors).toBeUndefined();
    for (const creator of creators)
      expect((await calls.join(creator.token, session.id)).errors).toBeUndefined();

    await waitUntilPast(session.matchingStartsAt);
    const pairings = await proposedPairings(server, session.id);
    expect(pairings).toHaveLength(2);
    const proposedTo = pairings.map((row) => row.creator_id);
    expect(proposedTo).not.toContain(creators[3].profileId);
    expect(creators.slice(0, 3).map((c) => c.profileId)).toEqual(expect.arrayContaining(proposedTo));

    const seen = (await calls.session(merchant.token, session.id)).data!.matchmakingSession as any;
    expect(seen.phase).toBe('MATCHING');
    expect(seen.myPairings).toHaveLength(2);
    expect(seen.myPairings[0].reasons.length).toBeGreaterThan(0);
    expect(seen.stats).toMatchObject({ merchants: 1, creators: 4, pairingsProposed: 2, pairingsMatched: 0 });
    expect(seen.pairings.totalCount).toBe(2); // the merchant's own
    const byOutsider = (await calls.session(outsider.token, session.id)).data!.matchmakingSession as any;
    expect(byOutsider.myPairings).toEqual([]);
    expect(byOutsider.pairings.nodes).toEqual([]);
    const [first, second] = seen.myPairings;
    const creatorOf = (pairing: any) => creators.find((c) => c.profileId === pairing.creator.id)!;
    expect(await notificationTypes(server, merchant.userId)).toEqual([
      'MATCHMAKING_PAIRING_PROPOSED',
      'MATCHMAKING_PAIRING_PROPOSED',
    ]);
    expect(await notificationTypes(server, creatorOf(first).userId)).toEqual([
      'MATCHMAKING_PAIRING_PROPOSED',
    ]);

    // Someone else's pairing is as unknown as a missing one.
    expect(codeOf(await calls.respond(outsider.token, first.id, true))).toBe('NOT_FOUND');

    // Both sides say yes at the same instant: one order, one slot filled.
    const [byMerchant, byCreator] = await Promise.all([
      calls.respond(merchant.token, first.id, true),
      calls.respond(creatorOf(first).token, first.id, true),
    ]);
    expect(byMerchant.errors).toBeUndefined();
    expect(byCreator.errors).toBeUndefined();
    const orders = await server.sql(`SELECT id, price_minor::text AS price FROM orders WHERE task_id = $1`, [
      task.id,
    ]);
    expect(orders).toHaveLength(1);
    expect(orders[0].price).toBe('50000'); // the task's budget
    const [taskRow] = await server.sql(`SELECT slots_filled FROM tasks WHERE id = $1`, [task.id]);
    expect(taskRow.slots_filled).toBe(1);
    const matched = (await calls.session(merchant.token, session.id)).data!.matchmakingSession as any;
    const matchedPairing = matched.myPairings.find((p: any) => p.id === first.id);
    expect(matchedPairing).toMatchObject({
      status: 'MATCHED',
      merchantAccepted: true,
      creatorAccepted: true,
      order: {
        id: orders[0].id,
        status: 'AWAITING_FUNDING',
        price: { amount: '500.00', currencyCode: 'CNY' },
      },
    });
    expect(codeOf(await calls.respond(merchant.token, first.id, false))).toBe('CONFLICT');
    expect(await notificationTypes(server, creatorOf(first).userId)).toContain('MATCHMAKING_PAIRING_MATCHED');

    // The merchant funds it: the figures count it.
    expect((await orderCalls(server.gql).fund(merchant.token, orders[0].id)).errors).toBeUndefined();
    const funded = (await calls.session(admin, session.id)).data!.matchmakingSession as any;
    expect(funded.stats).toMatchObject({
      pairingsMatched: 1,
      fundedValue: [{ amount: '500.00', currencyCode: 'CNY' }],
    });
    expect(funded.pairings.totalCount).toBe(2); // admins see every pairing

    // One side says yes, the other no: DECLINED, and the one who said yes is told.
    const secondCreator = creatorOf(second);
    const half = await calls.respond(secondCreator.token, second.id, true);
    expect((half.data as any).respondToPairing).toMatchObject({ status: 'PROPOSED', creatorAccepted: true });
    expect(await notificationTypes(server, merchant.userId)).toContain('MATCHMAKING_PAIRING_ACCEPTED');
    expect(codeOf(await calls.respond(secondCreator.token, second.id, true))).toBe('CONFLICT');
    const declined = await calls.respond(merchant.token, second.id, false);
    expect((declined.data as any).respondToPairing).toMatchObject({
      status: 'DECLINED',
      merchantAccepted: false,
      order: null,
    });
    expect(await notificationTypes(server, secondCreator.userId)).toEqual([
      'MATCHMAKING_PAIRING_PROPOSED',
      'MATCHMAKING_PAIRING_DECLINED',
    ]);
  }, 90_000);

  it('expire pairings nobody finished answering at endsAt', async () => {
    const merchant = await signUpMerchant(server.gql);
    const creator = await signUpCreatorWithTier(server.gql, admin, 'EXPERT');
    const session = await createSession(calls, admin, sessionInput(5, 9));
    const task = await postTask(server.gql, merchant.token);
    expect((await calls.join(merchant.token, session.id, task.id)).errors).toBeUndefined();
    expect((await calls.join(creator.token, session.id)).errors).toBeUndefined();
    const [pairing] = await proposedPairings(server, session.id);
    expect((await calls.respond(creator.token, pairing.id, true)).errors).toBeUndefined();

    await waitUntilPast(session.endsAt);
    await eventually(
      async () => (await storedPairings(server, session.id))[0].status === 'EXPIRED',
      'the expiry timer',
    );
    expect(codeOf(await calls.respond(merchant.token, pairing.id, true))).toBe('DEADLINE_PASSED');
    expect(await notificationTypes(server, creator.userId)).toEqual([
      'MATCHMAKING_PAIRING_PROPOSED',
      'MATCHMAKING_PAIRING_EXPIRED',
    ]);
    const closed = (await calls.session(merchant.token, session.id)).data!.matchmakingSession as any;
    expect(closed).toMatchObject({ phase: 'CLOSED', stats: { pairingsProposed: 1, pairingsMatched: 0 } });
    expect(await server.sql(`SELECT id FROM orders WHERE task_id = $1`, [task.id])).toEqual([]);
  }, 60_000);

  it('list with their figures and whether the viewer joined, in one batch: 5 sessions cost the statements of 2', async () => {
    const [merchant, creator] = await Promise.all([
      signUpMerchant(server.gql),
      signUpCreatorWithTier(server.gql, admin, 'EXPERT'),
    ]);
    const sessions = [];
    for (let i = 0; i < 5; i++) sessions.push(await createSession(calls, admin, sessionInput(120, 180)));
    for (const joinedAt of [1, 3]) {
      const task = await postTask(server.gql, merchant.token);
      expect((await calls.join(merchant.token, sessions[joinedAt].id, task.id)).errors).toBeUndefined();
    }
    expect((await calls.join(creator.token, sessions[3].id)).errors).toBeUndefined();

    const list = `query SessionFiguresList($first: Int!) {
      matchmakingSessions(first: $first) {
        nodes { id joined industry { slug } stats { merchants creators pairingsProposed pairingsMatched fundedValue { amount } } }
      }
    }`;
    const byId = new Map<string, any>();
    for (const first of [2, 5]) {
      const { nodes } = (await server.gql.ok(list, { first }, merchant.token)).matchmakingSessions;
      expect(nodes).toHaveLength(first);
      for (const node of nodes) byId.set(node.id, node);
    }
    const none = { merchants: 0, creators: 0, pairingsProposed: 0, pairingsMatched: 0, fundedValue: [] };
    expect(sessions.map((session) => byId.get(session.id))).toEqual([
      { id: sessions[0].id, joined: false, industry: { slug: 'home' }, stats: none },
      { id: sessions[1].id, joined: true, industry: { slug: 'home' }, stats: { ...none, merchants: 1 } },
      { id: sessions[2].id, joined: false, industry: { slug: 'home' }, stats: none },
      {
        id: sessions[3].id,
        joined: true,
        industry: { slug: 'home' },
        stats: { ...none, merchants: 1, creators: 1 },
      },
      { id: sessions[4].id, joined: false, industry: { slug: 'home' }, stats: none },
    ]);
    // Signed out, nobody has joined (and asking costs no query per session either).
    const anonymous = (await server.gql.ok(list, { first: 5 })).matchmakingSessions.nodes;
    expect(anonymous.map((node: any) => node.joined)).toEqual([false, false, false, false, false]);

    const counts = await eventually(async () => {
      const found = server
        .logs()
        .split('\n')
        .filter((line) => line.startsWith('{') && line.includes('"operation":"SessionFiguresList"'))
        .map((line) => JSON.parse(line).message.sqlStatements as number);
      return found.length === 3 ? found : null;
    }, 'the statement counts in the log');
    const [two, five] = counts!;
    expect(two).toBeGreaterThan(0);
    expect(five).toBe(two);
  }, 60_000);
});
