import type { TextContext, Viewer } from '@vtask/core';
import { DomainError, localeFromAcceptLanguage, timeZoneFromHeader } from '@vtask/core';
import type { Request } from 'express';
import type { Loaders } from './loaders';

/**
 * What every resolver can see about the request: who asks, the request id, per-request loaders. For a
 * subscription, `req` is the WebSocket's upgrade request.
 */
export interface RequestContext {
  req: Request;
  requestId: string;
  /** Null when the request carries no bearer token. */
  viewer: Viewer | null;
  /** Who reads the answer: text the server writes follows their language and time zone. */
  reader: TextContext;
  /** Set when a token was sent but is invalid: every operation then fails with it. */
  authError: DomainError | null;
  /** Who signed up or logged in during this request (their own AuthPayload shows their email). */
  signedInUserId?: string;
  loaders: Loaders;
  /**
   * Subscriptions only: a subscription keeps its context while it lives, so each pushed event gets
   * fresh loaders (cached rows would be stale by then).
   */
  renewLoaders?: () => void;
}

/** The reader of a request: `Accept-Language` (Chinese when absent) and `X-Time-Zone` (Asia/Shanghai when absent). */
export function readerOf(req: Pick<Request, 'headers'>): TextContext {
  const zone = req.headers['x-time-zone'];
  return {
    locale: localeFromAcceptLanguage(req.headers['accept-language']),
    timeZone: timeZoneFromHeader(Array.isArray(zone) ? zone[0] : zone),
  };
}
