import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { INSIGHTS_OPTIONS, type InsightsOptions } from './insights.options';
import { ServerKeys } from './server-keys';

/** How often the buffer is written: a kill -9 loses at most this much of the clicks. */
export const CLICK_FLUSH_INTERVAL_MS = 1000;
/** Rows per INSERT. */
const BATCH_SIZE = 1000;
/** Past this many waiting clicks the buffer is written at once rather than at the next tick. */
const BUFFER_HIGH_WATER = 5000;
/** Past this many (the database is down) new clicks are dropped and logged, so memory stays bounded. */
const BUFFER_MAX = 200_000;

interface PendingClick {
  id: string;
  linkId: string;
  day: string;
  visitorKey: string;
  clickedAt: Date;
}

/** Who clicked, as the redirect saw it: the first-party cookie if the browser kept one, else address and agent. */
export interface ClickVisitor {
  cookieId: string | null;
  address: string;
  userAgent: string;
}

/**
 * Records clicks off the shopper's path: the redirect gets a click id at once, and the click waits in a
 * bounded buffer that is written in batches every second and on a clean shutdown (see the README).
 */
@Injectable()
export class ClickRecorderService implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ClickRecorder');
  private readonly keys: ServerKeys;
  private buffer: PendingClick[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private dropped = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(INSIGHTS_OPTIONS) options: InsightsOptions,
  ) {
    this.keys = new ServerKeys(options.serverSecret);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), CLICK_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Again after the HTTP server stopped: a redirect answered in between is written too. */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.flush();
  }

  /**
   * The visitor's cookie id: the one the browser sent, or one derived from the day, address and agent, so
   * a client that keeps no cookie still counts once a day (the derivation is keyed; nothing is reversible).
   */
  visitorId(visitor: ClickVisitor, day = utcDay()): string {
    return visitor.cookieId ?? this.keys.visitorHash('visitor', day, visitor.address, visitor.userAgent);
  }

  /** Counts a click of the link and returns its id (for the shop, as `vt_click`). Never waits for the database. */
  record(linkId: string, visitorId: string, now = new Date()): string {
    const id = randomUUID();
    if (this.buffer.length >= BUFFER_MAX) {
      if (this.dropped++ % 10_000 === 0)
        this.logger.error(`click buffer full: ${this.dropped} clicks dropped`);
      return id;
    }
    const day = utcDay(now.getTime());
    this.buffer.push({
      id,
      linkId,
      day,
      visitorKey: this.keys.visitorHash('day', day, visitorId),
      clickedAt: now,
    });
    if (this.buffer.length >= BUFFER_HIGH_WATER) void this.flush();
    return id;
  }

  /** Writes every waiting click; one flush at a time. Failed batches go back to the buffer for the next try. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeBuffer());
    return this.flushing;
  }

  private async writeBuffer(): Promise<void> {
    while (this.buffer.length) {
      const batch = this.buffer.splice(0, BATCH_SIZE);
      try {
        await this.dataSource.query(
          `INSERT INTO link_clicks (id, link_id, day, visitor_key, clicked_at)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::varchar[], $5::timestamptz[])
           ON CONFLICT (id) DO NOTHING`,
          [
            batch.map((click) => click.id),
            batch.map((click) => click.linkId),
            batch.map((click) => click.day),
            batch.map((click) => click.visitorKey),
            batch.map((click) => click.clickedAt.toISOString()),
          ],
        );
      } catch (error) {
        this.buffer.unshift(...batch);
        this.logger.error(
          `clicks not written yet: ${error instanceof Error ? error.message : String(error)}`,
        );
        return;
      }
    }
  }
}

const DAY_MS = 86_400_000;
/** The last day `utcDay` named, kept: a click in the same UTC day as the one before needs no formatting. */
let lastDay = { start: 0, name: '1970-01-01' };

function utcDay(time = Date.now()): string {
  if (time < lastDay.start || time >= lastDay.start + DAY_MS) {
    const start = time - (((time % DAY_MS) + DAY_MS) % DAY_MS);
    lastDay = { start, name: new Date(start).toISOString().slice(0, 10) };
  }
  return lastDay.name;
}
