import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { DomainError, ErrorCode, localizedMessage } from '@vtask/core';
import { ClickRecorderService, ConversionsService, TrackingLinksService } from '@vtask/insights';
import type { Request, Response } from 'express';
import { isbot } from 'isbot';
import { readerOf } from '../graphql/request-context';

export const CONVERSIONS_PATH = '/conversions';
/** The first-party cookie that tells a returning visitor apart (a random-looking id; nothing personal). */
const VISITOR_COOKIE = 'vt_vid';
const VISITOR_ID = /^[0-9a-f]{32}$/;
const YEAR_S = 365 * 86400;

const NOT_FOUND_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>链接不存在 · Link not found</title></head>
<body style="font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem">
<h1>链接不存在</h1><p>这个 V任务 链接不存在或已失效。</p>
<h1 lang="en">Link not found</h1><p lang="en">This V-Task link does not exist.</p></body></html>`;

/**
 * `GET /go/<code>`: a tracking link. 302 to the merchant's page with `vt_click` added; the click is counted
 * off the answer's path (ClickRecorderService). An unknown code is a 404 page, never a redirect.
 */
@Controller('go')
export class TrackingRedirectController {
  constructor(
    private readonly links: TrackingLinksService,
    private readonly clicks: ClickRecorderService,
  ) {}

  @Get(':code')
  async follow(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    // Every click must reach us: no cache in the browser or between.
    res.setHeader('cache-control', 'no-store');
    const link = await this.links.target(code);
    if (!link) {
      res.status(404).type('html').send(NOT_FOUND_PAGE);
      return;
    }
    const target = new URL(link.targetUrl);
    const userAgent = req.get('user-agent') ?? '';
    // Crawlers and link previews follow the link but are not shoppers: they are sent on, not counted.
    if (!isbot(userAgent)) {
      const cookie = visitorCookie(req);
      const visitorId = this.clicks.visitorId({ cookieId: cookie, address: req.ip ?? '', userAgent });
      target.searchParams.set('vt_click', this.clicks.record(link.linkId, visitorId));
      res.cookie(VISITOR_COOKIE, visitorId, {
        maxAge: YEAR_S * 1000,
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
        path: '/go',
      });
    }
    res.redirect(302, target.toString());
  }
}

function visitorCookie(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === VISITOR_COOKIE && VISITOR_ID.test(value ?? '')) return value;
  }
  return null;
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.DEADLINE_PASSED]: 422,
};

/**
 * `POST /conversions`: a sale the merchant's shop reports, signed (X-VTask-Signature, see the README).
 * 200 when counted or already counted; 4xx with the error's code otherwise, and nothing is stored.
 */
@Controller('conversions')
export class ConversionsController {
  constructor(private readonly conversions: ConversionsService) {}

  @Post()
  async report(@Req() req: Request, @Res() res: Response): Promise<void> {
    // The raw-body middleware of this route kept the exact bytes the shop signed.
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const receipt = await this.conversions.report(body, req.get('x-vtask-signature'));
      res.status(200).json({ recorded: receipt.recorded, conversionId: receipt.conversionId });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(STATUS_OF[error.code] ?? 400).json({
        errors: [
          {
            message: localizedMessage(error, readerOf(req)),
            extensions: {
              code: error.code,
              reason: error.localized?.key,
              ...(error.fields ? { fields: error.fields } : {}),
            },
          },
        ],
      });
    }
  }
}
