import type { EntityManager } from 'typeorm';

/**
 * The database clock as a value for a TypeORM `set(...)` or entity field: the write takes the time
 * from PostgreSQL, as every deadline here does. (A function is TypeORM's way to write raw SQL; the
 * cast fits entity types.)
 */
export const DB_CLOCK = (() => 'clock_timestamp()') as unknown as Date;

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
