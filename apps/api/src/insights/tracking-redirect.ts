import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ClickRecorderService, TrackingLinksService, type LinkTarget } from '@vtask/insights';
import type { Request } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isbot } from 'isbot';
import { requestIdFor } from '../http-middleware';

/** The first-party cookie that tells a returning visitor apart (a random-looking id; nothing personal). */
const VISITOR_COOKIE = 'vt_vid';
const VISITOR_ID = /^[0-9a-f]{32}$/;
const YEAR_S = 365 * 86400;
/** User agents whose bot verdict is kept: shoppers' browsers repeat a few thousand strings all day. */
const AGENT_VERDICTS_MAX = 2000;

const NOT_FOUND_PAGE = Buffer.from(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>链接不存在 · Link not found</title></head>
<body style="font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem">
<h1>链接不存在</h1><p>这个 V任务 链接不存在或已失效。</p>
<h1 lang="en">Link not found</h1><p lang="en">This V-Task link does not exist.</p></body></html>`);

/**
 * `GET /go/<code>`: a tracking link (SPEC "Effect you can trust"). 302 to the merchant's page with
 * `vt_click` added; the click is counted off the answer's path (ClickRecorderService). An unknown code is
 * a 404 page, never a redirect.
 *
 * Answered before Express, Nest and GraphQL (`serveTrackingRedirects`): a redirect needs none of the
 * request id's neighbours (compression, body parsing, guards, pipes, the console's static files), and
 * every shopper of a festival goes through here. The code's target comes from memory once seen.
 */
export class TrackingRedirect {
  private readonly logger = new Logger('TrackingRedirect');
  private readonly agentVerdicts = new Map<string, boolean>();

  constructor(
    private readonly links: TrackingLinksService,
    private readonly clicks: ClickRecorderService,
    /** Express's request prototype: the client address and scheme through the `trust proxy` setting. */
    private readonly expressRequest: object,
  ) {}

  /** Whether this request is a tracking link's (GET or HEAD of /go/…, as the Express route matched it). */
  static matches(req: IncomingMessage): boolean {
    const url = req.url ?? '';
    return (
      (req.method === 'GET' || req.method === 'HEAD') &&
      url.length > 4 &&
      (url.startsWith('/go/') || url.slice(0, 4).toLowerCase() === '/go/')
    );
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const requestId = requestIdFor(req.headers['x-request-id']);
    const code = codeOf(req.url ?? '');
    const known = code === null ? null : this.links.cachedTarget(code);
    if (known !== undefined) {
      this.answer(req, res, requestId, known);
      return;
    }
    this.links.target(code!).then(
      (link) => this.answer(req, res, requestId, link),
      (error: unknown) => {
        this.logger.error(
          `tracking link not read: ${error instanceof Error ? error.message : String(error)}`,
        );
        res.writeHead(503, { 'cache-control': 'no-store', 'retry-after': '1', 'x-request-id': requestId });
        res.end();
      },
    );
  }

  private answer(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    link: LinkTarget | null,
  ): void {
    // Every click must reach us: no cache in the browser or between.
    if (!link) {
      res.writeHead(404, {
        'cache-control': 'no-store',
        'content-type': 'text/html; charset=utf-8',
        'content-length': NOT_FOUND_PAGE.length,
        'x-request-id': requestId,
      });
      res.end(NOT_FOUND_PAGE);
      return;
    }
    const userAgent = req.headers['user-agent'] ?? '';
    // Crawlers and link previews follow the link but are not shoppers: they are sent on, not counted.
    if (this.isBot(userAgent)) {
      res.writeHead(302, redirectHeaders(link.targetUrl, requestId));
      res.end();
      return;
    }
    // Express's accessors, so the address and scheme follow `trust proxy` exactly as elsewhere.
    const express = Object.setPrototypeOf(req, this.expressRequest) as Request;
    const visitorId = this.clicks.visitorId({
      cookieId: visitorCookie(req.headers.cookie),
      address: express.ip ?? '',
      userAgent,
    });
    const clickId = this.clicks.record(link.linkId, visitorId);
    const headers = redirectHeaders(withClickId(link.targetUrl, clickId), requestId);
    headers['set-cookie'] =
      `${VISITOR_COOKIE}=${visitorId}; Max-Age=${YEAR_S}; Path=/go; ` +
      `Expires=${new Date(Date.now() + YEAR_S * 1000).toUTCString()}; HttpOnly; ` +
      `${express.secure ? 'Secure; ' : ''}SameSite=Lax`;
    res.writeHead(302, headers);
    res.end();
  }

  private isBot(userAgent: string): boolean {
    let verdict = this.agentVerdicts.get(userAgent);
    if (verdict === undefined) {
      verdict = isbot(userAgent);
      if (this.agentVerdicts.size >= AGENT_VERDICTS_MAX) {
        this.agentVerdicts.delete(this.agentVerdicts.keys().next().value!);
      }
      this.agentVerdicts.set(userAgent, verdict);
    }
    return verdict;
  }
}

/**
 * Puts `redirect` in front of the Express application on the API's HTTP server: a /go/ request is
 * answered there, anything else goes to Express as before. Done on the server rather than as Express
 * middleware because Express's own dispatch costs as much as the redirect.
 */
export function serveTrackingRedirects(app: NestExpressApplication): void {
  const express = app.getHttpAdapter().getInstance() as { request: object };
  const redirect = new TrackingRedirect(
    app.get(TrackingLinksService),
    app.get(ClickRecorderService),
    express.request,
  );
  const server = app.getHttpServer() as Server;
  const others = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (TrackingRedirect.matches(req)) redirect.handle(req, res);
    else for (const listener of others) listener.call(server, req, res);
  });
}

/** The code of `/go/<code>` (a trailing slash and the query ignored), decoded; null when it cannot be one. */
function codeOf(url: string): string | null {
  const queryAt = url.indexOf('?');
  let path = queryAt < 0 ? url.slice(4) : url.slice(4, queryAt);
  if (path.endsWith('/')) path = path.slice(0, -1);
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function redirectHeaders(location: string, requestId: string): Record<string, string | number> {
  return { 'cache-control': 'no-store', location, 'content-length': 0, 'x-request-id': requestId };
}

/**
 * The target with `vt_click` added to its query, before any fragment. Targets are stored as `URL`
 * wrote them, so the common case is string work; a target that already carries `vt_click` has it
 * replaced through `URL`.
 */
export function withClickId(target: string, clickId: string): string {
  const hashAt = target.indexOf('#');
  const base = hashAt < 0 ? target : target.slice(0, hashAt);
  const queryAt = base.indexOf('?');
  if (queryAt >= 0 && /[?&]vt_click=/.test(base.slice(queryAt))) {
    const url = new URL(target);
    url.searchParams.set('vt_click', clickId);
    return url.toString();
  }
  const joiner = queryAt < 0 ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${joiner}vt_click=${clickId}${hashAt < 0 ? '' : target.slice(hashAt)}`;
}

function visitorCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === VISITOR_COOKIE && VISITOR_ID.test(value ?? '')) return value;
  }
  return null;
}
