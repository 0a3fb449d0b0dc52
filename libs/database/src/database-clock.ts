import type { EntityManager } from 'typeorm';

/**
 * Deadlines are judged by the database clock, so every server instance agrees and a request racing
 * a deadline is decided by one clock, in the same transaction that acts on it.
 */
export async function hasPassed(manager: EntityManager, moment: Date | null): Promise<boolean> {
  if (!moment) return false;
  const [row] = await manager.query<{ passed: boolean }[]>(
    `SELECT $1::timestamptz <= clock_timestamp() AS passed`,
    [moment],
  );
  return row.passed;
}

/** The database clock now plus `seconds`. */
export async function fromNow(manager: EntityManager, seconds: number): Promise<Date> {
  const [row] = await manager.query<{ at: Date }[]>(
    `SELECT clock_timestamp() + make_interval(secs => $1) AS at`,
    [seconds],
  );
  return row.at;
}
