import { randomUUID } from 'node:crypto';
import type { AuthService } from '@vtask/accounts';
import { DomainError, type Viewer } from '@vtask/core';
import type { Request, Response } from 'express';
import { requestIdOf } from '../http-middleware';
import { ApiErrors } from './api.errors';
import { PublicCache } from './public-cache';
import type { LoadersFactory } from './loaders';
import { bearerToken, readerOf, type RequestContext } from './request-context';

/**
 * Builds each request's context: a request id (echoed in x-request-id), the viewer behind the bearer
 * token, and fresh loaders. A bad token does not fail here; the guard reports it as UNAUTHENTICATED.
 */
export function contextFactory(auth: AuthService, loaders: LoadersFactory) {
  return async ({ req, res }: { req: Request; res: Response }): Promise<RequestContext> => {
    // Set for every HTTP request by requestIdMiddleware; generated here only when it did not run.
    let requestId = requestIdOf(res);
    if (!requestId) {
      requestId = randomUUID();
      res.setHeader('x-request-id', requestId);
    }
    let viewer: Viewer | null = null;
    let authError: DomainError | null = null;
    if (req.headers.authorization) {
      const token = bearerToken(req.headers.authorization);
      if (!token) {
        authError = ApiErrors.malformedBearer();
      } else {
        try {
          // Verified already when the public cache keyed the request by the viewer's role.
          viewer = PublicCache.verifiedViewer(req, token) ?? (await auth.viewerFromToken(token));
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          authError = error;
        }
      }
    }
    // While its answer may be shared with the viewer's role, the viewer notes reads of who they are.
    viewer = PublicCache.watchedViewer(req, viewer);
    return { req, requestId, viewer, reader: readerOf(req), authError, loaders: loaders.create(viewer) };
  };
}
