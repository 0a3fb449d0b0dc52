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
  ACCEPT_BID,
  CANCEL_TASK,
  CLOSE_TASK,
  expectCode,
  inSeconds,
  INVITE_CREATOR,
  placeBid,
  POST_TASK,
  postTask,
  PUBLISH_TASK,
  TASK_FIELDS,
  taskInput,
} from './support/market-fixtures';

const DAY = 24 * 3600;

const TASK = /* GraphQL */ `
  query Task($id: ID!) {
    task(id: $id) {
      ...TaskFields
    }
  }
  ${TASK_FIELDS}
`;

const TASKS = /* GraphQL */ `
  query Tasks($filter: TaskFilter, $orderBy: TaskOrder, $first: Int, $after: String) {
    tasks(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
      }
    }
  }
`;

describe('tasks', () => {
  let server: TestServer;
  let adminToken: string;
  let merchant: Account;
  let otherMerchant: Account;
  let creator: Account;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    adminToken = await logInAdmin(server.gql);
    [merchant, otherMerchant] = await Promise.all([signUpMerchant(server.gql), signUpMerchant(server.gql)]);
    creator = await signUpCreatorWithTier(server.gql, adminToken, 'CREATOR');
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  const post = (overrides: Record<string, unknown> = {}, token = merchant.token) =>
    postTask(server.gql, token, overrides);
  const postFails = (overrides: Record<string, unknown>, token = merchant.token) =>
    server.gql.fail(POST_TASK, { input: taskInput(overrides) }, token);
  const task = async (id: string, token?: string) => (await server.gql.ok(TASK, { id }, token)).task;

  describe('postTask', () => {
    it('saves a DRAFT by default, with the documented defaults', async () => {
      const draft = await post({ publish: undefined });
      expect(draft).toMatchObject({
        title: 'Review our oak dining table',
        contentType: 'VIDEO',
        channels: ['HEADLINES'],
        domainTags: [{ slug: 'home.furniture' }],
        minTier: 'CREATOR',
        budget: { amount: '500.00', currencyCode: 'CNY' },
        slots: 3,
        slotsFilled: 0,
        maxRevisions: 2,
        visibility: 'PUBLIC',
        status: 'DRAFT',
        bidCount: 0,
        merchant: { id: merchant.profileId },
      });
      // A draft has no applyBy timer yet: it is armed when the task is published.
      const jobs = await server.sql(`SELECT id FROM pgboss.job WHERE singleton_key = $1`, [draft.id]);
      expect(jobs).toHaveLength(0);
      expect((await post({ publish: false })).status).toBe('DRAFT');
    });

    it('publishes at once with publish: true and arms the applyBy timer', async () => {
      const applyBy = inSeconds(5 * DAY);
      const open = await post({
        publish: true,
        applyBy,
        minTier: 'EXPERT',
        maxRevisions: 0,
        slots: 1000,
        budget: { amount: '0.01', currencyCode: 'USD' },
        channels: ['LIVE', 'LIVE', 'COMMUNITY'],
      });
      expect(open).toMatchObject({
        status: 'OPEN',
        minTier: 'EXPERT',
        maxRevisions: 0,
        slots: 1000,
        budget: { amount: '0.01', currencyCode: 'USD' },
        channels: ['LIVE', 'COMMUNITY'],
      });
      expect(new Date(open.applyBy).toISOString()).toBe(applyBy);
      const jobs = await server.sql(
        `SELECT name, state, start_after FROM pgboss.job WHERE singleton_key = $1`,
        [open.id],
      );
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ name: 'marketplace.close-task-at-apply-by', state: 'created' });
      expect(new Date(jobs[0].start_after).toISOString()).toBe(applyBy);
    });

    it.each([
      ['an empty title', { title: '' }, 'title'],
      ['a blank title', { title: '   ' }, 'title'],
      ['a title over 120 characters', { title: 'x'.repeat(121) }, 'title'],
      ['an empty brief', { brief: '' }, 'brief'],
      ['a brief over 5000 characters', { brief: 'x'.repeat(5001) }, 'brief'],
      ['no domain tags', { domainTags: [] }, 'domainTags'],
      [
        'six domain tags',
        {
          domainTags: [
            'home',
            'home.furniture',
            'home.decor',
            'home.kitchen',
            'home.storage',
            'beauty.skincare',
          ],
        },
        'domainTags',
      ],
      ['an unknown domain tag', { domainTags: ['home.spaceships'] }, 'domainTags'],
      ['no channels', { channels: [] }, 'channels'],
      ['0 slots', { slots: 0 }, 'slots'],
      ['1001 slots', { slots: 1001 }, 'slots'],
      ['an applyBy in the past', { applyBy: inSeconds(-60) }, 'applyBy'],
      [
        'a deliverBy before applyBy',
        { applyBy: inSeconds(3 * DAY), deliverBy: inSeconds(2 * DAY) },
        'deliverBy',
      ],
      [
        'a deliverBy equal to applyBy',
        { applyBy: inSeconds(3 * DAY), deliverBy: inSeconds(3 * DAY) },
        'deliverBy',
      ],
      ['maxRevisions 11', { maxRevisions: 11 }, 'maxRevisions'],
      ['negative maxRevisions', { maxRevisions: -1 }, 'maxRevisions'],
      ['a zero budget', { budget: { amount: '0.00', currencyCode: 'CNY' } }, 'budget.amount'],
      ['a negative budget', { budget: { amount: '-5.00', currencyCode: 'CNY' } }, 'budget.amount'],
      ['a budget with 3 decimals', { budget: { amount: '10.005', currencyCode: 'CNY' } }, 'budget.amount'],
      [
        'a budget that is not a number',
        { budget: { amount: '12,50', currencyCode: 'CNY' } },
        'budget.amount',
      ],
      ['an unknown venue', { venueId: '00000000-0000-4000-8000-000000000000' }, 'venueId'],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, overrides, field) => {
      const error = await postFails(overrides);
      expectCode(error, 'BAD_USER_INPUT');
      expect(error.extensions?.fields).toHaveProperty([field]);
    });

    it('is for merchants only: a creator is FORBIDDEN, nobody signed in is UNAUTHENTICATED', async () => {
      expectCode(await postFails({}, creator.token), 'FORBIDDEN');
      const anonymous = await server.gql.fail(POST_TASK, { input: taskInput() });
      expectCode(anonymous, 'UNAUTHENTICATED');
      const rows = await server.sql(`SELECT count(*)::int AS n FROM tasks WHERE merchant_id IS NULL`);
      expect(rows[0].n).toBe(0);
    });
  });

  describe('publishTask, closeTask, cancelTask', () => {
    it('publishes a draft once; publishing again is CONFLICT', async () => {
      const draft = await post({ publish: false });
      const published = await server.gql.ok(PUBLISH_TASK, { id: draft.id }, merchant.token);
      expect(published.publishTask).toEqual({ id: draft.id, status: 'OPEN' });
      expectCode(await server.gql.fail(PUBLISH_TASK, { id: draft.id }, merchant.token), 'CONFLICT');
      const jobs = await server.sql(`SELECT state FROM pgboss.job WHERE singleton_key = $1`, [draft.id]);
      expect(jobs).toEqual([{ state: 'created' }]);
    });

    it('refuses to publish a draft whose applyBy has passed (DEADLINE_PASSED)', async () => {
      const draft = await post({ publish: false });
      await server.sql(`UPDATE tasks SET apply_by = now() - interval '1 second' WHERE id = $1`, [draft.id]);
      expectCode(await server.gql.fail(PUBLISH_TASK, { id: draft.id }, merchant.token), 'DEADLINE_PASSED');
      expect(await server.sql(`SELECT status FROM tasks WHERE id = $1`, [draft.id])).toEqual([
        { status: 'DRAFT' },
      ]);
    });

    it("only the task's merchant changes it: FORBIDDEN on a public task, NOT_FOUND on someone else's draft", async () => {
      const open = await post();
      const draft = await post({ publish: false });
      for (const mutation of [PUBLISH_TASK, CLOSE_TASK]) {
        expectCode(await server.gql.fail(mutation, { id: open.id }, otherMerchant.token), 'FORBIDDEN');
        expectCode(await server.gql.fail(mutation, { id: draft.id }, otherMerchant.token), 'NOT_FOUND');
      }
      const cancel = { reason: 'not mine' };
      expectCode(
        await server.gql.fail(CANCEL_TASK, { id: open.id, ...cancel }, otherMerchant.token),
        'FORBIDDEN',
      );
      expectCode(
        await server.gql.fail(CANCEL_TASK, { id: draft.id, ...cancel }, otherMerchant.token),
        'NOT_FOUND',
      );
      // Creators are refused by role before any lookup.
      expectCode(await server.gql.fail(CLOSE_TASK, { id: open.id }, creator.token), 'FORBIDDEN');
      // Unknown and malformed ids.
      const unknown = '00000000-0000-4000-8000-000000000000';
      expectCode(await server.gql.fail(CLOSE_TASK, { id: unknown }, merchant.token), 'NOT_FOUND');
      expectCode(await server.gql.fail(CLOSE_TASK, { id: 'nope' }, merchant.token), 'NOT_FOUND');
      expect(
        await server.sql(`SELECT status FROM tasks WHERE id = ANY($1) ORDER BY status`, [
          [open.id, draft.id],
        ]),
      ).toEqual([{ status: 'DRAFT' }, { status: 'OPEN' }]);
    });

    it('closes an open task and expires its pending bids; closing again (or a draft) is CONFLICT', async () => {
      const open = await post();
      const bid = await placeBid(server.gql, creator.token, open.id);
      const closed = await server.gql.ok(CLOSE_TASK, { id: open.id }, merchant.token);
      expect(closed.closeTask).toEqual({ id: open.id, status: 'CLOSED' });
      expect(await server.sql(`SELECT status FROM bids WHERE id = $1`, [bid.id])).toEqual([
        { status: 'EXPIRED' },
      ]);
      expectCode(await server.gql.fail(CLOSE_TASK, { id: open.id }, merchant.token), 'CONFLICT');
      const draft = await post({ publish: false });
      expectCode(await server.gql.fail(CLOSE_TASK, { id: draft.id }, merchant.token), 'CONFLICT');
      expectCode(await server.gql.fail(PUBLISH_TASK, { id: open.id }, merchant.token), 'CONFLICT');
    });

    it('cancelTask needs a reason a creator can read', async () => {
      const open = await post();
      for (const reason of ['', '   ']) {
        const error = await server.gql.fail(CANCEL_TASK, { id: open.id, reason }, merchant.token);
        expectCode(error, 'BAD_USER_INPUT');
        expect(error.extensions?.fields).toHaveProperty(['reason']);
      }
      const tooLong = await server.gql.fail(
        CANCEL_TASK,
        { id: open.id, reason: 'x'.repeat(501) },
        merchant.token,
      );
      expectCode(tooLong, 'BAD_USER_INPUT');
      expect(tooLong.extensions?.fields).toHaveProperty(['reason']);
      expect(await server.sql(`SELECT status FROM tasks WHERE id = $1`, [open.id])).toEqual([
        { status: 'OPEN' },
      ]);
    });

    it('cancels unfunded orders, expires pending bids and invitations, and keeps the reason', async () => {
      const open = await post({ slots: 3 });
      const [winner, waiting, invitee] = await Promise.all([
        signUpCreatorWithTier(server.gql, adminToken, 'CREATOR'),
        signUpCreatorWithTier(server.gql, adminToken, 'CREATOR'),
        signUpCreatorWithTier(server.gql, adminToken, 'CREATOR'),
      ]);
      const accepted = await placeBid(server.gql, winner.token, open.id);
      const pending = await placeBid(server.gql, waiting.token, open.id);
      const order = (await server.gql.ok(ACCEPT_BID, { id: accepted.id }, merchant.token)).acceptBid;
      const invitation = (
        await server.gql.ok(
          INVITE_CREATOR,
          { input: { taskId: open.id, creatorId: invitee.profileId } },
          merchant.token,
        )
      ).inviteCreator;

      const cancelled = await server.gql.ok(
        CANCEL_TASK,
        { id: open.id, reason: '  The product launch moved.  ' },
        merchant.token,
      );
      expect(cancelled.cancelTask).toEqual({ id: open.id, status: 'CANCELLED' });
      expect(await server.sql(`SELECT status, cancel_reason FROM tasks WHERE id = $1`, [open.id])).toEqual([
        { status: 'CANCELLED', cancel_reason: 'The product launch moved.' },
      ]);
      expect(await server.sql(`SELECT status FROM orders WHERE id = $1`, [order.id])).toEqual([
        { status: 'CANCELLED' },
      ]);
      // The timeline keeps the cancellation as a keyed note (worded for each reader) with the reason as typed.
      const events = await server.sql(
        `SELECT type, note_key, note_params FROM order_events WHERE order_id = $1 ORDER BY at`,
        [order.id],
      );
      expect(events.map((e) => e.type)).toEqual(['CREATED', 'CANCELLED']);
      expect(events[1]).toMatchObject({
        note_key: 'TASK_CANCELLED',
        note_params: { reason: 'The product launch moved.' },
      });
      expect(
        await server.sql(`SELECT id, status FROM bids WHERE task_id = $1 ORDER BY created_at`, [open.id]),
      ).toEqual([
        { id: accepted.id, status: 'ACCEPTED' },
        { id: pending.id, status: 'EXPIRED' },
      ]);
      expect(await server.sql(`SELECT status FROM invitations WHERE id = $1`, [invitation.id])).toEqual([
        { status: 'EXPIRED' },
      ]);
      // Final: cancelling again, closing or publishing is CONFLICT.
      expectCode(
        await server.gql.fail(CANCEL_TASK, { id: open.id, reason: 'again' }, merchant.token),
        'CONFLICT',
      );
      expectCode(await server.gql.fail(CLOSE_TASK, { id: open.id }, merchant.token), 'CONFLICT');
    });

    it('cancels drafts and closed tasks too', async () => {
      const draft = await post({ publish: false });
      const closed = await post();
      await server.gql.ok(CLOSE_TASK, { id: closed.id }, merchant.token);
      for (const id of [draft.id, closed.id]) {
        const data = await server.gql.ok(CANCEL_TASK, { id, reason: 'Changed plans' }, merchant.token);
        expect(data.cancelTask.status).toBe('CANCELLED');
      }
    });

    it('refuses to cancel a task with a funded order (CONFLICT) and changes nothing', async () => {
      const open = await post({ slots: 2 });
      const bidder = await signUpCreatorWithTier(server.gql, adminToken, 'CREATOR');
      const bid = await placeBid(server.gql, bidder.token, open.id);
      const order = (await server.gql.ok(ACCEPT_BID, { id: bid.id }, merchant.token)).acceptBid;
      // Funding arrives with the next issue; stand it in with SQL.
      await server.sql(`UPDATE orders SET status = 'IN_PROGRESS' WHERE id = $1`, [order.id]);
      const error = await server.gql.fail(
        CANCEL_TASK,
        { id: open.id, reason: 'Changed plans' },
        merchant.token,
      );
      expectCode(error, 'CONFLICT');
      expect(await server.sql(`SELECT status FROM tasks WHERE id = $1`, [open.id])).toEqual([
        { status: 'OPEN' },
      ]);
      expect(await server.sql(`SELECT status FROM orders WHERE id = $1`, [order.id])).toEqual([
        { status: 'IN_PROGRESS' },
      ]);
    });
  });

  describe('task(id) visibility', () => {
    it('shows public tasks to everyone, drafts and invite-only tasks only to their merchant, admins and invitees', async () => {
      const open = await post();
      const draft = await post({ publish: false });
      const inviteOnly = await post({ visibility: 'INVITE_ONLY' });
      const invitee = await signUpCreatorWithTier(server.gql, adminToken, 'CREATOR');
      await server.gql.ok(
        INVITE_CREATOR,
        { input: { taskId: inviteOnly.id, creatorId: invitee.profileId } },
        merchant.token,
      );

      expect((await task(open.id))?.id).toBe(open.id);
      expect((await task(open.id, creator.token))?.id).toBe(open.id);
      for (const token of [undefined, otherMerchant.token, creator.token]) {
        expect(await task(draft.id, token)).toBeNull();
        expect(await task(inviteOnly.id, token)).toBeNull();
      }
      for (const token of [merchant.token, adminToken]) {
        expect((await task(draft.id, token))?.status).toBe('DRAFT');
        expect((await task(inviteOnly.id, token))?.visibility).toBe('INVITE_ONLY');
      }
      expect((await task(inviteOnly.id, invitee.token))?.id).toBe(inviteOnly.id);
      expect(await task('00000000-0000-4000-8000-000000000000')).toBeNull();
      // A malformed id names nothing: refused before any lookup, as the input check answers every id.
      expectCode(await server.gql.fail(TASK, { id: 'not-a-uuid' }), 'NOT_FOUND');
    });
  });

  describe('the tasks feed', () => {
    // One merchant's tasks, so filters can be checked exactly (scoped by merchantId).
    let feedMerchant: Account;
    const ids: Record<string, string> = {};
    const scoped = (filter: Record<string, unknown>) => ({ merchantId: feedMerchant.profileId, ...filter });

    beforeAll(async () => {
      feedMerchant = await signUpMerchant(server.gql);
      const m = feedMerchant.token;
      // Created one after another, so NEWEST is the reverse of this order.
      ids.sofa = (
        await post(
          {
            title: 'Sofa with a ZEBRA print',
            domainTags: ['home.furniture'],
            contentType: 'VIDEO',
            channels: ['HEADLINES'],
            minTier: 'CREATOR',
            budget: { amount: '100.00', currencyCode: 'CNY' },
            applyBy: inSeconds(3 * DAY),
          },
          m,
        )
      ).id;
      ids.home = (
        await post(
          {
            title: 'Home tour',
            brief: 'A tour of a flat furnished in zebra stripes.',
            domainTags: ['home'],
            contentType: 'POST',
            channels: ['GOOD_FINDS', 'STROLL'],
            minTier: 'EXPERT',
            budget: { amount: '300.00', currencyCode: 'CNY' },
            applyBy: inSeconds(1 * DAY),
          },
          m,
        )
      ).id;
      ids.serum = (
        await post(
          {
            title: 'Serum live stream',
            brief: 'Sell our serum live for 100% of an hour.',
            domainTags: ['beauty.skincare'],
            contentType: 'LIVE',
            channels: ['LIVE'],
            minTier: 'CELEBRITY',
            budget: { amount: '400.00', currencyCode: 'CNY' },
            applyBy: inSeconds(2 * DAY),
          },
          m,
        )
      ).id;
      ids.phone = (
        await post(
          {
            title: 'Phone unboxing',
            domainTags: ['digital.phones'],
            contentType: 'VIDEO',
            channels: ['HEADLINES'],
            budget: { amount: '50.00', currencyCode: 'CNY' },
            applyBy: inSeconds(4 * DAY),
          },
          m,
        )
      ).id;
      await server.gql.ok(CLOSE_TASK, { id: ids.phone }, m);
      ids.draft = (await post({ title: 'Draft decor', domainTags: ['home.decor'], publish: false }, m)).id;
      ids.secret = (
        await post({ title: 'Secret kitchen', domainTags: ['home.kitchen'], visibility: 'INVITE_ONLY' }, m)
      ).id;
    });

    const feed = async (
      variables: Record<string, unknown>,
      token?: string,
    ): Promise<{ ids: string[]; totalCount: number }> => {
      const data = await server.gql.ok(TASKS, { first: 100, ...variables }, token);
      return { ids: data.tasks.nodes.map((n: { id: string }) => n.id), totalCount: data.tasks.totalCount };
    };
    const idsOf = (...names: string[]) => names.map((name) => ids[name]);

    it('hides drafts and invite-only tasks from other users, shows them to their merchant and admins', async () => {
      const filter = scoped({});
      for (const token of [undefined, creator.token, merchant.token]) {
        expect(await feed({ filter }, token)).toEqual({
          ids: idsOf('phone', 'serum', 'home', 'sofa'),
          totalCount: 4,
        });
      }
      const own = idsOf('secret', 'draft', 'phone', 'serum', 'home', 'sofa');
      expect(await feed({ filter }, feedMerchant.token)).toEqual({ ids: own, totalCount: 6 });
      expect(await feed({ filter }, adminToken)).toEqual({ ids: own, totalCount: 6 });
      // Not even a status filter reveals them.
      expect((await feed({ filter: scoped({ status: 'DRAFT' }) })).ids).toEqual([]);
      // The unscoped public feed has no draft or invite-only task of anyone's.
      const everything = await feed({});
      expect(everything.ids).not.toContain(ids.draft);
      expect(everything.ids).not.toContain(ids.secret);
      const rows = await server.sql(
        `SELECT id FROM tasks WHERE id = ANY($1) AND (status = 'DRAFT' OR visibility = 'INVITE_ONLY')`,
        [everything.ids],
      );
      expect(rows).toEqual([]);
    });

    it('filters by status, content type, channel and merchant', async () => {
      expect((await feed({ filter: scoped({ status: 'OPEN' }) })).ids).toEqual(
        idsOf('serum', 'home', 'sofa'),
      );
      expect((await feed({ filter: scoped({ status: 'CLOSED' }) })).ids).toEqual(idsOf('phone'));
      expect((await feed({ filter: scoped({ contentType: 'LIVE' }) })).ids).toEqual(idsOf('serum'));
      expect((await feed({ filter: scoped({ contentType: 'VIDEO' }) })).ids).toEqual(idsOf('phone', 'sofa'));
      expect((await feed({ filter: scoped({ channel: 'STROLL' }) })).ids).toEqual(idsOf('home'));
      expect((await feed({ filter: scoped({ channel: 'HEADLINES' }) })).ids).toEqual(idsOf('phone', 'sofa'));
      const nobody = await signUpMerchant(server.gql);
      expect(await feed({ filter: { merchantId: nobody.profileId } })).toEqual({ ids: [], totalCount: 0 });
    });

    it('filters by domain tags: a parent tag matches its children', async () => {
      expect((await feed({ filter: scoped({ domainTags: ['home'] }) })).ids).toEqual(idsOf('home', 'sofa'));
      expect((await feed({ filter: scoped({ domainTags: ['home.furniture'] }) })).ids).toEqual(idsOf('sofa'));
      expect((await feed({ filter: scoped({ domainTags: ['beauty', 'digital'] }) })).ids).toEqual(
        idsOf('phone', 'serum'),
      );
      expect((await feed({ filter: scoped({ domainTags: ['food'] }) })).ids).toEqual([]);
      // The owner also finds their draft and invite-only task by a parent tag.
      expect((await feed({ filter: scoped({ domainTags: ['home'] }) }, feedMerchant.token)).ids).toEqual(
        idsOf('secret', 'draft', 'home', 'sofa'),
      );
    });

    it('filters by eligibleForTier: tasks whose minTier is at or below the tier', async () => {
      const open = (tier: string) => feed({ filter: scoped({ status: 'OPEN', eligibleForTier: tier }) });
      expect((await open('ORDINARY')).ids).toEqual([]);
      expect((await open('CREATOR')).ids).toEqual(idsOf('sofa'));
      expect((await open('EXPERT')).ids).toEqual(idsOf('home', 'sofa'));
      expect((await open('CELEBRITY')).ids).toEqual(idsOf('serum', 'home', 'sofa'));
    });

    it('searches title and brief, case-insensitively and literally', async () => {
      expect((await feed({ filter: scoped({ search: 'zebra' }) })).ids).toEqual(idsOf('home', 'sofa'));
      expect((await feed({ filter: scoped({ search: 'ZeBrA PrInT' }) })).ids).toEqual(idsOf('sofa'));
      expect((await feed({ filter: scoped({ search: '100%' }) })).ids).toEqual(idsOf('serum'));
      expect((await feed({ filter: scoped({ search: '%' }) })).ids).toEqual(idsOf('serum'));
      expect((await feed({ filter: scoped({ search: '_' }) })).ids).toEqual([]);
      expect((await feed({ filter: scoped({ search: 'kitchen' }) })).ids).toEqual([]);
      expect((await feed({ filter: scoped({ search: 'kitchen' }) }, feedMerchant.token)).ids).toEqual(
        idsOf('secret'),
      );
    });

    it.each([
      ['NEWEST', ['phone', 'serum', 'home', 'sofa']],
      ['APPLY_BY_SOONEST', ['home', 'serum', 'sofa', 'phone']],
      ['BUDGET_HIGHEST', ['serum', 'home', 'sofa', 'phone']],
    ])('orders by %s and walks the cursor to the end', async (orderBy, expected) => {
      const filter = scoped({});
      expect((await feed({ filter, orderBy })).ids).toEqual(idsOf(...expected));
      const walked: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const data: Record<string, any> = await server.gql.ok(TASKS, { filter, orderBy, first: 1, after });
        expect(data.tasks.totalCount).toBe(4);
        walked.push(...data.tasks.nodes.map((n: { id: string }) => n.id));
        pages += 1;
        if (!data.tasks.pageInfo.hasNextPage) break;
        after = data.tasks.pageInfo.endCursor;
        expect(pages).toBeLessThan(10);
      }
      expect(walked).toEqual(idsOf(...expected));
      expect(pages).toBe(4);
    });

    it('pages through a larger list with first: 3 and ties broken by id', async () => {
      const pager = await signUpMerchant(server.gql);
      const applyBy = inSeconds(6 * DAY);
      const created: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        // Equal budgets and applyBy: the order must still be total (by id) and pages must not overlap.
        created.push((await post({ title: `Pager ${i}`, applyBy }, pager.token)).id);
      }
      for (const orderBy of ['NEWEST', 'APPLY_BY_SOONEST', 'BUDGET_HIGHEST']) {
        const filter = { merchantId: pager.profileId };
        const walked: string[] = [];
        let after: string | null = null;
        const sizes: number[] = [];
        for (;;) {
          const data: Record<string, any> = await server.gql.ok(TASKS, { filter, orderBy, first: 3, after });
          expect(data.tasks.totalCount).toBe(7);
          sizes.push(data.tasks.nodes.length);
          walked.push(...data.tasks.nodes.map((n: { id: string }) => n.id));
          if (!data.tasks.pageInfo.hasNextPage) break;
          after = data.tasks.pageInfo.endCursor;
        }
        expect(sizes).toEqual([3, 3, 1]);
        expect(new Set(walked).size).toBe(7);
        expect([...walked].sort()).toEqual([...created].sort());
        if (orderBy === 'NEWEST') expect(walked).toEqual([...created].reverse());
      }
    });

    it('refuses first over 100 and a forged cursor with BAD_USER_INPUT', async () => {
      expectCode(await server.gql.fail(TASKS, { first: 101 }), 'BAD_USER_INPUT');
      expectCode(await server.gql.fail(TASKS, { after: 'garbage' }), 'BAD_USER_INPUT');
      const forged = Buffer.from(JSON.stringify(['not a date', 'not an id'])).toString('base64url');
      for (const orderBy of ['NEWEST', 'APPLY_BY_SOONEST', 'BUDGET_HIGHEST']) {
        expectCode(await server.gql.fail(TASKS, { orderBy, after: forged }), 'BAD_USER_INPUT');
      }
      // A NEWEST cursor handed to the BUDGET_HIGHEST order is not valid for that list either.
      const page = await server.gql.ok(TASKS, { first: 1, orderBy: 'NEWEST' });
      const error = await server.gql.fail(TASKS, {
        first: 1,
        orderBy: 'BUDGET_HIGHEST',
        after: page.tasks.pageInfo.endCursor,
      });
      expectCode(error, 'BAD_USER_INPUT');
    });

    it('Merchant.tasks lists the merchant tasks as the viewer may see them', async () => {
      const MERCHANT_TASKS = /* GraphQL */ `
        query ($id: ID!, $status: TaskStatus) {
          task(id: $id) {
            merchant {
              id
              tasks(status: $status, first: 100) {
                totalCount
                nodes {
                  id
                }
              }
            }
          }
        }
      `;
      const ofMerchant = async (token?: string, status?: string) =>
        (await server.gql.ok(MERCHANT_TASKS, { id: ids.sofa, status }, token)).task.merchant.tasks;
      const publicView = await ofMerchant();
      expect(publicView.totalCount).toBe(4);
      expect(publicView.nodes.map((n: { id: string }) => n.id)).toEqual(
        idsOf('phone', 'serum', 'home', 'sofa'),
      );
      expect((await ofMerchant(creator.token, 'CLOSED')).nodes.map((n: { id: string }) => n.id)).toEqual(
        idsOf('phone'),
      );
      const own = await ofMerchant(feedMerchant.token);
      expect(own.totalCount).toBe(6);
      expect((await ofMerchant(feedMerchant.token, 'DRAFT')).nodes.map((n: { id: string }) => n.id)).toEqual(
        idsOf('draft'),
      );
      const viaMe = await server.gql.ok(
        `{ me { merchant { tasks(first: 2) { totalCount pageInfo { hasNextPage } nodes { id } } } } }`,
        {},
        feedMerchant.token,
      );
      expect(viaMe.me.merchant.tasks).toMatchObject({ totalCount: 6, pageInfo: { hasNextPage: true } });
      expect(viaMe.me.merchant.tasks.nodes.map((n: { id: string }) => n.id)).toEqual(
        idsOf('secret', 'draft'),
      );
    });
  });

  it('a fresh task has bidCount 0 and no myBid, even for an ORDINARY creator', async () => {
    const open = await post();
    const plain = await signUpCreator(server.gql);
    const data = await server.gql.ok(
      `query($id: ID!) { task(id: $id) { bidCount myBid { id } } }`,
      { id: open.id },
      plain.token,
    );
    expect(data.task).toEqual({ bidCount: 0, myBid: null });
  });
});
