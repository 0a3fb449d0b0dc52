import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { Logger } from '@nestjs/common';
import { localeFromAcceptLanguage, timeZoneFromHeader } from '@vtask/core';
import { LiveEvents, LiveTopic } from '@vtask/notifications';

/** What one instance may hold in answers (bytes, approximately): enough for every feed page a festival shows. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * How long readers of an answer being computed wait for it before computing it themselves: longer than
 * a slow page takes, short enough that an answer that is never stored (it had errors) delays little.
 */
const COMPUTING_WAIT_MS = 500;

export type PublicCacheOutcome = 'hit' | 'miss' | 'bypass';

/** An answer one request is computing; the readers that asked for it meanwhile wait on `answer`. */
interface Computing {
  answer: Promise<string | undefined>;
  finish(value: string | undefined): void;
}

/**
 * The shared cache of anonymous reads (the feed, task pages, venues): the same public answer for every
 * visitor, so thousands of them cost one query per page per few seconds. Answers are stored under a
 * generation: a write to any task (a live event from the database, from whichever instance made it)
 * starts a new generation, so a new task shows at once, and the entries of the old one are dropped. A
 * signed-in request never reads or writes it.
 */
export class PublicCache {
  private readonly logger = new Logger('PublicCache');
  private readonly store: InMemoryLRUCache<string>;
  private generation = 0;
  /** By stored key: answers being computed now (see keyValueCache). */
  private readonly computing = new Map<string, Computing>();

  constructor(private readonly ttlSeconds: number) {
    this.store = new InMemoryLRUCache<string>({
      maxSize: MAX_CACHE_BYTES,
      ttl: ttlSeconds * 1000,
      // The key holds the whole operation text and variables: as long as many answers, so it counts too.
      sizeCalculation: (value: string, key: string) => value.length + key.length,
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
   * The response cache's key-value store, seen through the current generation. Two things keep a
   * festival's peak from stampeding the database when answers expire:
   * - the first reader of a missing answer computes it, and readers of the same answer meanwhile wait
   *   for it (up to COMPUTING_WAIT_MS) instead of all running the same queries at once;
   * - each answer lives between half and all of the TTL, so answers stored together (after a
   *   generation starts) do not all expire in the same instant.
   */
  get keyValueCache(): KeyValueCache<string> {
    return {
      get: async (key) => {
        const stored = `${this.generation}:${key}`;
        const found = await this.store.get(stored);
        if (found !== undefined) return found;
        const computing = this.computing.get(stored);
        if (computing) return computing.answer;
        this.startComputing(stored);
        return undefined;
      },
      set: (key, value, options) => {
        const stored = `${this.generation}:${key}`;
        this.computing.get(stored)?.finish(value);
        const ttl = Math.min(options?.ttl ?? this.ttlSeconds, this.ttlSeconds);
        return this.store.set(stored, value, { ttl: ttl * (0.5 + Math.random() / 2) });
      },
      delete: (key) => this.store.delete(`${this.generation}:${key}`),
    };
  }

  /**
   * A new generation: the answers stored under older ones can never be read again, so they are dropped
   * now rather than left in the LRU until its size pushes them out (with every task change and every
   * mutation starting one, that kept the cache at its full size).
   */
  private startGeneration(): void {
    this.generation += 1;
    this.store.clear();
  }

  /** Marks `stored` as being computed until its answer is stored or COMPUTING_WAIT_MS pass. */
  private startComputing(stored: string): void {
    let settle!: (value: string | undefined) => void;
    const answer = new Promise<string | undefined>((resolve) => (settle = resolve));
    const computing: Computing = {
      answer,
      finish: (value) => {
        clearTimeout(timer);
        if (this.computing.get(stored) === computing) this.computing.delete(stored);
        settle(value);
      },
    };
    // Unanswered (the answer had errors, so it is never stored): the waiters compute it themselves.
    const timer = setTimeout(() => computing.finish(undefined), COMPUTING_WAIT_MS);
    timer.unref();
    this.computing.set(stored, computing);
  }

  /**
   * Apollo plugins: the cache policy (a whole anonymous answer is public for the TTL) and the response
   * cache itself. The policy is set once per operation instead of through Apollo's per-field cache
   * hints: no field carries a hint of its own, and a hook on every resolved field of every request
   * cost more than the cache saved. No Cache-Control header is sent: browsers and proxies stay out of it.
   */
  plugins(): ApolloServerPlugin<BaseContext>[] {
    const isPublic = async (context: GraphQLRequestContext<BaseContext>) => isAnonymous(context);
    const ttlSeconds = this.ttlSeconds;
    return [
      {
        requestDidStart: async () => ({
          didResolveOperation: async (context) => {
            if (context.operation?.operation === 'query' && isAnonymous(context)) {
              context.overallCachePolicy.replace({ maxAge: ttlSeconds, scope: 'PUBLIC' });
            }
          },
        }),
      },
      responseCachePlugin({
        cache: this.keyValueCache,
        sessionId: async () => null,
        shouldReadFromCache: isPublic,
        shouldWriteToCache: isPublic,
        // Server text (tag names, dates) follows the reader's language and time zone: both are part of
        // the answer. Keyed by the language and zone the server settles on, not the raw headers, so
        // every browser reading English shares one answer instead of one per header spelling. The
        // showcase's links are built on the origin the shopper reached (Host, and the proxy's
        // protocol), so an answer for one host name is never served on another.
        extraCacheKeyData: async ({ request }) => ({
          language: localeFromAcceptLanguage(request.http?.headers.get('accept-language') ?? undefined),
          timeZone: timeZoneFromHeader(request.http?.headers.get('x-time-zone') ?? undefined),
          host: request.http?.headers.get('host') ?? '',
          protocol: request.http?.headers.get('x-forwarded-proto') ?? '',
        }),
      }) as ApolloServerPlugin<BaseContext>,
      {
        requestDidStart: async () => ({
          willSendResponse: async (context) => {
            // A mutation answered here has committed: forget at once rather than when its live event
            // arrives, so whoever wrote reads their write from this instance (others follow the event).
            if (context.operation?.operation === 'mutation') this.startGeneration();
            const outcome: PublicCacheOutcome = !isAnonymous(context)
              ? 'bypass'
              : context.metrics.responseCacheHit
                ? 'hit'
                : 'miss';
            context.response.http.headers.set('x-public-cache', outcome);
          },
        }),
      },
    ];
  }
}

/** No credentials at all: a request with any Authorization header (even a bad one) is not public. */
function isAnonymous(context: GraphQLRequestContext<BaseContext>): boolean {
  const headers = context.request.http?.headers;
  return !headers?.get('authorization') && !headers?.get('cookie');
}
