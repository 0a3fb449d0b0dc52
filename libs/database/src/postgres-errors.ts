/** SQLSTATE codes the services react to. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';

/** The constraint name of a unique violation, or null if `error` is something else. */
export function uniqueViolation(error: unknown): string | null {
  const driverError =
    (error as { driverError?: { code?: string; constraint?: string } })?.driverError ?? error;
  const { code, constraint } = (driverError ?? {}) as { code?: string; constraint?: string };
  return code === PG_UNIQUE_VIOLATION ? (constraint ?? '') : null;
}
