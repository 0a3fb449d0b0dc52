import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Logger } from '@nestjs/common';
import type { Role, Viewer } from '@vtask/core';
import { LiveEvents, LiveTopic } from '@vtask/notifications';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { watchIdentityReads } from './identity-reads';
import { SQL_STATEMENTS_HEADER } from './query-stats-header.plugin';
import { bearerToken, readerOf, type RequestContext } from './request-context';

/** What one instance may hold in answers (bytes, approximately): enough for every feed page a festival shows. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * How long readers of an answer being computed wait for it before computing it themselves: longer than
 * a slow page takes, short enough that an answer that is never stored (it had errors) delays little.
 */
const COMPUTING_WAIT_MS = 500;

/** The response header that says how the public cache took a GraphQL request (tests and the bench read it). */
export const PUBLIC_CACHE_HEADER = 'x-public-cache';
export type PublicCacheOutcome = 'hit' | 'miss' | 'bypass';

/** Set on a request by the Apollo plugin once its answer is known to be public: a query with no errors. */
const STORABLE = Symbol('publicCacheStorable');
/** Set by the middleware on a signed-in request whose answer may be shared with its viewer's role. */
const SHARED_WITH_ROLE = Symbol('publicCacheSharedWithRole');
/** Set when a resolver or service read who the viewer of such a request is: its answer stays theirs. */
const IDENTITY_READ = Symbol('publicCacheIdentityRead');
/** The viewer the middleware verified the request's token as, so Apollo's context need not verify it again. */
const VERIFIED = Symbol('publicCacheVerified');
type MarkedRequest = Request & {
  [STORABLE]?: true;
  [SHARED_WITH_ROLE]?: Role;
  [IDENTITY_READ]?: true;
  [VERIFIED]?: { token: string; viewer: Viewer };
};

/** Who a bearer token names (AuthService.viewerFromToken); rejects a token that does not verify. */
export type ViewerOfToken = (token: string) => Promise<Viewer>;

/** An answer one request is computing; the readers that asked for it meanwhile wait on `answer`. */
interface Computing {
  answer: Promise<string | undefined>;
  finish(value: string | undefined): void;
}

/**
 * The shared cache of public reads (the feed, task pages, venues, the creator square): the same answer
 * for every visitor, so thousands of them cost one query per page per few seconds.
 *
 * A signed-in viewer shares answers with their role only, and only answers that nothing of who they
 * are went into: every merchant browsing the square sees the same page (big-V creators, by the role),
 * while a page that shows the viewer's own bid or shortlists (a read of their identity, watched by
 * identity-reads.ts while the answer is computed) is theirs alone, never stored. The token is verified
 * as Apollo's context would, so a revoked or forged one reads nothing here.
 *
 * A cached answer is sent by Express middleware (`middleware`) ahead of Apollo: a hit costs neither
 * parsing, validation, the plugins nor the resolvers' context, which took most of a hit's time when the
 * cache was an Apollo plugin. Apollo still decides what may be stored (`plugins`: an anonymous query
 * answered without errors), and the middleware stores the exact bytes Apollo sent.
 *
 * Answers are stored under a generation: a write to any task (a live event from the database, from
 * whichever instance made it) starts a new generation, so a new task shows at once. An answer is stored
 * only if no generation started while it was computed, so a read that began before a change never
 * stores what it saw under the new generation.
 */
export class PublicCache {
  private readonly logger = new Logger('PublicCache');
  private readonly store: LRUCache<string, string>;
  private generation = 0;
  /** By key: answers being computed now (see `middleware`). */
  private readonly computing = new Map<string, Computing>();

  constructor(private readonly ttlSeconds: number) {
    this.store = new LRUCache<string, string>({
      maxSize: MAX_CACHE_BYTES,
      ttl: ttlSeconds * 1000,
      // The key holds the whole operation text and variables: as long as many answers, so it counts too.
      sizeCalculation: (value, key) => value.length + key.length,
    });
  }

  /**
   * Forgets every answer when a task changes; a lost listening connection (resync) forgets them too.
   * LiveEvents ends the subscription when the server stops.
   */
  follow(events: LiveEvents): void {
    const subscription = events.subscribe(LiveTopic.tasks);
    void (async () => {
      for await (const signal of subscription) {
        void signal;
        this.startGeneration();
      }
    })().catch((error: unknown) => this.logger.warn(`stopped following task changes: ${String(error)}`));
  }

  /**
   * Express middleware for `/graphql`, after the body parser. A POST whose answer is stored for its
   * reader (anonymous, or signed in with `viewerOf` given: their role) is answered here; otherwise the
   * request goes on to Apollo, and its answer is stored when Apollo marked it shareable. A request with
   * a cookie, or with a token that does not verify, bypasses the cache. Two things keep a festival's
   * peak from stampeding the database when answers expire:
   * - the first reader of a missing answer computes it, and readers of the same answer meanwhile wait
   *   for it (up to COMPUTING_WAIT_MS) instead of all running the same queries at once;
   * - each answer lives between half and all of the TTL, so answers stored together (after a
   *   generation starts) do not all expire in the same instant.
   *
   * `countsStatements`: the API reports each request's SQL statements (EXPOSE_QUERY_STATS), so a hit
   * says it ran none.
   */
  middleware(countsStatements: boolean, viewerOf?: ViewerOfToken): RequestHandler {
    const bypass = (res: Response, next: NextFunction) => {
      res.setHeader(PUBLIC_CACHE_HEADER, 'bypass');
      next();
    };
    return (req: MarkedRequest, res: Response, next: NextFunction) => {
      if (isAnonymous(req)) {
        const key = req.method === 'POST' ? keyOf(req, null) : null;
        if (key === null) {
          res.setHeader(PUBLIC_CACHE_HEADER, 'miss');
          next();
        } else {
          this.serve(key, countsStatements, req, res, next);
        }
        return;
      }
      const token = bearerToken(req.headers.authorization);
      // A mutation is never stored, and keying it would only make identical ones wait on each other.
      if (!viewerOf || !token || req.headers.cookie || req.method !== 'POST' || isMutation(req)) {
        bypass(res, next);
        return;
      }
      viewerOf(token).then(
        (viewer) => {
          req[VERIFIED] = { token, viewer };
          const key = keyOf(req, viewer.role);
          if (key === null) {
            bypass(res, next);
            return;
          }
          req[SHARED_WITH_ROLE] = viewer.role;
          this.serve(key, countsStatements, req, res, next);
        },
        // Apollo's context verifies it again and answers with the reason.
        () => bypass(res, next),
      );
    };
  }

  /** The viewer behind `token` when the middleware verified it for this request; null otherwise. */
  static verifiedViewer(req: Request, token: string): Viewer | null {
    const verified = (req as MarkedRequest)[VERIFIED];
    return verified?.token === token ? verified.viewer : null;
  }

  /**
   * The viewer that a request's resolvers and services see: for a request whose answer may be shared
   * with the viewer's role, one that notes any read of who they are (the answer then stays theirs).
   */
  static watchedViewer(req: Request, viewer: Viewer | null): Viewer | null {
    const marked = req as MarkedRequest;
    if (!viewer || marked[SHARED_WITH_ROLE] === undefined) return viewer;
    return watchIdentityReads(viewer, () => {
      marked[IDENTITY_READ] = true;
    });
  }

  /** Sends the stored answer under `key`, waits for it while another request computes it, or computes it. */
  private serve(
    key: string,
    countsStatements: boolean,
    req: Request,
    res: Response,
    next: NextFunction,
  ): void {
    const send = (answer: string) => {
      res.setHeader(PUBLIC_CACHE_HEADER, 'hit');
      if (countsStatements) res.setHeader(SQL_STATEMENTS_HEADER, '0');
      res.type('application/json; charset=utf-8').send(answer);
    };
    const found = this.store.get(key);
    if (found !== undefined) {
      send(found);
      return;
    }
    const computing = this.computing.get(key);
    if (computing) {
      void computing.answer.then((answer) =>
        answer === undefined ? this.compute(key, req, res, next) : send(answer),
      );
      return;
    }
    this.compute(key, req, res, next);
  }

  /** Lets Apollo answer `req`, and stores the answer if Apollo marks it public and no task changed meanwhile. */
  private compute(key: string, req: MarkedRequest, res: Response, next: NextFunction): void {
    const generation = this.generation;
    const computing = this.startComputing(key);
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const storable =
        req[STORABLE] === true &&
        typeof body === 'string' &&
        res.statusCode === 200 &&
        generation === this.generation;
      if (storable) this.store.set(key, body, { ttl: this.ttlSeconds * 1000 * (0.5 + Math.random() / 2) });
      computing.finish(storable ? body : undefined);
      return send(body);
    };
    res.setHeader(PUBLIC_CACHE_HEADER, 'miss');
    next();
  }

  /**
   * The Apollo side: marks a query answered without errors as shareable (the middleware stores it) when
   * it was anonymous, or signed in with an answer that read nothing of who the viewer is (and the
   * context's viewer has the role the answer is keyed by); and forgets every answer when a mutation is
   * answered here. That mutation has committed: this
   * instance forgets at once rather than when its live event arrives, so whoever wrote reads their write
   * from here (others follow the event).
   */
  plugins(): ApolloServerPlugin<BaseContext>[] {
    return [
      {
        requestDidStart: async () => ({
          willSendResponse: async (context) => {
            const operation = context.operation?.operation;
            if (operation === 'mutation') {
              this.startGeneration();
              return;
            }
            const { req, viewer } = context.contextValue as RequestContext;
            const marked = req as MarkedRequest;
            const sharedWithRole = marked[SHARED_WITH_ROLE];
            const shareable = isAnonymous(req)
              ? !viewer
              : sharedWithRole !== undefined && viewer?.role === sharedWithRole && !marked[IDENTITY_READ];
            const { body } = context.response;
            if (
              operation === 'query' &&
              shareable &&
              body.kind === 'single' &&
              !body.singleResult.errors?.length &&
              (context.response.http.status ?? 200) === 200
            ) {
              (req as MarkedRequest)[STORABLE] = true;
            }
          },
        }),
      },
    ];
  }

  /**
   * A new generation: the answers stored under older ones are dropped now (with every task change and
   * every mutation starting one, keeping them until the LRU's size pushed them out kept the cache full).
   */
  private startGeneration(): void {
    this.generation += 1;
    this.store.clear();
  }

  /** Marks `key` as being computed until its answer is sent or COMPUTING_WAIT_MS pass. */
  private startComputing(key: string): Computing {
    let settle!: (value: string | undefined) => void;
    const answer = new Promise<string | undefined>((resolve) => (settle = resolve));
    const computing: Computing = {
      answer,
      finish: (value) => {
        clearTimeout(timer);
        if (this.computing.get(key) === computing) this.computing.delete(key);
        settle(value);
      },
    };
    // Unanswered in time (a slow page, or one that failed before Apollo answered): the waiters compute it.
    const timer = setTimeout(() => computing.finish(undefined), COMPUTING_WAIT_MS);
    timer.unref();
    this.computing.set(key, computing);
    return computing;
  }
}

/** No credentials at all: a request with any Authorization header (even a bad one) or cookie is not anonymous. */
function isAnonymous(req: Pick<Request, 'headers'>): boolean {
  return !req.headers.authorization && !req.headers.cookie;
}

/** Whether the body's operation is a mutation (its text opens with the keyword, after any comments). */
function isMutation(req: Request): boolean {
  const query = (req.body as { query?: unknown } | undefined)?.query;
  return typeof query === 'string' && /^\s*(?:#[^\n]*\n\s*)*mutation\b/.test(query);
}

/**
 * The answer's key: the operation as sent, and everything else that changes the answer: the reader's role
 * (none when anonymous), and their language and zone. Server text (tag
 * names, dates) follows the reader's language and time zone, keyed by the ones the server settles on
 * rather than the raw headers, so every browser reading English shares one answer. The showcase's links
 * are built on the origin the shopper reached (Host, and the proxy's protocol), so an answer for one host
 * name is never served on another. Null when the body is not a single operation with its text (a batch,
 * a persisted-query hash): Apollo answers those uncached.
 */
function keyOf(req: Request, role: Role | null): string | null {
  const body = req.body as { query?: unknown; operationName?: unknown; variables?: unknown } | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string') return null;
  const { locale, timeZone } = readerOf(req);
  return JSON.stringify([
    role ?? '',
    locale,
    timeZone,
    req.headers.host ?? '',
    req.headers['x-forwarded-proto'] ?? '',
    body.operationName ?? null,
    body.variables ?? null,
    body.query,
  ]);
}
