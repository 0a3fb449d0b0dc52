import { type INestApplicationContext, Module, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@vtask/database';
import { dropDatabase } from '../../libs/database/src/embedded-postgres';
import { type PaymentProvider, SandboxPaymentProvider } from '@vtask/ledger';
import { MIGRATIONS } from '../../migrations';
// The harness composes the modules as the API does, with its configuration and entity list: it is no library.
// eslint-disable-next-line no-restricted-imports
import { type AppConfig, loadConfig } from '../../apps/api/src/config';
// eslint-disable-next-line no-restricted-imports
import { domainModules } from '../../apps/api/src/domain.modules';
// eslint-disable-next-line no-restricted-imports
import { ENTITIES } from '../../apps/api/src/entities';
import { createTestDatabase, databaseName, queryOnce, requiredEnv, TEST_JWT_SECRET } from './harness';

/**
 * Service tests: the libraries' real modules and services on a fresh copy of the migrated template
 * database, in the test's own process, without HTTP or GraphQL (the model is Immich's "medium" tests).
 * They are for rules a service decides; what a client sees on the wire stays with the e2e tests.
 *
 * The modules are wired as `AppModule` wires them, with the configuration `loadConfig` gives for
 * `env` (defaults otherwise), the sandbox payment provider, and the timers' workers off: a timer is
 * scheduled as a row, and a test that needs one to fire calls its handler's service method itself
 * (or passes `workers: true`).
 */
export interface ServiceTestOptions {
  /** Configuration as environment variables, read by the API's own `loadConfig`. */
  env?: Record<string, string>;
  /** Run the timers' handlers in this process (default false: timers are only scheduled). */
  workers?: boolean;
  provider?: PaymentProvider;
}

export class ServiceTestContext {
  private constructor(
    private readonly app: INestApplicationContext,
    readonly databaseUrl: string,
    readonly config: AppConfig,
  ) {}

  static async start(options: ServiceTestOptions = {}): Promise<ServiceTestContext> {
    const startedAt = performance.now();
    const databaseUrl = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, ...options.env });
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [serviceTestModule(config, databaseUrl, options)],
      }).compile();
      // Without a logger: Nest's start-up lines would drown the test output.
      moduleRef.useLogger(false);
      const app = await moduleRef.init();
      // VTASK_TEST_TIMING=1: how long a spec file waits for its modules (the e2e harness waits for a server).
      if (process.env.VTASK_TEST_TIMING)
        process.stderr.write(`service harness ready in ${Math.round(performance.now() - startedAt)} ms\n`);
      return new ServiceTestContext(app, databaseUrl, config);
    } catch (error) {
      await dropDatabase(requiredEnv('VTASK_TEST_ADMIN_URL'), databaseName(databaseUrl));
      throw error;
    }
  }

  /** A provider of the running modules: a service, a port, the DataSource. */
  get<T>(type: Type<T> | string | symbol): T {
    return this.app.get(type, { strict: false });
  }

  get dataSource(): DataSource {
    return this.get(DataSource);
  }

  /** Direct SQL, for checks no service exposes (stored rows, constraints), never to set things up. */
  async sql<T extends Record<string, unknown> = Record<string, any>>(
    text: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    return queryOnce<T>(this.databaseUrl, text, params);
  }

  /** Closes the modules (timers, listeners, pool) and drops the database. */
  async close(): Promise<void> {
    await this.app.close();
    await dropDatabase(requiredEnv('VTASK_TEST_ADMIN_URL'), databaseName(this.databaseUrl));
  }
}

export function startServiceTest(options: ServiceTestOptions = {}): Promise<ServiceTestContext> {
  return ServiceTestContext.start(options);
}

/** The domain modules as `AppModule.forRoot` imports them, less everything about HTTP and GraphQL. */
function serviceTestModule(config: AppConfig, databaseUrl: string, options: ServiceTestOptions) {
  @Module({
    imports: [
      TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, ENTITIES, MIGRATIONS, { poolSize: 10 })),
      ...domainModules(config, databaseUrl, options.provider ?? new SandboxPaymentProvider(), {
        workers: options.workers ?? false,
        poolSize: 2,
      }),
    ],
  })
  class ServiceTestModule {}
  return ServiceTestModule;
}
