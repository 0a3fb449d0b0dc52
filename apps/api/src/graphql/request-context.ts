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

/** The token of an `Authorization: Bearer <token>` header's value; null when it is absent or malformed. */
export function bearerToken(header: string | undefined): string | null {
  return header ? (/^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] ?? null) : null;
}

/** The reader of a request: `Accept-Language` (Chinese when absent) and `X-Time-Zone` (Asia/Shanghai when absent). */
export function readerOf(req: Pick<Request, 'headers'>): TextContext {
  const zone = req.headers['x-time-zone'];
  return {
    locale: localeFromAcceptLanguage(req.headers['accept-language']),
    timeZone: timeZoneFromHeader(Array.isArray(zone) ? zone[0] : zone),
  };
}

/**
 * The reader of a WebSocket: a browser cannot set headers on it, so the console sends its language and
 * zone in connectionParams (`acceptLanguage`, `timeZone`); the upgrade request's headers otherwise.
 */
export function readerOfConnection(
  req: Pick<Request, 'headers'>,
  params: Record<string, unknown> | null | undefined,
): TextContext {
  const fromHeaders = readerOf(req);
  const language = params?.acceptLanguage ?? params?.['accept-language'];
  const zone = params?.timeZone ?? params?.['x-time-zone'];
  return {
    locale: typeof language === 'string' ? localeFromAcceptLanguage(language) : fromHeaders.locale,
    timeZone: typeof zone === 'string' ? timeZoneFromHeader(zone) : fromHeaders.timeZone,
  };
}
