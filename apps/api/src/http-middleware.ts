import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** A caller's own request id is kept when it is plain (it ends up in logs); anything else is replaced. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The request id that `requestIdMiddleware` (which runs before anything else) gave this response. */
export function requestIdOf(res: Response): string | undefined {
  const { requestId } = res.locals as { requestId?: unknown };
  return typeof requestId === 'string' ? requestId : undefined;
}

/** The caller's own request id when it is plain, else a new one. */
export function requestIdFor(given: string | string[] | undefined): string {
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Gives every response an `x-request-id`, including those that never reach GraphQL (health, CSRF and
 * body-size refusals), so any answer can be matched to the server's logs.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const requestId = requestIdFor(req.headers['x-request-id']);
  res.locals.requestId = requestId;
  res.setHeader('x-request-id', requestId);
  next();
}

/**
 * Body-parser failures (a body over the limit, malformed JSON) answered in the GraphQL error shape with
 * a contract code, instead of the framework's own JSON, so clients handle every error the same way.
 * Registered right after the body parser: express only sends errors forward to it.
 */
export function bodyErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const { type, status } = (error ?? {}) as { type?: string; status?: number };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) {
    next(error);
    return;
  }
  const message =
    type === 'entity.too.large'
      ? 'The request body is over the 1 MB limit.'
      : type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : 'The request body could not be read.';
  res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
}

/**
 * Keeps the exact bytes of a webhook body (`req.body` becomes a Buffer): a provider signs the body it
 * sent, and parsed-then-serialized JSON would not verify. Mounted on the webhook route only, before the
 * JSON parser, which then finds the body already read and leaves it alone.
 */
export function rawBodyMiddleware(limitBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limitBytes) {
        refused = true;
        res.status(413).json({ error: 'The request body is over the 1 MB limit.' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      req.body = Buffer.concat(chunks);
      next();
    });
    req.on('error', (error) => {
      if (!refused) next(error);
    });
  };
}
