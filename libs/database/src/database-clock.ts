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
  const [passed] = await havePassed(manager, [moment]);
  return passed;
}

/**
 * `hasPassed` of each moment, judged by one reading of the database clock (one round trip for all); a
 * missing moment never passes, and moments all missing need no round trip.
 */
export async function havePassed(
  manager: EntityManager,
  moments: readonly (Date | null)[],
): Promise<boolean[]> {
  if (moments.every((moment) => !moment)) return moments.map(() => false);
  const [row] = await manager.query<{ passed: boolean[] }[]>(
    `SELECT array(SELECT coalesce(moment <= now.at, false)
                    FROM unnest($1::timestamptz[]) WITH ORDINALITY AS given(moment, position)
                   CROSS JOIN (SELECT clock_timestamp() AS at) now
                   ORDER BY position) AS passed`,
    [moments],
  );
  return row.passed;
}

/**
 * The database clock plus `seconds`, as a value for a TypeORM `set(...)` or `values(...)` like DB_CLOCK:
 * the write reads the clock itself, so a deadline costs no round trip of its own (the row returned by
 * the write, e.g. from applyTransition, carries it).
 */
export function secondsFromNow(seconds: number): Date {
  if (!Number.isFinite(seconds)) throw new Error(`Not a number of seconds: ${seconds}`);
  return (() => `clock_timestamp() + make_interval(secs => ${seconds})`) as unknown as Date;
}

/** The database clock now plus `seconds`. */
export async function fromNow(manager: EntityManager, seconds: number): Promise<Date> {
  const [row] = await manager.query<{ at: Date }[]>(
    `SELECT clock_timestamp() + make_interval(secs => $1) AS at`,
    [seconds],
  );
  return row.at;
}
