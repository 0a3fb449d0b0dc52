import { ConsoleLogger, type INestApplication, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AuthService } from '@vtask/accounts';
import { AppModule } from './app.module';
import { PUBLIC_CACHE } from './app.tokens';
import type { PublicCache } from './graphql/public-cache';
import { STRIPE_WEBHOOK_PATH } from './webhooks/stripe-webhook.controller';
import { CONVERSIONS_PATH } from './insights/tracking.controllers';
import type { AppConfig } from './config';
import { resolveDatabase, runMigrations } from './database';
import { withQueryStats, withReadRouting } from '@vtask/database';
import { bodyErrorHandler, rawBodyMiddleware, requestIdMiddleware } from './http-middleware';
import { compressResponses } from './response-compression';
import { bootstrapAccounts } from './seed/bootstrap-accounts';
import { serveWebConsole } from './web-console';
import { serveTrackingRedirects } from './insights/tracking-redirect';

/** SPEC "Limits": request bodies up to 1 MB; larger ones are refused with 413 before parsing. */
const BODY_LIMIT = '1mb';
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface RunningServer {
  app: INestApplication;
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

/** Most verbose first: LOG_LEVEL=debug shows each GraphQL operation with its time and SQL statement count. */
const LOG_LEVELS: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

export function createLogger(config: AppConfig): LoggerService {
  return new ConsoleLogger({
    json: config.logJson,
    logLevels: LOG_LEVELS.slice(LOG_LEVELS.indexOf(config.logLevel)),
  });
}

/**
 * Whether requests count their SQL statements: for the debug line of each operation, or for the
 * x-sql-statements header a benchmark reads (EXPOSE_QUERY_STATS=on).
 */
export function countsStatements(config: AppConfig): boolean {
  return config.exposeQueryStats || LOG_LEVELS.indexOf(config.logLevel) <= LOG_LEVELS.indexOf('debug');
}

/** Creates the Nest application on an existing, migrated database, with the HTTP settings of SPEC "Limits". */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  logger: LoggerService | false,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger,
    bodyParser: false,
    rawBody: false,
  });
  app.disable('x-powered-by');
  // Tracking links are answered on the HTTP server, ahead of everything below (see tracking-redirect.ts).
  serveTrackingRedirects(app);
  // The client address (log-in limits per address) from X-Forwarded-For only through trusted proxies.
  app.set('trust proxy', config.trustProxy);
  // Order matters: the id first so every answer carries it, the error handler right after the parser.
  app.use(requestIdMiddleware);
  app.use(compressResponses());
  // Webhooks are verified on their exact bytes: this route keeps them raw (and only this route).
  app.use(STRIPE_WEBHOOK_PATH, rawBodyMiddleware(BODY_LIMIT_BYTES));
  // Conversion reports are signed over their exact bytes too.
  app.use(CONVERSIONS_PATH, rawBodyMiddleware(BODY_LIMIT_BYTES));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(bodyErrorHandler);
  // Counts each GraphQL request's SQL statements for its debug log line (N+1 regressions show there)
  // and EXPOSE_QUERY_STATS. After the body parser: its stream callbacks would lose the async context.
  // Only when asked for: an active AsyncLocalStorage tracks every promise of every request, which costs
  // throughput.
  if (countsStatements(config)) {
    app.use('/graphql', (_req: unknown, _res: unknown, next: () => void) => withQueryStats(next));
  }
  // With read replicas only (the same cost): a request's reads stay on the primary unless it turns out
  // to be a query.
  if (config.databaseReadUrls.length) {
    app.use('/graphql', (_req: unknown, _res: unknown, next: () => void) => withReadRouting(next));
  }
  // Public reads answered from the public cache ahead of Apollo (PUBLIC_CACHE=off: not mounted). A
  // signed-in reader's token is verified as Apollo's context does, to key shared answers by their role.
  const publicCache = app.get<PublicCache | null>(PUBLIC_CACHE);
  if (publicCache) {
    const auth = app.get(AuthService);
    app.use(
      '/graphql',
      publicCache.middleware(countsStatements(config), (token) => auth.viewerFromToken(token)),
    );
  }
  // The web console (apps/web, when built) at `/`, with index.html for its client-side routes.
  serveWebConsole(app);
  return app;
}

/**
 * The whole start: database (embedded unless DATABASE_URL), migrations, admin and demo data, HTTP.
 * `npm start` and the tests both come through here.
 */
export async function startServer(
  config: AppConfig,
  options: { logger?: LoggerService | false } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  const log = (line: string) => (logger ? logger.log(line, 'Bootstrap') : undefined);
  if (config.production && config.paymentProvider === 'sandbox' && logger) {
    // Allowed by ALLOW_SANDBOX_PAYMENTS=true (config refuses it otherwise): say so on every start.
    logger.warn(
      'payments use the SANDBOX provider in production (ALLOW_SANDBOX_PAYMENTS=true): orders are funded with no money paid; use it for demos only',
      'Bootstrap',
    );
  }
  const database = await resolveDatabase(config, () => undefined);
  try {
    const applied = await runMigrations(database.url);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    const app = await createApp(config, database.url, logger);
    // Initialised first so the seed runs with every module ready (timers started, listeners registered).
    await app.init();
    await bootstrapAccounts(app, config, log);
    await app.listen(config.port, '0.0.0.0');
    const address = app.getHttpServer().address() as { port: number };
    let closed = false;
    return {
      app,
      url: `http://127.0.0.1:${address.port}`,
      databaseUrl: database.url,
      close: async () => {
        if (closed) return;
        closed = true;
        await app.close();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
