import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { postTask } from './support/market-fixtures';
import { internalErrors, mustSucceed, setUpParties, type Parties } from './support/order-fixtures';
import { createVenue, venueCalls, type VenueCalls } from './support/venue-fixtures';

const LIST = /* GraphQL */ `
  query ($unreadOnly: Boolean, $first: Int, $after: String) {
    notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        type
        message
        read
        createdAt
        venue {
          id
        }
        order {
          id
        }
        task {
          id
        }
      }
    }
  }
`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;

describe('stored notifications', () => {
  let server: TestServer;
  let parties: Parties;
  let calls: VenueCalls;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    parties = await setUpParties(server);
    calls = venueCalls(server.gql);
  });
  afterAll(async () => {
    expect(internalErrors(server.gql)).toEqual([]);
    await server.close();
  });

  /** Enrolls the account in `count` new venues and has each decided: one notification per decision. */
  async function decisions(
    token: string,
    count: number,
    approve = (index: number) => index % 2 === 0,
  ): Promise<string[]> {
    const venues: string[] = [];
    for (let index = 0; index < count; index++) {
      const venue = await createVenue(parties.gql, parties.admin, { name: `Hall ${index}` });
      const enrolled = mustSucceed(await calls.enroll(token, venue.id), 'enroll').enrollInVenue as any;
      mustSucceed(await calls.decideEnrollment(parties.admin, enrolled.id, approve(index)), 'decide');
      venues.push(venue.id);
    }
    return venues;
  }

  it('lists the viewer’s own notifications, newest first, in pages, all or unread only', async () => {
    const { gql, merchant, creator } = parties;
    const venues = await decisions(merchant.token, 5);
    await decisions(creator.token, 1);

    const all = await gql.ok(LIST, { first: 100 }, merchant.token);
    expect(all.notifications.totalCount).toBe(5);
    const nodes = all.notifications.nodes;
    expect(nodes.map((node: any) => node.venue.id)).toEqual([...venues].reverse());
    expect(nodes.map((node: any) => node.type)).toEqual([
      'VENUE_ENROLLMENT_APPROVED',
      'VENUE_ENROLLMENT_REJECTED',
      'VENUE_ENROLLMENT_APPROVED',
      'VENUE_ENROLLMENT_REJECTED',
      'VENUE_ENROLLMENT_APPROVED',
    ]);
    expect(nodes[0]).toMatchObject({
      read: false,
      order: null,
      task: null,
      message: expect.stringContaining('Hall 4'),
    });

    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await gql.ok(LIST, { first: 2, after }, merchant.token)).notifications;
      expect(page.totalCount).toBe(5);
      paged.push(...page.nodes.map((node: any) => node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(nodes.map((node: any) => node.id));

    const unread = await gql.ok(LIST, { unreadOnly: true }, merchant.token);
    expect(unread.notifications.totalCount).toBe(5);
    expect((await gql.ok(LIST, {}, creator.token)).notifications.totalCount).toBe(1);
  });

  it('marks only the viewer’s own notifications read and counts the rows it changed', async () => {
    const { gql, otherMerchant, otherCreator } = parties;
    await decisions(otherMerchant.token, 3);
    await decisions(otherCreator.token, 1);
    const mine = (await gql.ok(LIST, {}, otherMerchant.token)).notifications.nodes.map(
      (node: any) => node.id,
    );
    const theirs = (await gql.ok(LIST, {}, otherCreator.token)).notifications.nodes.map(
      (node: any) => node.id,
    );

    // A list with something that is not an id is refused whole, naming the item; nothing is marked.
    const malformed = await gql.fail(MARK, { ids: [mine[0], 'not-a-uuid'] }, otherMerchant.token);
    expect(malformed.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'ids.1': expect.any(String) },
    });
    const marked = await gql.ok(
      MARK,
      { ids: [mine[0], mine[1], mine[1], theirs[0], '00000000-0000-4000-8000-000000000000'] },
      otherMerchant.token,
    );
    expect(marked.markNotificationsRead).toBe(2);
    // Again: nothing left to change.
    expect((await gql.ok(MARK, { ids: [mine[0], mine[1]] }, otherMerchant.token)).markNotificationsRead).toBe(
      0,
    );
    expect((await gql.ok(MARK, { ids: [] }, otherMerchant.token)).markNotificationsRead).toBe(0);

    const after = (await gql.ok(LIST, {}, otherMerchant.token)).notifications.nodes;
    expect(after.map((node: any) => node.read)).toEqual([true, true, false]);
    const unread = await gql.ok(LIST, { unreadOnly: true }, otherMerchant.token);
    expect(unread.notifications).toMatchObject({ totalCount: 1, nodes: [{ id: mine[2] }] });
    // The other user's row was not touched.
    expect((await gql.ok(LIST, { unreadOnly: true }, otherCreator.token)).notifications.totalCount).toBe(1);
    const [row] = await server.sql(`SELECT read_at FROM notifications WHERE id = $1`, [theirs[0]]);
    expect(row.read_at).toBeNull();
  });

  it('refuses the signed-out and oversized requests', async () => {
    const { gql, merchant } = parties;
    expect((await gql.request(LIST)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql.request(MARK, { ids: [] })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const tooMany = await gql.request(
      MARK,
      { ids: Array.from({ length: 101 }, () => '00000000-0000-4000-8000-000000000000') },
      merchant.token,
    );
    expect(tooMany.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { ids: expect.any(String) },
    });
    expect((await gql.request(LIST, { first: 101 }, merchant.token)).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await gql.request(LIST, { after: 'garbage' }, merchant.token)).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('shows the order, task and venue a notification is about only to those who may see them', async () => {
    const { gql, merchant, otherMerchant } = parties;
    const venue = await createVenue(gql, parties.admin);
    const draft = await postTask(gql, merchant.token, { publish: false });
    const open = await postTask(gql, merchant.token);
    const [{ id: orderId }] = await server.sql(
      `INSERT INTO orders (source, merchant_id, creator_id, brief, content_type, currency, price_minor, platform_fee_bps,
                           platform_fee_minor, agency_share_bps, agency_share_minor, creator_payout_minor, deliver_by, max_revisions)
       SELECT 'OFFER', $1, c.id, 'A brief', 'VIDEO', 'CNY', 1000, 1000, 100, 0, 0, 900, now() + interval '1 day', 2
         FROM creators c WHERE c.id = $2 RETURNING id`,
      [merchant.profileId, parties.creator.profileId],
    );
    // Stored by some domain for another user: the objects stay as private as they are.
    for (const userId of [merchant.userId, otherMerchant.userId]) {
      await server.sql(
        `INSERT INTO notifications (user_id, type, message, order_id, task_id, venue_id) VALUES
           ($1, 'TEST_DRAFT', 'about a draft task and an order', $2, $3, $4),
           ($1, 'TEST_OPEN', 'about an open task', NULL, $5, NULL)`,
        [userId, orderId, draft.id, venue.id, open.id],
      );
    }
    const view = async (token: string) => {
      const nodes = (await gql.ok(LIST, { first: 100 }, token)).notifications.nodes;
      return Object.fromEntries(
        nodes
          .filter((node: any) => node.type.startsWith('TEST_'))
          .map((node: any) => [
            node.type,
            [node.order?.id ?? null, node.task?.id ?? null, node.venue?.id ?? null],
          ]),
      );
    };
    expect(await view(merchant.token)).toEqual({
      TEST_DRAFT: [orderId, draft.id, venue.id],
      TEST_OPEN: [null, open.id, null],
    });
    expect(await view(otherMerchant.token)).toEqual({
      TEST_DRAFT: [null, null, venue.id],
      TEST_OPEN: [null, open.id, null],
    });
  });

  it('marks all of the viewer’s notifications read at once, and nobody else’s', async () => {
    const { gql, merchant, creator } = parties;
    await decisions(merchant.token, 2);
    await decisions(creator.token, 1);
    const unread = async (token: string) =>
      (await gql.ok(LIST, { unreadOnly: true, first: 100 }, token)).notifications.totalCount;
    const before = await unread(merchant.token);
    expect(before).toBeGreaterThanOrEqual(2);
    const creatorBefore = await unread(creator.token);

    const marked = await gql.ok(`mutation { markAllNotificationsRead }`, {}, merchant.token);
    expect(marked.markAllNotificationsRead).toBe(before);
    expect(await unread(merchant.token)).toBe(0);
    expect(await unread(creator.token)).toBe(creatorBefore);
    expect(
      (await gql.ok(`mutation { markAllNotificationsRead }`, {}, merchant.token)).markAllNotificationsRead,
    ).toBe(0);
  });
});
