import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  ACCEPT_BID,
  expectCode,
  inSeconds,
  INVITE_CREATOR,
  placeBid,
  postTask,
  TASK_FIELDS,
  taskStatusInDb,
  waitFor,
} from './support/market-fixtures';

const DAY = 24 * 3600;

const UPDATE_TASK = /* GraphQL */ `
  mutation UpdateTask($id: ID!, $input: UpdateTaskInput!) {
    updateTask(taskId: $id, input: $input) {
      ...TaskFields
    }
  }
  ${TASK_FIELDS}
`;
const DUPLICATE_TASK = /* GraphQL */ `
  mutation DuplicateTask($id: ID!) {
    duplicateTask(taskId: $id) {
      ...TaskFields
    }
  }
  ${TASK_FIELDS}
`;
const TASK_UPDATED_NOTICES = /* GraphQL */ `
  query {
    notifications(first: 50) {
      nodes {
        type
        message
        task {
          id
        }
      }
    }
  }
`;

describe('editing and duplicating tasks', () => {
  let server: TestServer;
  let adminToken: string;
  let merchant: Account;
  let otherMerchant: Account;
  let creators: Account[];

  const update = (taskId: string, input: Record<string, unknown>, token = merchant.token) =>
    server.gql.ok(UPDATE_TASK, { id: taskId, input }, token).then((data) => data.updateTask);
  const updateFails = (taskId: string, input: Record<string, unknown>, token = merchant.token) =>
    server.gql.fail(UPDATE_TASK, { id: taskId, input }, token);
  const notices = async (token: string, taskId: string, language = 'zh-CN') =>
    (
      await server.gql.request(TASK_UPDATED_NOTICES, {}, token, { 'accept-language': language })
    ).data!.notifications.nodes.filter(
      (node: any) => node.type === 'TASK_UPDATED' && node.task?.id === taskId,
    );
  const closeJob = async (taskId: string) =>
    (
      await server.sql(
        `SELECT start_after, state FROM pgboss.job WHERE name = 'marketplace.close-task-at-apply-by' AND singleton_key = $1`,
        [taskId],
      )
    )[0] as { start_after: Date; state: string } | undefined;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    adminToken = await logInAdmin(server.gql);
    [merchant, otherMerchant] = await Promise.all([signUpMerchant(server.gql), signUpMerchant(server.gql)]);
    creators = await Promise.all(
      [0, 1, 2].map(() => signUpCreatorWithTier(server.gql, adminToken, 'CREATOR')),
    );
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  it('lets the merchant change an open task; bidders and invitees are told, others are not', async () => {
    const task = await postTask(server.gql, merchant.token);
    await placeBid(server.gql, creators[0].token, task.id);
    await server.gql.ok(
      INVITE_CREATOR,
      { input: { taskId: task.id, creatorId: creators[1].profileId } },
      merchant.token,
    );

    const updated = await update(task.id, {
      title: '  Review our walnut dining table ',
      budget: { amount: '650.00', currencyCode: 'CNY' },
      slots: 5,
    });
    expect(updated).toMatchObject({
      id: task.id,
      title: 'Review our walnut dining table',
      budget: { amount: '650.00', currencyCode: 'CNY' },
      slots: 5,
      status: 'OPEN',
      brief: task.brief,
      applyBy: task.applyBy,
    });

    const [bidderNotice] = await notices(creators[0].token, task.id);
    expect(bidderNotice.message).toBe(
      `商家「Test Shop」修改了「Review our walnut dining table」的标题、名额、预算，你的报名仍在等待确认，请查看新条款。`,
    );
    const [inviteeNotice] = await notices(creators[1].token, task.id, 'en');
    expect(inviteeNotice.message).toBe(
      'Test Shop changed the title, the slots, the budget of "Review our walnut dining table"; check the new terms before you answer their invitation.',
    );
    expect(await notices(creators[2].token, task.id)).toEqual([]);
  });

  it('changes nothing and tells no one when nothing changes', async () => {
    const task = await postTask(server.gql, merchant.token);
    await placeBid(server.gql, creators[0].token, task.id);
    const same = await update(task.id, { title: task.title, slots: task.slots });
    expect(same).toMatchObject({ title: task.title, slots: task.slots });
    expect(await notices(creators[0].token, task.id)).toEqual([]);
  });

  it('re-arms the close timer when applyBy moves, and the task closes at the new time', async () => {
    const task = await postTask(server.gql, merchant.token);
    const before = await closeJob(task.id);
    expect(new Date(before!.start_after).toISOString()).toBe(task.applyBy);

    const soon = inSeconds(3);
    const updated = await update(task.id, { applyBy: soon });
    expect(updated.applyBy).toBe(soon);
    const after = await closeJob(task.id);
    expect(new Date(after!.start_after).toISOString()).toBe(soon);
    await waitFor(async () => (await taskStatusInDb(server, task.id)) === 'CLOSED', 'the moved close');
  });

  it('edits a draft without arming a timer; the draft keeps DRAFT', async () => {
    const draft = await postTask(server.gql, merchant.token, { publish: false });
    const updated = await update(draft.id, { applyBy: inSeconds(3 * DAY), maxRevisions: 4 });
    expect(updated).toMatchObject({ status: 'DRAFT', maxRevisions: 4 });
    expect(await closeJob(draft.id)).toBeUndefined();
  });

  it('refuses bad input with every problem named, and changes nothing', async () => {
    const task = await postTask(server.gql, merchant.token);
    const error = await updateFails(task.id, {
      title: '   ',
      deliverBy: inSeconds(DAY), // before applyBy (7 days)
      budget: { amount: '0.00', currencyCode: 'CNY' },
    });
    expectCode(error, 'BAD_USER_INPUT');
    expect(Object.keys(error.extensions?.fields ?? {})).toEqual(
      expect.arrayContaining(['title', 'budget.amount', 'deliverBy']),
    );
    expectCode(await updateFails(task.id, { applyBy: inSeconds(-60) }), 'BAD_USER_INPUT');
    const [row] = await server.sql(`SELECT title, slots, budget_minor, apply_by FROM tasks WHERE id = $1`, [
      task.id,
    ]);
    expect(row).toMatchObject({ title: task.title, slots: task.slots, budget_minor: '50000' });
    expect(new Date(row.apply_by).toISOString()).toBe(task.applyBy);
  });

  it('keeps the currency while bids priced in it are pending', async () => {
    const task = await postTask(server.gql, merchant.token);
    await placeBid(server.gql, creators[2].token, task.id);
    const error = await updateFails(task.id, { budget: { amount: '80.00', currencyCode: 'USD' } });
    expectCode(error, 'BAD_USER_INPUT');
    expect(error.extensions?.fields).toHaveProperty(['budget.currencyCode']);
  });

  it('answers in Chinese for the Chinese console and in English when asked', async () => {
    const task = await postTask(server.gql, merchant.token);
    const variables = { id: task.id, input: { title: ' ' } };
    const zh = await server.gql.request(UPDATE_TASK, variables, merchant.token, {
      'accept-language': 'zh-CN',
    });
    expect(zh.errors?.[0].message).toContain('请填写任务标题');
    const en = await server.gql.request(UPDATE_TASK, variables, merchant.token, { 'accept-language': 'en' });
    expect(en.errors?.[0].message).toContain('Give the task a title.');
    const hired = await postTask(server.gql, merchant.token);
    const bid = await placeBid(server.gql, creators[2].token, hired.id);
    await server.gql.ok(ACCEPT_BID, { id: bid.id }, merchant.token);
    const conflict = await server.gql.request(
      UPDATE_TASK,
      { id: hired.id, input: { slots: 5 } },
      merchant.token,
      {
        'accept-language': 'zh-CN',
      },
    );
    expect(conflict.errors?.[0].message).toContain('不能再修改');
  });

  it('refuses once a bid is accepted (CONFLICT), to other merchants (FORBIDDEN) and to creators', async () => {
    const task = await postTask(server.gql, merchant.token);
    const bid = await placeBid(server.gql, creators[0].token, task.id);
    expectCode(await updateFails(task.id, { title: 'Not mine' }, otherMerchant.token), 'FORBIDDEN');
    expectCode(await updateFails(task.id, { title: 'Not mine' }, creators[0].token), 'FORBIDDEN');
    await server.gql.ok(ACCEPT_BID, { id: bid.id }, merchant.token);
    expectCode(await updateFails(task.id, { title: 'Too late' }), 'CONFLICT');
    const [row] = await server.sql(`SELECT title FROM tasks WHERE id = $1`, [task.id]);
    expect(row.title).toBe(task.title);
  });

  it('refuses after an invitation is accepted, and on a closed task', async () => {
    const task = await postTask(server.gql, merchant.token);
    const invitation = (
      await server.gql.ok(
        INVITE_CREATOR,
        { input: { taskId: task.id, creatorId: creators[1].profileId } },
        merchant.token,
      )
    ).inviteCreator;
    await server.gql.ok(
      `mutation($id: ID!) { respondToInvitation(invitationId: $id, accept: true) { id } }`,
      { id: invitation.id },
      creators[1].token,
    );
    expectCode(await updateFails(task.id, { slots: 4 }), 'CONFLICT');

    const closed = await postTask(server.gql, merchant.token);
    await server.gql.ok(
      `mutation($id: ID!) { closeTask(taskId: $id) { id } }`,
      { id: closed.id },
      merchant.token,
    );
    expectCode(await updateFails(closed.id, { title: 'Reopen?' }), 'CONFLICT');
  });

  it('duplicates a task as the merchant’s own DRAFT with its dates moved forward by the same spans', async () => {
    const original = await postTask(server.gql, merchant.token);
    await placeBid(server.gql, creators[0].token, original.id);
    const copy = (await server.gql.ok(DUPLICATE_TASK, { id: original.id }, merchant.token)).duplicateTask;
    expect(copy.id).not.toBe(original.id);
    expect(copy).toMatchObject({
      status: 'DRAFT',
      title: original.title,
      brief: original.brief,
      budget: original.budget,
      slots: original.slots,
      slotsFilled: 0,
      bidCount: 0,
      merchant: { id: merchant.profileId },
    });
    const span = (task: any, from: string, to: string) => Date.parse(task[to]) - Date.parse(task[from]);
    expect(
      Math.abs(span(copy, 'createdAt', 'applyBy') - span(original, 'createdAt', 'applyBy')),
    ).toBeLessThan(5_000);
    expect(span(copy, 'applyBy', 'deliverBy')).toBe(span(original, 'applyBy', 'deliverBy'));
    // Only its merchant sees the draft; it publishes as it stands.
    expect(
      (await server.gql.ok(`query($id: ID!) { task(id: $id) { id } }`, { id: copy.id })).task,
    ).toBeNull();
    const published = await server.gql.ok(
      `mutation($id: ID!) { publishTask(taskId: $id) { status } }`,
      { id: copy.id },
      merchant.token,
    );
    expect(published.publishTask.status).toBe('OPEN');

    expectCode(await server.gql.fail(DUPLICATE_TASK, { id: original.id }, otherMerchant.token), 'FORBIDDEN');
    expectCode(await server.gql.fail(DUPLICATE_TASK, { id: original.id }, creators[0].token), 'FORBIDDEN');
  });
});
