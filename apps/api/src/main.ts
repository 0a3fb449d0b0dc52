import 'reflect-metadata';
import { EmbeddedPostgresError } from '@vtask/database';
import { ConfigError, loadConfig } from './config';
import { startServer } from './server';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`V-Task cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const server = await startServer(config);
  const port = new URL(server.url).port;
  console.log(
    `V-Task is ready: GraphQL at http://localhost:${port}/graphql, health at http://localhost:${port}/health`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping V-Task`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // Something the operator must change (a setting, a directory's permissions): one line, no stack.
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
    console.error(`V-Task cannot start: ${error.message}`);
    process.exit(1);
  }
  console.error('V-Task failed to start:', error);
  process.exit(1);
});
