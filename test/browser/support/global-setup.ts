import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startApiServer, type ApiServer } from './api-server';

/** Beside the screenshots: each worker's API log (api-1.log, …), for a scenario that failed. */
const LOG_DIR = resolve(__dirname, '../screenshots');

declare module 'vitest' {
  export interface ProvidedContext {
    /** One API per worker: worker N (VITEST_POOL_ID) drives baseUrls[N - 1]. */
    baseUrls: string[];
  }
}

/**
 * One API (and database, with the demo data) per worker, so the scenarios run in parallel while each
 * server still sees one scenario at a time, as they did in a single file-by-file run: scenarios share
 * the demo accounts, and some read what those accounts have (their orders, notifications, clicks).
 */
export default async function setup(project: TestProject) {
  const count = Math.max(1, Number(project.config.maxWorkers) || 1);
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, index) =>
      startApiServer({ logFile: join(LOG_DIR, `api-${index + 1}.log`) }),
    ),
  );
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopAll = () => Promise.all(servers.map((server: ApiServer) => server.stop())).then(() => undefined);
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await stopAll();
    throw failure.reason;
  }
  project.provide(
    'baseUrls',
    servers.map((server) => server.url),
  );
  return stopAll;
}
