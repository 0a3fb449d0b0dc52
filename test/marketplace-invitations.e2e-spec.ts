import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpCreator,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  CLOSE_TASK,
  expectCode,
  INVITE_CREATOR,
  placeBid,
  postTask,
  RESPOND,
  waitFor,
} from './support/market-fixtures';

const MY_INVITATIONS = /* GraphQL */ `
  query Mine($status: InvitationStatus) {
    myInvitations(status: $status) {
      id
      status
      message
      price {
        amount
        currencyCode
      }
      task {
        id
        title
      }
    }
  }
`;

describe('invitations', () => {
  let server: TestServer;
  let adminToken: string;
  let merchant: Account;
  let otherMerchant: Account;
  let ordinary: Account;
  let creators: Account[];

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    adminToken = await logInAdmin(server.gql);
    [merchant, otherMerchant, ordinary] = await Promise.all([
      signUpMerchant(server.gql),
      signUpMerchant(server.gql),
      signUpCreator(server.gql),
    ]);
    creators = await Promise.all(
      [0, 1, 2].map(() => signUpCreatorWithTier(server.gql, adminToken, 'CREATOR')),
    );
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  const post = (overrides: Record<string, unknown> = {}) => postTask(server.gql, merchant.token, overrides);
  const invite = async (input: Record<string, unknown>, token = merchant.token) =>
    (await server.gql.ok(INVITE_CREATOR, { input }, token)).inviteCreator;
  const inviteFails = (input: Record<string, unknown>, token = merchant.token) =>
    server.gql.fail(INVITE_CREATOR, { input }, token);

  describe('inviteCreator', () => {
    it("invites at the task's budget by default, or at another price, with a message", async () => {
      const task = await post({ budget: { amount: '650.00', currencyCode: 'CNY' } });
      const atBudget = await invite({ taskId: task.id, creatorId: creators[0].profileId });
      expect(atBudget).toMatchObject({
        status: 'PENDING',
        message: null,
        price: { amount: '650.00', currencyCode: 'CNY' },
        task: { id: task.id },
        creator: { id: creators[0].profileId },
        order: null,
      });
      const priced = await invite({
        taskId: task.id,
        creatorId: creators[1].profileId,
        price: { amount: '700.50', currencyCode: 'CNY' },
        message: '  We loved your last video.  ',
      });
      expect(priced).toMatchObject({ price: { amount: '700.50' }, message: 'We loved your last video.' });
      // Expires after INVITATION_TTL_S (24 h by default), with a durable timer.
      const [row] = await server.sql(
        `SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM invitations WHERE id = $1`,
        [atBudget.id],
      );
      expect(Math.abs(row.ttl - 86400)).toBeLessThanOrEqual(1);
      const jobs = await server.sql(`SELECT name, state FROM pgboss.job WHERE singleton_key = $1`, [
        atBudget.id,
      ]);
      expect(jobs).toEqual([{ name: 'marketplace.expire-invitation', state: 'created' }]);
    });

    it('follows the tier rules of bids: TIER_TOO_LOW for ORDINARY creators and below the task minTier', async () => {
      const task = await post();
      expectCode(await inviteFails({ taskId: task.id, creatorId: ordinary.profileId }), 'TIER_TOO_LOW');
      const forExperts = await post({ minTier: 'EXPERT' });
      expectCode(
        await inviteFails({ taskId: forExperts.id, creatorId: creators[0].profileId }),
        'TIER_TOO_LOW',
      );
      const rows = await server.sql(`SELECT id FROM invitations WHERE task_id = ANY($1)`, [
        [task.id, forExperts.id],
      ]);
      expect(rows).toEqual([]);
    });

    it('refuses bad prices, unknown creators, closed tasks, duplicates and other merchants', async () => {
      const task = await post();
      const usd = await inviteFails({
        taskId: task.id,
        creatorId: creators[0].profileId,
        price: { amount: '10.00', currencyCode: 'USD' },
      });
      expectCode(usd, 'BAD_USER_INPUT');
      expect(usd.extensions?.fields).toHaveProperty(['price.currencyCode']);
      for (const amount of ['0.00', '-3.00', '1.001']) {
        const error = await inviteFails({
          taskId: task.id,
          creatorId: creators[0].profileId,
          price: { amount, currencyCode: 'CNY' },
        });
        expectCode(error, 'BAD_USER_INPUT');
        expect(error.extensions?.fields).toHaveProperty(['price.amount']);
      }
      const unknown = '00000000-0000-4000-8000-000000000000';
      expectCode(await inviteFails({ taskId: task.id, creatorId: unknown }), 'NOT_FOUND');
      expectCode(await inviteFails({ taskId: unknown, creatorId: creators[0].profileId }), 'NOT_FOUND');

      await invite({ taskId: task.id, creatorId: creators[0].profileId });
      expectCode(await inviteFails({ taskId: task.id, creatorId: creators[0].profileId }), 'CONFLICT');

      const other = await inviteFails(
        { taskId: task.id, creatorId: creators[1].profileId },
        otherMerchant.token,
      );
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(other.extensions?.code);
      expectCode(
        await inviteFails({ taskId: task.id, creatorId: creators[1].profileId }, creators[2].token),
        'FORBIDDEN',
      );

      const closed = await post();
      await server.gql.ok(CLOSE_TASK, { id: closed.id }, merchant.token);
      expectCode(await inviteFails({ taskId: closed.id, creatorId: creators[1].profileId }), 'CONFLICT');
      const draft = await post({ publish: false });
      expectCode(await inviteFails({ taskId: draft.id, creatorId: creators[1].profileId }), 'CONFLICT');
      expect(
        (await server.sql(`SELECT count(*)::int AS n FROM invitations WHERE task_id = $1`, [task.id]))[0].n,
      ).toBe(1);
    });
  });

  describe('respondToInvitation', () => {
    it('accepting creates an order with source INVITATION at the invitation price and fills a slot', async () => {
      const task = await post({ slots: 2, contentType: 'LIST', maxRevisions: 1 });
      const invitation = await invite({
        taskId: task.id,
        creatorId: creators[0].profileId,
        price: { amount: '555.55', currencyCode: 'CNY' },
      });
      const answer = (await server.gql.ok(RESPOND, { id: invitation.id, accept: true }, creators[0].token))
        .respondToInvitation;
      expect(answer.status).toBe('ACCEPTED');
      expect(answer.order).toMatchObject({
        source: 'INVITATION',
        status: 'AWAITING_FUNDING',
        contentType: 'LIST',
        brief: task.brief,
        maxRevisions: 1,
        deliverBy: task.deliverBy,
        price: { amount: '555.55' },
        platformFee: { amount: '55.55' },
        agencyShare: { amount: '0.00' },
        creatorPayout: { amount: '500.00' },
        task: { id: task.id },
        creator: { id: creators[0].profileId },
        merchant: { id: merchant.profileId },
        events: [{ type: 'CREATED', actor: { id: creators[0].userId } }],
      });
      const [row] = await server.sql(`SELECT status, slots_filled FROM tasks WHERE id = $1`, [task.id]);
      expect(row).toEqual({ status: 'OPEN', slots_filled: 1 });
      // Answering again is CONFLICT.
      expectCode(
        await server.gql.fail(RESPOND, { id: invitation.id, accept: false }, creators[0].token),
        'CONFLICT',
      );
    });

    it('accepting the last slot closes the task, expiring pending bids and invitations', async () => {
      const task = await post({ slots: 1 });
      const chosen = await invite({ taskId: task.id, creatorId: creators[0].profileId });
      const waiting = await invite({ taskId: task.id, creatorId: creators[1].profileId });
      const bid = await placeBid(server.gql, creators[2].token, task.id);
      const answer = await server.gql.ok(RESPOND, { id: chosen.id, accept: true }, creators[0].token);
      expect(answer.respondToInvitation.status).toBe('ACCEPTED');
      expect(await server.sql(`SELECT status, slots_filled FROM tasks WHERE id = $1`, [task.id])).toEqual([
        { status: 'CLOSED', slots_filled: 1 },
      ]);
      expect(await server.sql(`SELECT status FROM invitations WHERE id = $1`, [waiting.id])).toEqual([
        { status: 'EXPIRED' },
      ]);
      expect(await server.sql(`SELECT status FROM bids WHERE id = $1`, [bid.id])).toEqual([
        { status: 'EXPIRED' },
      ]);
      expectCode(
        await server.gql.fail(RESPOND, { id: waiting.id, accept: true }, creators[1].token),
        'CONFLICT',
      );
    });

    it('declining creates no order; only the invited creator may answer', async () => {
      const task = await post();
      const invitation = await invite({ taskId: task.id, creatorId: creators[1].profileId });
      expectCode(
        await server.gql.fail(RESPOND, { id: invitation.id, accept: true }, creators[0].token),
        'NOT_FOUND',
      );
      expectCode(
        await server.gql.fail(RESPOND, { id: invitation.id, accept: true }, merchant.token),
        'FORBIDDEN',
      );
      const answer = await server.gql.ok(RESPOND, { id: invitation.id, accept: false }, creators[1].token);
      expect(answer.respondToInvitation).toEqual({ id: invitation.id, status: 'DECLINED', order: null });
      expect(await server.sql(`SELECT id FROM orders WHERE task_id = $1`, [task.id])).toEqual([]);
      expectCode(
        await server.gql.fail(RESPOND, { id: invitation.id, accept: true }, creators[1].token),
        'CONFLICT',
      );
      // Declined is not pending: the merchant may invite again.
      expect((await invite({ taskId: task.id, creatorId: creators[1].profileId })).status).toBe('PENDING');
    });

    it('refuses an acceptance from a creator demoted to ORDINARY (TIER_TOO_LOW)', async () => {
      const demoted = await signUpCreatorWithTier(server.gql, adminToken, 'CREATOR');
      const task = await post();
      const invitation = await invite({ taskId: task.id, creatorId: demoted.profileId });
      await server.gql.ok(
        `mutation($id: ID!) { setCreatorTier(creatorId: $id, tier: ORDINARY, reason: "test") { id } }`,
        { id: demoted.profileId },
        adminToken,
      );
      expectCode(
        await server.gql.fail(RESPOND, { id: invitation.id, accept: true }, demoted.token),
        'TIER_TOO_LOW',
      );
      expect(await server.sql(`SELECT status FROM invitations WHERE id = $1`, [invitation.id])).toEqual([
        { status: 'PENDING' },
      ]);
    });

    it('an invitation answered after expiresAt is DEADLINE_PASSED, even before the timer ran', async () => {
      const task = await post();
      const invitation = await invite({ taskId: task.id, creatorId: creators[2].profileId });
      await server.sql(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        invitation.id,
      ]);
      expectCode(
        await server.gql.fail(RESPOND, { id: invitation.id, accept: true }, creators[2].token),
        'DEADLINE_PASSED',
      );
      expect(await server.sql(`SELECT id FROM orders WHERE task_id = $1`, [task.id])).toEqual([]);
    });
  });

  describe('myInvitations and invite-only tasks', () => {
    it('lists the creator own invitations, newest first, filtered by status', async () => {
      const reader = await signUpCreatorWithTier(server.gql, adminToken, 'CREATOR');
      const first = await invite({
        taskId: (await post({ title: 'First' })).id,
        creatorId: reader.profileId,
      });
      const second = await invite({
        taskId: (await post({ title: 'Second' })).id,
        creatorId: reader.profileId,
        message: 'Hello',
      });
      await server.gql.ok(RESPOND, { id: first.id, accept: false }, reader.token);
      const all = (await server.gql.ok(MY_INVITATIONS, {}, reader.token)).myInvitations;
      expect(all.map((i: { id: string }) => i.id)).toEqual([second.id, first.id]);
      expect(all[0]).toMatchObject({ status: 'PENDING', message: 'Hello', task: { title: 'Second' } });
      const pending = (await server.gql.ok(MY_INVITATIONS, { status: 'PENDING' }, reader.token))
        .myInvitations;
      expect(pending.map((i: { id: string }) => i.id)).toEqual([second.id]);
      expect(
        (await server.gql.ok(MY_INVITATIONS, {}, creators[2].token)).myInvitations.map(
          (i: { id: string }) => i.id,
        ),
      ).not.toContain(second.id);
      expectCode(await server.gql.fail(MY_INVITATIONS, {}, merchant.token), 'FORBIDDEN');
    });

    it('an invited creator sees the invite-only task and may bid; it stays out of the public feed', async () => {
      const task = await post({ visibility: 'INVITE_ONLY', title: 'Invite-only sofa shoot' });
      await invite({ taskId: task.id, creatorId: creators[0].profileId });
      const seen = await server.gql.ok(
        `query($id: ID!) { task(id: $id) { id visibility } }`,
        { id: task.id },
        creators[0].token,
      );
      expect(seen.task).toEqual({ id: task.id, visibility: 'INVITE_ONLY' });
      const notSeen = await server.gql.ok(
        `query($id: ID!) { task(id: $id) { id } }`,
        { id: task.id },
        creators[1].token,
      );
      expect(notSeen.task).toBeNull();
      const feed = await server.gql.ok(
        `query($m: ID!) { tasks(filter: { merchantId: $m }, first: 100) { nodes { id } } }`,
        { m: merchant.profileId },
        creators[0].token,
      );
      expect(feed.tasks.nodes.map((n: { id: string }) => n.id)).not.toContain(task.id);
      expect((await placeBid(server.gql, creators[0].token, task.id)).status).toBe('PENDING');
    });
  });

  describe('expiry after INVITATION_TTL_S (durable timer)', () => {
    let shortTtl: TestServer;
    beforeAll(async () => {
      // A second instance on the same database, whose invitations live 2 seconds.
      shortTtl = await startTestServer({
        databaseUrl: server.databaseUrl,
        env: { ...ADMIN_ENV, INVITATION_TTL_S: '2' },
      });
    });
    afterAll(async () => {
      expectWellFormedErrors(shortTtl.gql.errorsSeen);
      await shortTtl.close();
    });

    it('expires an unanswered invitation; answering it then is DEADLINE_PASSED', async () => {
      const task = await postTask(shortTtl.gql, merchant.token);
      const invitation = (
        await shortTtl.gql.ok(
          INVITE_CREATOR,
          { input: { taskId: task.id, creatorId: creators[1].profileId } },
          merchant.token,
        )
      ).inviteCreator;
      const status = async () =>
        (await shortTtl.sql(`SELECT status FROM invitations WHERE id = $1`, [invitation.id]))[0].status;
      expect(await status()).toBe('PENDING');
      await waitFor(async () => (await status()) === 'EXPIRED', 'the invitation to expire');
      const listed = (await shortTtl.gql.ok(MY_INVITATIONS, { status: 'EXPIRED' }, creators[1].token))
        .myInvitations;
      expect(listed.map((i: { id: string }) => i.id)).toContain(invitation.id);
      for (const accept of [true, false]) {
        expectCode(
          await shortTtl.gql.fail(RESPOND, { id: invitation.id, accept }, creators[1].token),
          'DEADLINE_PASSED',
        );
      }
      const [job] = await shortTtl.sql(`SELECT state FROM pgboss.job WHERE singleton_key = $1`, [
        invitation.id,
      ]);
      expect(job.state).toBe('completed');
      // The task is untouched and still takes creators.
      expect(await shortTtl.sql(`SELECT status, slots_filled FROM tasks WHERE id = $1`, [task.id])).toEqual([
        { status: 'OPEN', slots_filled: 0 },
      ]);
      expect(await shortTtl.sql(`SELECT id FROM orders WHERE task_id = $1`, [task.id])).toEqual([]);
    });

    it('an invitation accepted in time stays accepted when its timer fires', async () => {
      const task = await postTask(shortTtl.gql, merchant.token);
      const invitation = (
        await shortTtl.gql.ok(
          INVITE_CREATOR,
          { input: { taskId: task.id, creatorId: creators[2].profileId } },
          merchant.token,
        )
      ).inviteCreator;
      await shortTtl.gql.ok(RESPOND, { id: invitation.id, accept: true }, creators[2].token);
      await waitFor(
        async () =>
          (await shortTtl.sql(`SELECT state FROM pgboss.job WHERE singleton_key = $1`, [invitation.id]))[0]
            ?.state === 'completed',
        'the expiry timer to run',
      );
      expect(await shortTtl.sql(`SELECT status FROM invitations WHERE id = $1`, [invitation.id])).toEqual([
        { status: 'ACCEPTED' },
      ]);
    });
  });
});
