import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import { LIVE_EVENTS_CHANNEL, parseLiveEvent, topicOf } from './live-events';
import { LiveSubscription } from './live-stream';

export const NOTIFICATIONS_OPTIONS = Symbol('NOTIFICATIONS_OPTIONS');

export interface NotificationsOptions {
  /** The application's PostgreSQL: live changes arrive on a connection of its own that LISTENs. */
  databaseUrl: string;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;
/** Changes this long before the connection was noticed lost are caught up too (clocks and buffers differ). */
const RESYNC_SLACK_MS = 2_000;

/**
 * The fan-out across server instances. Every instance LISTENs on one dedicated connection (not one of
 * the pool's: a pooled connection is shared and LISTEN is per session) and hands each change to its
 * local subscribers by topic; the change itself was sent by a trigger in the writing transaction, so
 * an action on any instance reaches subscribers on all of them, and a rolled-back one reaches no one.
 *
 * If the connection is lost, it reconnects with backoff and tells every local subscriber to catch up
 * from the database (the rows are stored; only the push was missed).
 */
@Injectable()
export class LiveEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LiveEvents');
  private readonly byTopic = new Map<string, Set<LiveSubscription>>();
  private client: Client | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private lostAt: Date | null = null;
  private stopped = false;

  constructor(@Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions) {}

  /** Listening before the server takes requests: a subscription made once it is up misses nothing. */
  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const subscriptions of [...this.byTopic.values()])
      for (const subscription of [...subscriptions]) subscription.end();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /**
   * Whether changes are being heard right now. While not, caches that rely on them must not be trusted
   * (subscribers get a resync once listening again).
   */
  get listening(): boolean {
    return this.client !== null && !this.stopped;
  }

  /** Signals for one topic (see LiveTopic) until the returned iterator is ended. */
  subscribe(topic: string): LiveSubscription {
    const subscription: LiveSubscription = new LiveSubscription(() => {
      const subscriptions = this.byTopic.get(topic);
      subscriptions?.delete(subscription);
      if (subscriptions?.size === 0) this.byTopic.delete(topic);
    });
    if (this.stopped) {
      subscription.end();
      return subscription;
    }
    let subscriptions = this.byTopic.get(topic);
    if (!subscriptions) this.byTopic.set(topic, (subscriptions = new Set()));
    subscriptions.add(subscription);
    return subscription;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: 'v-task-live',
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel === LIVE_EVENTS_CHANNEL) this.dispatch(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_EVENTS_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    if (this.lostAt) {
      const since = new Date(this.lostAt.getTime() - RESYNC_SLACK_MS);
      this.lostAt = null;
      this.logger.log('listening again; subscribers catch up from the database');
      for (const subscriptions of this.byTopic.values())
        for (const subscription of subscriptions) subscription.push({ kind: 'resync', since });
    }
  }

  private dispatch(payload: string | undefined): void {
    const event = parseLiveEvent(payload);
    if (!event) return;
    const subscriptions = this.byTopic.get(topicOf(event));
    if (subscriptions) for (const subscription of subscriptions) subscription.push(event);
  }

  private lost(client: Client, error: Error | null): void {
    if (client !== this.client || this.stopped) return;
    this.client = null;
    this.lostAt = new Date();
    this.logger.warn(`the listening connection was lost${error ? `: ${error.message}` : ''}; reconnecting`);
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().catch((error: unknown) => {
        this.logger.warn(`cannot listen yet: ${error instanceof Error ? error.message : String(error)}`);
        this.scheduleReconnect();
      });
    }, delay);
  }
}
