import { Injectable } from '@nestjs/common';
import type { Viewer } from '@vtask/core';

/** A signed-in user as every request needs it: the viewer, and the token version tokens must carry. */
export interface CachedViewer {
  viewer: Viewer;
  tokenVersion: number;
}

/** Users kept at most; the least recently used go first. Ample for every user signed in on one instance. */
const MAX_ENTRIES = 50_000;

/**
 * Each instance's memory of who a token names, so a request with a bearer token costs no query. It is
 * only as fresh as what it hears: every change of a user's role, password or token version is announced
 * by a database trigger on the live-events channel and `forget`s the user here, on every instance; a
 * lost listening connection `forget`s everyone. While nobody vouches for its freshness (`isFresh`
 * false: the listening connection is down), it is bypassed, so a revoked token never outlives a revocation
 * the instance did not hear.
 */
@Injectable()
export class ViewerCache {
  private readonly entries = new Map<string, CachedViewer>();
  /** Bumped by every forget: a load that started before one must not store what it read. */
  private epoch = 0;
  private isFresh: () => boolean = () => false;
  private readonly listeners = new Set<(userId: string | null) => void>();

  /** Wired by whoever delivers the invalidations (the live-events listener); until then nothing is cached. */
  trustWhile(isFresh: () => boolean): void {
    this.isFresh = isFresh;
  }

  /** The cached entry, or what `load` reads (then kept, unless the user was forgotten meanwhile). */
  async get(userId: string, load: () => Promise<CachedViewer | null>): Promise<CachedViewer | null> {
    if (!this.isFresh()) return load();
    const hit = this.entries.get(userId);
    if (hit) {
      // Map order is insertion order: re-inserting marks it recently used.
      this.entries.delete(userId);
      this.entries.set(userId, hit);
      return hit;
    }
    const epoch = this.epoch;
    const loaded = await load();
    if (loaded && epoch === this.epoch && this.isFresh()) {
      this.entries.set(userId, loaded);
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    return loaded;
  }

  forget(userId: string): void {
    this.epoch += 1;
    this.entries.delete(userId);
    for (const listener of this.listeners) listener(userId);
  }

  forgetAll(): void {
    this.epoch += 1;
    this.entries.clear();
    for (const listener of this.listeners) listener(null);
  }

  /**
   * Called with the user forgotten (null: everyone), for holders of long-lived sessions (subscriptions)
   * to check their token again. Returns the unsubscribe function.
   */
  onForget(listener: (userId: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
