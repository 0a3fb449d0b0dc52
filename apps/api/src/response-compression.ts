import compression from 'compression';
import type { RequestHandler } from 'express';

/** Smaller answers gain nothing from compression and cost a little CPU (issue 18: "above 1 KB"). */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Compresses every answer over 1 KB that is not already compressed: GraphQL responses and the
 * console's index.html, with brotli when the client accepts it (browsers do) and gzip otherwise.
 * Brotli at quality 4 (the middleware's default) is as fast as gzip and smaller; the console's
 * hashed assets are compressed once, at quality 11, by its build and served as they are (see
 * web-console.ts), which this middleware leaves alone (they carry a Content-Encoding).
 */
export function compressResponses(): RequestHandler {
  return compression({ threshold: COMPRESSION_THRESHOLD_BYTES });
}
