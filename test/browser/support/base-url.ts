import { inject } from 'vitest';

/**
 * The API this worker drives: the global setup starts one per worker (VITEST_POOL_ID runs from 1 to
 * maxWorkers, and a worker runs one file at a time), so no two scenarios share a server at once.
 */
export function workerBaseUrl(): string {
  const urls = inject('baseUrls');
  const pool = Number(process.env.VITEST_POOL_ID ?? '1');
  return urls[(pool - 1) % urls.length];
}
