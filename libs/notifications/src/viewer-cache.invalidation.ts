import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ViewerCache } from '@vtask/accounts';
import { LiveTopic } from './live-events';
import { LiveEvents } from './live-events.service';

/**
 * Keeps every instance's viewer cache honest: a user change announced by the database (role, password,
 * token version, deletion; see migration TokenVersions) forgets that user, a resync (changes may have
 * been missed) forgets everyone, and while the listening connection is down the cache is not used.
 */
@Injectable()
export class ViewerCacheInvalidation implements OnApplicationBootstrap {
  private readonly logger = new Logger('ViewerCache');

  constructor(
    private readonly events: LiveEvents,
    private readonly viewers: ViewerCache,
  ) {}

  onApplicationBootstrap(): void {
    const subscription = this.events.subscribe(LiveTopic.users);
    this.viewers.trustWhile(() => this.events.listening);
    void (async () => {
      for await (const signal of subscription) {
        if (signal.kind === 'user') this.viewers.forget(signal.id);
        else this.viewers.forgetAll();
      }
    })().catch((error: unknown) => {
      this.viewers.trustWhile(() => false);
      this.logger.warn(`stopped following user changes, so viewers are no longer cached: ${String(error)}`);
    });
  }
}
