import {
  ADMIN_ENV,
  logInAdmin,
  signUpCreatorWithTier,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { GqlClient, startTestServer, type GqlResponse, type TestServer } from './support/harness';
import { placeBid, postTask, waitFor } from './support/market-fixtures';

const FEED = `query Feed($tag: ID!) {
  tasks(first: 20, filter: { status: OPEN, domainTags: [$tag] }) { totalCount nodes { id title } }
}`;
const TASK_PAGE = `query Task($id: ID!) { task(id: $id) { id title bidCount myBid { id pitch } } }`;
const ME = `{ me { id email } }`;

/**
 * The anonymous read cache: a long TTL (60 s) here, so whatever shows up sooner was forgotten on purpose,
 * by a live event from the database or by a mutation answered on the same instance.
 */
describe('the public cache of public reads', () => {
  let server: TestServer;
  let peer: TestServer;
  let merchant: Account;
  let creator: Account;
  const env = { ...ADMIN_ENV, PUBLIC_CACHE_TTL_S: '60' };

  beforeAll(async () => {
    server = await startTestServer({ env });
    peer = await startTestServer({ databaseUrl: server.databaseUrl, dropOnClose: false, env });
    merchant = await signUpMerchant(server.gql);
    creator = await signUpCreatorWithTier(server.gql, await logInAdmin(server.gql), 'CREATOR');
  });
  afterAll(async () => {
    await peer?.close();
    await server?.close();
  });

  const cacheOf = (response: GqlResponse<unknown>) => response.headers['x-public-cache'];
  const feedIds = (response: GqlResponse<any>): string[] =>
    response.data.tasks.nodes.map((node: { id: string }) => node.id);

  it('answers a repeated anonymous query from the cache, per language, time zone and origin', async () => {
    const tag = 'beauty.skincare';
    // A client that names no language or zone, as the Chinese console may (the harness's names English).
    const bare = new GqlClient(server.url, null);
    expect(cacheOf(await bare.request(FEED, { tag }))).toBe('miss');
    expect(cacheOf(await bare.request(FEED, { tag }))).toBe('hit');
    // Server text follows these headers, so each of them makes another answer.
    const english = { 'accept-language': 'en' };
    expect(cacheOf(await bare.request(FEED, { tag }, null, english))).toBe('miss');
    expect(cacheOf(await bare.request(FEED, { tag }, null, english))).toBe('hit');
    const berlin = { 'x-time-zone': 'Europe/Berlin' };
    expect(cacheOf(await bare.request(FEED, { tag }, null, berlin))).toBe('miss');
    // The key is the reader the server settles on: naming the defaults is the bare client's answer.
    const defaults = { 'accept-language': 'zh-CN', 'x-time-zone': 'Asia/Shanghai' };
    expect(cacheOf(await bare.request(FEED, { tag }, null, defaults))).toBe('hit');
    // Links in an answer (the showcase's /go/ URLs) are built on the host the reader reached.
    const otherHost = { host: 'shop.example' };
    expect(cacheOf(await bare.request(FEED, { tag }, null, otherHost))).toBe('miss');
    expect(cacheOf(await bare.request(FEED, { tag }, null, otherHost))).toBe('hit');
    expect(
      cacheOf(await bare.request(FEED, { tag }, null, { ...otherHost, 'x-forwarded-proto': 'https' })),
    ).toBe('miss');
  });

  it('computes an answer once when many readers ask for it at the same moment', async () => {
    const tag = 'food.drinks';
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => server.gql.request(FEED, { tag }, null, { 'accept-language': 'zh' })),
    );
    // The first reader computes it; the others wait for that answer instead of running the same queries.
    expect(answers.map(cacheOf).sort()).toEqual([...Array<string>(7).fill('hit'), 'miss']);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.data))).size).toBe(1);
  });

  it('shows a new task to anonymous readers of another instance once its live event arrives', async () => {
    const tag = 'home.furniture';
    const before = await peer.gql.request(FEED, { tag });
    expect(cacheOf(await peer.gql.request(FEED, { tag }))).toBe('hit');

    const task = await postTask(server.gql, merchant.token, { domainTags: [tag] });

    const after = await waitFor(async () => {
      const response = await peer.gql.request(FEED, { tag });
      return feedIds(response).includes(task.id) ? response : null;
    }, 'the new task in the other instance’s anonymous feed');
    expect(after!.data!.tasks.totalCount).toBe(before.data!.tasks.totalCount + 1);
  });

  it('shows a write at once on the instance that made it', async () => {
    const tag = 'food.snacks';
    expect(cacheOf(await server.gql.request(FEED, { tag }))).toBe('miss');
    expect(cacheOf(await server.gql.request(FEED, { tag }))).toBe('hit');
    const task = await postTask(server.gql, merchant.token, { domainTags: [tag] });
    const response = await server.gql.request(FEED, { tag });
    expect(feedIds(response)).toContain(task.id);
  });

  it("never shares an answer of the viewer's own: their bid and their e-mail stay theirs", async () => {
    const task = await postTask(server.gql, merchant.token);
    const bid = await placeBid(server.gql, creator.token, task.id);
    const other = await signUpCreatorWithTier(server.gql, await logInAdmin(server.gql), 'CREATOR');

    // The creator's task page shows their bid: it is computed for them each time, never stored...
    const mine = await server.gql.request<any>(TASK_PAGE, { id: task.id }, creator.token);
    expect(cacheOf(mine)).toBe('miss');
    expect(mine.data.task.myBid.id).toBe(bid.id);
    const again = await server.gql.request<any>(TASK_PAGE, { id: task.id }, creator.token);
    expect(cacheOf(again)).toBe('miss');
    expect(again.data.task.myBid.id).toBe(bid.id);
    // ...so another creator (the same role, the same query) gets their own: no bid.
    const theirs = await server.gql.request<any>(TASK_PAGE, { id: task.id }, other.token);
    expect(cacheOf(theirs)).toBe('miss');
    expect(theirs.data.task.myBid).toBeNull();
    // An anonymous reader computes its own answer and caches that one, which no signed-in reader gets.
    const anonymous = await server.gql.request<any>(TASK_PAGE, { id: task.id });
    expect(cacheOf(anonymous)).toBe('miss');
    expect(anonymous.data.task.myBid).toBeNull();
    expect(cacheOf(await server.gql.request(TASK_PAGE, { id: task.id }))).toBe('hit');
    const afterAnonymous = await server.gql.request<any>(TASK_PAGE, { id: task.id }, creator.token);
    expect(afterAnonymous.data.task.myBid.id).toBe(bid.id);

    const me = await server.gql.request<any>(ME, {}, merchant.token);
    expect(me.data.me.email).toBe(merchant.email);
    const otherMerchant = await signUpMerchant(server.gql);
    const theirMe = await server.gql.request<any>(ME, {}, otherMerchant.token);
    expect(cacheOf(theirMe)).toBe('miss');
    expect(theirMe.data.me.email).toBe(otherMerchant.email);
    const nobody = await server.gql.request<any>(ME);
    expect(nobody.data.me).toBeNull();
    expect(JSON.stringify(nobody.body)).not.toContain(merchant.email);
    // A token that does not verify reads nothing from the cache: Apollo answers it, with the reason.
    const forged = await server.gql.request(TASK_PAGE, { id: task.id }, 'not-a-token');
    expect(cacheOf(forged)).toBe('bypass');
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shares the creator square among merchants, apart from the lists a merchant keeps', async () => {
    const SQUARE = `{ creators(first: 5) { totalCount nodes { id handle tier } } }`;
    const HOLDING = `query($id: ID!) { creator(id: $id) { id inMyShortlists { id name } } }`;
    const otherMerchant = await signUpMerchant(server.gql);
    const first = await server.gql.request<any>(SQUARE, {}, merchant.token);
    expect(cacheOf(first)).toBe('miss');
    const shared = await server.gql.request<any>(SQUARE, {}, otherMerchant.token);
    expect(cacheOf(shared)).toBe('hit');
    expect(shared.body).toEqual(first.body);
    // A creator (another role) is answered for their role: not from the merchants' answer.
    expect(cacheOf(await server.gql.request(SQUARE, {}, creator.token))).toBe('miss');

    // A merchant's shortlists are theirs: the profile's inMyShortlists is never shared.
    const list = await server.gql.ok<any>(
      `mutation { createShortlist(name: "Autumn picks") { id } }`,
      {},
      merchant.token,
    );
    await server.gql.ok(
      `mutation($list: ID!, $creator: ID!) { addToShortlist(shortlistId: $list, creatorIds: [$creator]) { id } }`,
      { list: list.createShortlist.id, creator: creator.profileId },
      merchant.token,
    );
    const holding = await server.gql.request<any>(HOLDING, { id: creator.profileId }, merchant.token);
    expect(holding.data.creator.inMyShortlists).toEqual([
      { id: list.createShortlist.id, name: 'Autumn picks' },
    ]);
    const notHolding = await server.gql.request<any>(HOLDING, { id: creator.profileId }, otherMerchant.token);
    expect(cacheOf(notHolding)).toBe('miss');
    expect(notHolding.data.creator.inMyShortlists).toEqual([]);
  });
});

describe('with PUBLIC_CACHE=off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { PUBLIC_CACHE: 'off' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('computes every anonymous answer', async () => {
    const first = await server.gql.request(FEED, { tag: 'home.furniture' });
    const second = await server.gql.request(FEED, { tag: 'home.furniture' });
    expect(first.status).toBe(200);
    expect(second.data).toEqual(first.data);
    expect(first.headers['x-public-cache']).toBeUndefined();
    expect(second.headers['x-public-cache']).toBeUndefined();
  });
});
