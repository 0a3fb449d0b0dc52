import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';

/** Windows that ended this long ago are deleted, now and then, by the hits themselves. */
const SWEEP_AFTER = '1 hour';
/** About one hit in this many sweeps: the table stays small without a job of its own. */
const SWEEP_EVERY = 200;

interface WindowRow {
  hits: number;
  ms_left: string;
}

/**
 * @nestjs/throttler's storage in PostgreSQL: one row per throttler and key, counted in a fixed
 * window by a single upsert, so every API instance on the database shares the counts and a restart
 * keeps them. Over the limit, the client is blocked until the window ends (the throttler's
 * blockDuration is the window here).
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly dataSource: DataSource,
    private readonly random: () => number = Math.random,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<Awaited<ReturnType<ThrottlerStorage['increment']>>> {
    const [row]: WindowRow[] = await this.dataSource.query(
      `INSERT INTO rate_limit_windows AS w (throttler, key, hits, expires_at)
       VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')
       ON CONFLICT (throttler, key) DO UPDATE SET
         hits = CASE WHEN w.expires_at <= now() THEN 1 ELSE w.hits + 1 END,
         expires_at = CASE WHEN w.expires_at <= now() THEN EXCLUDED.expires_at ELSE w.expires_at END
       RETURNING w.hits, ceil(extract(epoch FROM w.expires_at - now()) * 1000)::text AS ms_left`,
      [throttlerName, key, ttl],
    );
    if (this.random() * SWEEP_EVERY < 1) {
      await this.dataSource.query(
        `DELETE FROM rate_limit_windows WHERE expires_at < now() - interval '${SWEEP_AFTER}'`,
      );
    }
    const msLeft = Math.max(0, Number(row.ms_left));
    const blocked = row.hits > limit;
    // The throttler reports seconds (Retry-After); at least one while anything is left.
    const secondsLeft = Math.ceil(msLeft / 1000);
    return {
      totalHits: row.hits,
      timeToExpire: secondsLeft,
      isBlocked: blocked,
      timeToBlockExpire: blocked ? secondsLeft : 0,
    };
  }
}
