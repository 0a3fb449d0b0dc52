/**
 * The database clock as a value for a TypeORM `set(...)`: the write takes the time from PostgreSQL, as
 * every deadline here does. (A function is TypeORM's way to write raw SQL; the cast fits entity types.)
 */
export const DB_CLOCK = (() => 'clock_timestamp()') as unknown as Date;
