import express, { type Request, type Response } from 'express';
import type { Server } from 'node:http';
import request from 'supertest';
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

  const runPlugin = async (req: Request, operation: 'query' | 'mutation', body: Answer) => {
    for (const plugin of cache.plugins()) {
      const hooks = await plugin.requestDidStart!({} as never);
      await hooks?.willSendResponse?.({
        operation: { operation },
        contextValue: { req },
        response: { body: { kind: 'single', singleResult: body }, http: { headers: new Map() } },
      } as never);
    }
  };

  /** One listening server per test: supertest would start one per request, each on its own Host. */
  let listening: Server;
  const app = () => {
    const server = express();
    server.use(express.json());
    server.use('/graphql', cache.middleware(false));
    server.post('/graphql', async (req: Request, res: Response) => {
      computed += 1;
      const query = String((req.body as { query: string }).query);
      const operation = query.startsWith('mutation') ? 'mutation' : 'query';
      const body = answer;
      if (gate) await gate;
      await runPlugin(req, operation, body);
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.send(`${JSON.stringify(body)}\n`);
    });
    listening = server.listen(0);
    return listening;
  };

  afterEach(() => new Promise((resolve) => listening.close(resolve)));

  beforeEach(() => {
    cache = new PublicCache(60);
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

  it('neither serves nor stores a request that carries credentials', async () => {
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
});
