import type { TestProject } from 'vitest/node';
import { startApiServer } from './api-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One API (and database) for the run; each scenario makes its own data on it. */
export default async function setup(project: TestProject) {
  const server = await startApiServer();
  project.provide('baseUrl', server.url);
  return () => server.stop();
}
