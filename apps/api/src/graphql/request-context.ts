import type { Viewer } from '@vtask/core';
import { DomainError } from '@vtask/core';
import type { Request } from 'express';
import type { Loaders } from './loaders';

/** What every resolver can see about the request: who asks, the request id, per-request loaders. */
export interface RequestContext {
  req: Request;
  requestId: string;
  /** Null when the request carries no bearer token. */
  viewer: Viewer | null;
  /** Set when a token was sent but is invalid: every operation then fails with it. */
  authError: DomainError | null;
  loaders: Loaders;
}
