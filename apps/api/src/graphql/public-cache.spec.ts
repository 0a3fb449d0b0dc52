import express, { type Request, type Response } from 'express';
import type { Server } from 'node:http';
import request from 'supertest';
import { Role, type Viewer } from '@vtask/core';
import { PublicCache } from './public-cache';

interface Answer {
  data?: unknown;
  errors?: { message: string }[];
}

/**
 * The cache's rules between its middleware and Apollo, with a stand-in for Apollo's HTTP handler that
 * runs the cache's Apollo plugin as Apollo would (willSendResponse, then the JSON body). The whole path
 * with the real Apollo is covered end to end in test/public-cache.e2e-spec.ts; here the cases that need
 * exact timing: a task change while an answer is being computed.
 */
describe('PublicCache', () => {
  let cache: PublicCache;
  let computed: number;
  /** What the stand-in answers next, and (when set) what it waits for before answering. */
  let answer: Answer;
  let gate: Promise<void> | null;

  /** The tokens the stand-in's auth knows: two merchants and a creator. */
  const viewers: Record<string, Viewer> = {
    'merchant-1': { userId: 'u1', role: Role.MERCHANT, merchantId: 'm1', creatorId: null, agencyId: null },
    'merchant-2': { userId: 'u2', role: Role.MERCHANT, merchantId: 'm2', creatorId: null, agencyId: null },
    'creator-1': { userId: 'u3', role: Role.CREATOR, merchantId: null, creatorId: 'c1', agencyId: null },
  };
  const viewerOfToken = async (token: string): Promise<Viewer> => {
    const viewer = viewers[token];
    if (!viewer) throw new Error('invalid token');
    return viewer;
  };
  const viewerOf = (req: Request): Viewer | null =>
    viewers[String(req.headers.authorization).replace('Bearer ', '')] ?? null;

  const runPlugin = async (
    req: Request,
    viewer: Viewer | null,
    operation: 'query' | 'mutation',
    body: Answer,
  ) => {
    for (const plugin of cache.plugins()) {
      const hooks = await plugin.requestDidStart!({} as never);
      await hooks?.willSendResponse?.({
        operation: { operation },
        contextValue: { req, viewer },
        response: { body: { kind: 'single', singleResult: body }, http: { headers: new Map() } },
      } as never);
    }
  };

  /** One listening server per test: supertest would start one per request, each on its own Host. */
  let listening: Server;
  const app = () => {
    const server = express();
    server.use(express.json());
    server.use('/graphql', cache.middleware(false, signedInSharing ? viewerOfToken : undefined));
    server.post('/graphql', async (req: Request, res: Response) => {
      computed += 1;
      // As Apollo's context would: the viewer its resolvers see.
      const viewer = PublicCache.watchedViewer(req, viewerOf(req));
      const query = String((req.body as { query: string }).query);
      const operation = query.startsWith('mutation') ? 'mutation' : 'query';
      // A field of the viewer's own, as Task.myBid is: its resolver reads who the viewer is.
      if (query.includes('myBid')) void viewer?.creatorId;
      const body = answer;
      if (gate) await gate;
      await runPlugin(req, viewer, operation, body);
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.send(`${JSON.stringify(body)}\n`);
    });
    listening = server.listen(0);
    return listening;
  };

  afterEach(() => new Promise((resolve) => listening.close(resolve)));

  /** Whether the middleware is given a way to verify tokens (as the API is): signed-in answers are then shared by role. */
  let signedInSharing: boolean;

  beforeEach(() => {
    cache = new PublicCache(60);
    signedInSharing = false;
    computed = 0;
    answer = { data: { tasks: { totalCount: 1 } } };
    gate = null;
  });

  const FEED = { query: '{ tasks { totalCount } }' };

  it('answers a repeated anonymous query with the bytes Apollo sent, without asking Apollo again', async () => {
    const server = app();
    const first = await request(server).post('/graphql').send(FEED);
    const second = await request(server).post('/graphql').send(FEED);
    expect(first.headers['x-public-cache']).toBe('miss');
    expect(second.headers['x-public-cache']).toBe('hit');
    expect(second.text).toBe(first.text);
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(computed).toBe(1);
  });

  it('keys answers by variables, language and time zone', async () => {
    const server = app();
    await request(server).post('/graphql').send(FEED);
    const other = await request(server)
      .post('/graphql')
      .send({ ...FEED, variables: { first: 5 } });
    const english = await request(server).post('/graphql').set('accept-language', 'en').send(FEED);
    const berlin = await request(server).post('/graphql').set('x-time-zone', 'Europe/Berlin').send(FEED);
    expect([other, english, berlin].map((response) => response.headers['x-public-cache'])).toEqual([
      'miss',
      'miss',
      'miss',
    ]);
    expect(computed).toBe(4);
  });

  it('does not store an answer with errors', async () => {
    const server = app();
    answer = { errors: [{ message: 'Task not found.' }] };
    await request(server).post('/graphql').send(FEED);
    const again = await request(server).post('/graphql').send(FEED);
    expect(again.headers['x-public-cache']).toBe('miss');
    expect(computed).toBe(2);
  });

  it('neither serves nor stores a request that carries credentials when it cannot verify tokens', async () => {
    const server = app();
    await request(server).post('/graphql').send(FEED);
    const signedIn = await request(server).post('/graphql').set('authorization', 'Bearer x').send(FEED);
    const withCookie = await request(server).post('/graphql').set('cookie', 'a=b').send(FEED);
    expect(signedIn.headers['x-public-cache']).toBe('bypass');
    expect(withCookie.headers['x-public-cache']).toBe('bypass');
    expect(computed).toBe(3);
  });

  it('does not store an answer computed while a mutation was answered: it may predate the change', async () => {
    const server = app();
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const slowRead = request(server)
      .post('/graphql')
      .send(FEED)
      .then((response) => response);
    // The read is being computed (waiting at the gate) when the mutation is answered.
    while (computed === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    gate = null;
    const mutation = await request(server).post('/graphql').send({ query: 'mutation { postTask { id } }' });
    expect(mutation.headers['x-public-cache']).toBe('miss');
    release();
    expect((await slowRead).headers['x-public-cache']).toBe('miss');

    const after = await request(server).post('/graphql').send(FEED);
    expect(after.headers['x-public-cache']).toBe('miss');
    expect(computed).toBe(3);
    expect((await request(server).post('/graphql').send(FEED)).headers['x-public-cache']).toBe('hit');
  });

  it("shares a signed-in answer with the viewer's role only, when nothing of who they are went into it", async () => {
    signedInSharing = true;
    const server = app();
    const as = (token: string, body: object = FEED) =>
      request(server).post('/graphql').set('authorization', `Bearer ${token}`).send(body);
    expect((await as('merchant-1')).headers['x-public-cache']).toBe('miss');
    expect((await as('merchant-2')).headers['x-public-cache']).toBe('hit');
    // Another role, and nobody at all, get answers of their own.
    expect((await as('creator-1')).headers['x-public-cache']).toBe('miss');
    expect((await request(server).post('/graphql').send(FEED)).headers['x-public-cache']).toBe('miss');
    expect(computed).toBe(3);
  });

  it('never stores a signed-in answer that read who the viewer is', async () => {
    signedInSharing = true;
    const server = app();
    const own = { query: '{ task(id: 1) { myBid { id } } }' };
    const as = (token: string) =>
      request(server).post('/graphql').set('authorization', `Bearer ${token}`).send(own);
    expect((await as('creator-1')).headers['x-public-cache']).toBe('miss');
    expect((await as('creator-1')).headers['x-public-cache']).toBe('miss');
    expect(computed).toBe(2);
  });

  it('bypasses a token that does not verify, a cookie and a mutation', async () => {
    signedInSharing = true;
    const server = app();
    const forged = await request(server).post('/graphql').set('authorization', 'Bearer forged').send(FEED);
    const withCookie = await request(server)
      .post('/graphql')
      .set('authorization', 'Bearer merchant-1')
      .set('cookie', 'a=b')
      .send(FEED);
    const mutation = await request(server)
      .post('/graphql')
      .set('authorization', 'Bearer merchant-1')
      .send({ query: '  # a comment\n mutation { postTask { id } }' });
    expect([forged, withCookie, mutation].map((response) => response.headers['x-public-cache'])).toEqual([
      'bypass',
      'bypass',
      'bypass',
    ]);
    expect(computed).toBe(3);
  });
});
