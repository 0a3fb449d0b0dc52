import type { Viewer } from '@vtask/core';

const UNWATCHED = Symbol('unwatchedViewer');

/**
 * The viewer as an answer's resolvers and services see it while the answer may be shared with everyone
 * of the viewer's role (the public cache): the role reads freely, and reading anything else (who they
 * are: the user, merchant, creator or agency, and any field Viewer gains later) calls `onIdentityRead`
 * first, so an answer shaped by who asked is never shared. Spreading or serializing the viewer reads
 * every field, so it counts too: the watch errs towards not sharing.
 */
export function watchIdentityReads(viewer: Viewer, onIdentityRead: () => void): Viewer {
  const watched = { role: viewer.role } as Viewer;
  for (const field of Object.keys(viewer) as (keyof Viewer)[]) {
    if (field === 'role') continue;
    Object.defineProperty(watched, field, {
      enumerable: true,
      get: () => {
        onIdentityRead();
        return viewer[field];
      },
    });
  }
  Object.defineProperty(watched, UNWATCHED, { value: viewer });
  return watched;
}

/**
 * The viewer behind a watched one, for bookkeeping that never shapes the answer (the per-user slots of
 * expensive operations); the viewer itself when it is not watched.
 */
export function unwatchedViewer(viewer: Viewer | null): Viewer | null {
  if (!viewer) return null;
  return (viewer as Viewer & { [UNWATCHED]?: Viewer })[UNWATCHED] ?? viewer;
}
