import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import expressStaticGzip from 'express-static-gzip';

/** Paths the API answers itself; `/`, and everything else a browser navigates to (Accept: text/html), is a console route. */
const API_PREFIXES = ['/graphql', '/health', '/webhooks', '/go', '/conversions'];

/** Where `npm run build:web` writes the console (apps/web/dist), from dist/apps/api/src or WEB_DIST_DIR. */
export function webConsoleDir(): string {
  return resolve(process.env.WEB_DIST_DIR || join(__dirname, '../../../../apps/web/dist'));
}

/** A year: the hashed assets never change under their name (a new build names them anew). */
const ASSET_MAX_AGE = '365d';
/** Other files at the root (the favicon): not hashed, so kept a day rather than a year. */
const ROOT_FILE_MAX_AGE = '1d';

/**
 * Serves the built web console at `/`: hashed assets with a long cache, as the build compressed them
 * (brotli, else gzip: `.br` and `.gz` beside each file, chosen by the request's Accept-Encoding), and
 * index.html, never cached, for the client-side routes (`/orders/123`) so a reload or a shared link
 * works and a new build is picked up at once. Nothing is served when the console is not built (the API
 * and its tests do not need it). Returns whether it is served.
 */
export function serveWebConsole(app: NestExpressApplication, dir = webConsoleDir()): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const precompressed = (root: string, maxAge: string) =>
    expressStaticGzip(root, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: {
        index: false,
        maxAge,
        immutable: maxAge === ASSET_MAX_AGE,
        // A hashed asset never changes under its name and is cached as immutable, so a browser never
        // revalidates or resumes it: its validators and Accept-Ranges would only add about 100 bytes
        // to each of the 30-70 files a page loads (issue 18 counts the bytes sent, headers included).
        ...(maxAge === ASSET_MAX_AGE ? { etag: false, lastModified: false, acceptRanges: false } : {}),
        // index.html asked for by name is the page too: never cached, as on every other route.
        setHeaders: (res, path) => {
          if (path.startsWith(index)) res.setHeader('cache-control', 'no-cache');
        },
      },
    });
  app.use('/assets', readsOnly(precompressed(join(dir, 'assets'), ASSET_MAX_AGE)));
  app.use(readsOnly(precompressed(dir, ROOT_FILE_MAX_AGE)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isApi = API_PREFIXES.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`));
    const navigation = req.headers.accept?.includes('text/html') ?? false;
    // `/` is the console whatever the client accepts: curl's `*/*` and a load balancer's probe get
    // the page too (other paths stay 404 for them, so a mistyped API path is not answered with HTML).
    const home = req.path === '/';
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi || !(navigation || home)) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

/**
 * The console is read with GET and HEAD only. These handlers sit in front of `/graphql`, and every
 * GraphQL POST went through the static handlers' path and file lookups before (about 5% of a
 * `{ __typename }` request's CPU, profiled under load): other methods now pass straight on.
 */
function readsOnly(
  handler: (req: Request, res: Response, next: NextFunction) => void,
): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) =>
    req.method === 'GET' || req.method === 'HEAD' ? handler(req, res, next) : next();
}
