import { randomUUID } from 'node:crypto';
import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpCreator,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { GqlClient, startTestServer, type TestServer } from './support/harness';
import { INVITE_CREATOR, postTask } from './support/market-fixtures';

const LIST_FIELDS = /* GraphQL */ `
  fragment ListFields on Shortlist {
    id
    name
    size
    createdAt
    creators(first: 100) {
      totalCount
      nodes {
        id
      }
    }
  }
`;
const CREATE = `mutation($name: String!) { createShortlist(name: $name) { ...ListFields } } ${LIST_FIELDS}`;
const RENAME = `mutation($id: ID!, $name: String!) { renameShortlist(shortlistId: $id, name: $name) { ...ListFields } } ${LIST_FIELDS}`;
const DELETE = `mutation($id: ID!) { deleteShortlist(shortlistId: $id) }`;
const ADD = `mutation($id: ID!, $creators: [ID!]!) { addToShortlist(shortlistId: $id, creatorIds: $creators) { ...ListFields } } ${LIST_FIELDS}`;
const REMOVE = `mutation($id: ID!, $creators: [ID!]!) { removeFromShortlist(shortlistId: $id, creatorIds: $creators) { ...ListFields } } ${LIST_FIELDS}`;
const ONE = `query($id: ID!) { shortlist(id: $id) { ...ListFields } } ${LIST_FIELDS}`;
const MINE = `{ myShortlists { id name size } }`;
const HOLDING = `query($id: ID!) { creator(id: $id) { inMyShortlists { id name } } }`;
const INVITE_ALL = /* GraphQL */ `
  mutation InviteAll($list: ID!, $task: ID!, $price: MoneyInput, $message: String) {
    inviteShortlist(shortlistId: $list, taskId: $task, price: $price, message: $message) {
      invited {
        id
        status
        message
        price {
          amount
          currencyCode
        }
        creator {
          id
        }
      }
      skipped {
        creator {
          id
        }
        code
        reason
      }
    }
  }
`;

/** Shortlists (找达人): a merchant's private lists of creators, their limits, and inviting a whole list. */
describe('shortlists', () => {
  let server: TestServer;
  let merchant: Account;
  let otherMerchant: Account;
  let experts: Account[];
  let ordinary: Account;
  let invitedBefore: Account;

  beforeAll(async () => {
    server = await startTestServer({ env: { ...ADMIN_ENV, PUBLIC_CACHE: 'off' } });
    const gql = server.gql;
    const admin = await logInAdmin(gql);
    [merchant, otherMerchant] = await Promise.all([signUpMerchant(gql), signUpMerchant(gql)]);
    experts = await Promise.all([1, 2, 3].map(() => signUpCreatorWithTier(gql, admin, 'EXPERT')));
    ordinary = await signUpCreator(gql);
    invitedBefore = await signUpCreatorWithTier(gql, admin, 'CREATOR');
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  const ids = (nodes: { id: string }[]) => nodes.map((node) => node.id);

  it('creates, renames, fills, empties and deletes a list of its owner', async () => {
    const created = (await server.gql.ok(CREATE, { name: '  家居达人 ' }, merchant.token)).createShortlist;
    expect(created).toMatchObject({ name: '家居达人', size: 0, creators: { totalCount: 0, nodes: [] } });
    const renamed = (await server.gql.ok(RENAME, { id: created.id, name: 'Home creators' }, merchant.token))
      .renameShortlist;
    expect(renamed.name).toBe('Home creators');

    const [x, y, z] = experts.map((expert) => expert.profileId);
    const added = (await server.gql.ok(ADD, { id: created.id, creators: [x, y, x] }, merchant.token))
      .addToShortlist;
    expect(added.size).toBe(2);
    // Adding again changes nothing; the newest addition comes first.
    const again = (await server.gql.ok(ADD, { id: created.id, creators: [y, z] }, merchant.token))
      .addToShortlist;
    expect(again.size).toBe(3);
    expect(ids(again.creators.nodes)[0]).toBe(z);
    expect(new Set(ids(again.creators.nodes))).toEqual(new Set([x, y, z]));

    const removed = (
      await server.gql.ok(REMOVE, { id: created.id, creators: [y, randomUUID()] }, merchant.token)
    ).removeFromShortlist;
    expect(removed.size).toBe(2);
    expect(removed.creators.totalCount).toBe(2);
    expect(ids((await server.gql.ok(MINE, {}, merchant.token)).myShortlists)).toEqual([created.id]);

    expect((await server.gql.ok(DELETE, { id: created.id }, merchant.token)).deleteShortlist).toBe(true);
    expect((await server.gql.ok(MINE, {}, merchant.token)).myShortlists).toEqual([]);
    expect((await server.gql.fail(ONE, { id: created.id }, merchant.token)).extensions?.code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses a blank or long name and an unknown creator, changing nothing', async () => {
    const list = (await server.gql.ok(CREATE, { name: 'Checks' }, merchant.token)).createShortlist;
    for (const name of ['   ', 'x'.repeat(61)]) {
      const error = await server.gql.fail(CREATE, { name }, merchant.token);
      expect(error.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { name: expect.any(String) },
      });
    }
    for (const creators of [[randomUUID()], [experts[0].profileId, randomUUID()]]) {
      const error = await server.gql.fail(ADD, { id: list.id, creators }, merchant.token);
      expect(error.extensions?.code).toBe('NOT_FOUND');
    }
    // SPEC "Limits": an id that is not a UUID is BAD_USER_INPUT (the input check) or NOT_FOUND.
    const malformed = await server.gql.fail(ADD, { id: list.id, creators: ['not-an-id'] }, merchant.token);
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(malformed.extensions?.code);
    expect((await server.gql.ok(ONE, { id: list.id }, merchant.token)).shortlist.size).toBe(0);
    await server.gql.ok(DELETE, { id: list.id }, merchant.token);
  });

  it('is private: NOT_FOUND for another merchant, FORBIDDEN for a creator, UNAUTHENTICATED for no one', async () => {
    const list = (await server.gql.ok(CREATE, { name: 'Private' }, merchant.token)).createShortlist;
    await server.gql.ok(ADD, { id: list.id, creators: [experts[0].profileId] }, merchant.token);
    const task = await postTask(server.gql, otherMerchant.token);
    const attempts: [string, Record<string, unknown>][] = [
      [ONE, { id: list.id }],
      [RENAME, { id: list.id, name: 'Mine now' }],
      [DELETE, { id: list.id }],
      [ADD, { id: list.id, creators: [experts[1].profileId] }],
      [REMOVE, { id: list.id, creators: [experts[0].profileId] }],
      [INVITE_ALL, { list: list.id, task: task.id }],
    ];
    for (const [query, variables] of attempts) {
      expect((await server.gql.fail(query, variables, otherMerchant.token)).extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect((await server.gql.fail(query, variables, experts[0].token)).extensions?.code).toBe('FORBIDDEN');
      expect((await server.gql.fail(query, variables)).extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await server.gql.fail(ONE, { id: 'not-an-id' }, merchant.token)).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await server.gql.ok(MINE, {}, otherMerchant.token)).myShortlists).toEqual([]);
    const mine = await server.gql.ok(ONE, { id: list.id }, merchant.token);
    expect(mine.shortlist).toMatchObject({ name: 'Private', size: 1 });

    // Creator.inMyShortlists: the viewer's own lists only.
    const holding = (token: string | null) =>
      server.gql.ok(HOLDING, { id: experts[0].profileId }, token).then((data) => data.creator.inMyShortlists);
    expect(await holding(merchant.token)).toEqual([{ id: list.id, name: 'Private' }]);
    expect(await holding(otherMerchant.token)).toEqual([]);
    expect(await holding(experts[0].token)).toEqual([]);
    expect(await holding(null)).toEqual([]);
    await server.gql.ok(DELETE, { id: list.id }, merchant.token);
  });

  it('invites each creator as inviteCreator would, reporting each one skipped with its code and reason', async () => {
    const task = await postTask(server.gql, merchant.token, {
      budget: { amount: '600.00', currencyCode: 'CNY' },
      slots: 5,
    });
    await server.gql.ok(
      INVITE_CREATOR,
      { input: { taskId: task.id, creatorId: invitedBefore.profileId } },
      merchant.token,
    );
    const list = (await server.gql.ok(CREATE, { name: 'Launch' }, merchant.token)).createShortlist;
    const members = [experts[0], ordinary, experts[1], invitedBefore, experts[2]];
    await server.gql.ok(
      ADD,
      { id: list.id, creators: members.map((member) => member.profileId) },
      merchant.token,
    );

    const result = (
      await server.gql.ok(
        INVITE_ALL,
        { list: list.id, task: task.id, message: 'Loved your last video' },
        merchant.token,
      )
    ).inviteShortlist;
    expect(new Set(result.invited.map((invitation: any) => invitation.creator.id))).toEqual(
      new Set(experts.map((expert) => expert.profileId)),
    );
    for (const invitation of result.invited) {
      expect(invitation).toMatchObject({
        status: 'PENDING',
        message: 'Loved your last video',
        price: { amount: '600.00', currencyCode: 'CNY' },
      });
    }
    expect(result.skipped).toHaveLength(2);
    expect(result.skipped).toEqual(
      expect.arrayContaining([
        {
          creator: { id: ordinary.profileId },
          code: 'TIER_TOO_LOW',
          reason: 'Only big-V creators (tier CREATOR and above) take paid work.',
        },
        {
          creator: { id: invitedBefore.profileId },
          code: 'CONFLICT',
          reason: 'This creator already has a pending invitation to this task.',
        },
      ]),
    );
    const stored = await server.sql(`SELECT count(*)::int AS n FROM invitations WHERE task_id = $1`, [
      task.id,
    ]);
    expect(stored[0].n).toBe(4);

    // Again, read in Chinese: everyone is skipped now, each with the reason in the reader's language.
    const chinese = new GqlClient(server.gql.baseUrl, 'zh-CN');
    const repeat = (await chinese.ok(INVITE_ALL, { list: list.id, task: task.id }, merchant.token))
      .inviteShortlist;
    expect(repeat.invited).toEqual([]);
    expect(repeat.skipped).toHaveLength(5);
    const pending = repeat.skipped.filter((skip: { code: string }) => skip.code === 'CONFLICT');
    expect(pending).toHaveLength(4);
    for (const skip of pending) expect(skip.reason).toBe('已邀请该达人参与此任务，正在等待回复。');
  });

  it('invites at the price asked, and refuses a task that is not the merchant’s or another currency', async () => {
    const task = await postTask(server.gql, merchant.token, {
      budget: { amount: '600.00', currencyCode: 'CNY' },
    });
    const list = (await server.gql.ok(CREATE, { name: 'Priced' }, merchant.token)).createShortlist;
    await server.gql.ok(ADD, { id: list.id, creators: [experts[0].profileId] }, merchant.token);
    const usd = await server.gql.fail(
      INVITE_ALL,
      { list: list.id, task: task.id, price: { amount: '10.00', currencyCode: 'USD' } },
      merchant.token,
    );
    expect(usd.extensions?.code).toBe('BAD_USER_INPUT');
    const foreign = await postTask(server.gql, otherMerchant.token);
    for (const taskId of [foreign.id, randomUUID(), 'nope']) {
      const error = await server.gql.fail(INVITE_ALL, { list: list.id, task: taskId }, merchant.token);
      expect(error.extensions?.code).toBe('NOT_FOUND');
    }
    const priced = await server.gql.ok(
      INVITE_ALL,
      { list: list.id, task: task.id, price: { amount: '750.00', currencyCode: 'CNY' } },
      merchant.token,
    );
    expect(priced.inviteShortlist.invited[0].price).toEqual({ amount: '750.00', currencyCode: 'CNY' });
    await server.gql.ok(DELETE, { id: list.id }, merchant.token);
  });

  it('holds at most 500 creators a list and 50 lists a merchant', async () => {
    await server.sql(`
      WITH u AS (
        INSERT INTO users (email, password_hash, display_name, role)
        SELECT 'many' || g || '@example.com', 'not-a-hash', 'Many ' || g, 'CREATOR' FROM generate_series(1, 501) g
        RETURNING id, display_name
      )
      INSERT INTO creators (user_id, handle, domain_tags, channels, follower_count)
      SELECT id, 'many-' || split_part(display_name, ' ', 2), ARRAY['food'], ARRAY['COMMUNITY']::channel[], 1 FROM u`);
    const many: string[] = (
      await server.sql(`SELECT id FROM creators WHERE handle LIKE 'many-%' ORDER BY handle`)
    ).map((row) => row.id);
    const list = (await server.gql.ok(CREATE, { name: 'Big' }, merchant.token)).createShortlist;
    const tooMany = await server.gql.fail(ADD, { id: list.id, creators: many }, merchant.token);
    expect(tooMany.extensions?.code).toBe('CONFLICT');
    const full = await server.gql.ok(ADD, { id: list.id, creators: many.slice(0, 500) }, merchant.token);
    expect(full.addToShortlist.size).toBe(500);
    const over = await server.gql.fail(ADD, { id: list.id, creators: many.slice(500) }, merchant.token);
    expect(over.extensions?.code).toBe('CONFLICT');
    expect(over.message).toBe('A shortlist holds at most 500 creators.');

    const existing = (await server.gql.ok(MINE, {}, merchant.token)).myShortlists.length;
    for (let index = existing; index < 50; index++) {
      await server.gql.ok(CREATE, { name: `List ${index}` }, merchant.token);
    }
    const fiftyFirst = await server.gql.fail(CREATE, { name: 'One more' }, merchant.token);
    expect(fiftyFirst.extensions?.code).toBe('CONFLICT');
    expect((await server.gql.ok(MINE, {}, merchant.token)).myShortlists).toHaveLength(50);
    // Another merchant's count is their own.
    await server.gql.ok(CREATE, { name: 'Theirs' }, otherMerchant.token);
  });
});
