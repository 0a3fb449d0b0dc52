import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsModule, AuthService } from '@vtask/accounts';
import { LiveEvents, NotificationsModule } from '@vtask/notifications';
import { dataSourceOptions, keepReadsOnPrimaryUnlessAllowed } from '@vtask/database';
import { MIGRATIONS } from '../../../migrations';
import { LOGIN_BY_ADDRESS, LOGIN_BY_EMAIL, LoginThrottlerGuard } from './accounts/login-throttler.guard';
import type { AppConfig } from './config';
import { domainModules } from './domain.modules';
import { ENTITIES } from './entities';
import { AuthGuard } from './graphql/auth.guard';
import { DomainErrorFilter } from './graphql/domain-error.filter';
import { apolloErrorFormatter, clientErrorFormatter } from './graphql/format-error';
import { inputCheckPlugin } from './graphql/input-check';
import { PriceInputs } from './graphql/price-inputs';
import { PublicCache } from './graphql/public-cache';
import { depthLimitRule, ExpensiveOperationGate, queryLimitsPlugin } from './graphql/limits';
import { LoadersFactory } from './graphql/loaders';
import { LoadersModule } from './graphql/loaders.module';
import { contextFactory } from './graphql/context.factory';
import { queryStatsHeaderPlugin } from './graphql/query-stats-header.plugin';
import { replicaReadsPlugin } from './graphql/replica-reads.plugin';
import { requestPlugin } from './graphql/request.plugin';
import { subscriptionsConfig } from './graphql/subscriptions';
import { createValidationPipe } from './graphql/validation';
import { HealthController } from './health/health.controller';
import { paymentProviderFor } from './payment-provider.factory';
import { PostgresThrottlerStorage } from './rate-limit/postgres-throttler.storage';
import { StripeWebhookController } from './webhooks/stripe-webhook.controller';
import { ConversionsController } from './insights/tracking.controllers';
import { APP_CONFIG, PUBLIC_CACHE } from './app.tokens';
import { RESOLVERS } from './resolvers';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const expensiveOperations = new ExpensiveOperationGate(config.expensiveOperationsPerUser);
    // PUBLIC_CACHE=off: none. Shared by Apollo's plugin (what may be stored) and createApp's middleware.
    const publicCache = config.publicCache.enabled ? new PublicCache(config.publicCache.ttlSeconds) : null;
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            dataSourceOptions(databaseUrl, ENTITIES, MIGRATIONS, {
              poolSize: config.databasePoolSize,
              readUrls: config.databaseReadUrls,
            }),
          dataSourceFactory: async (options) => {
            const dataSource = new DataSource(options!);
            return config.databaseReadUrls.length ? keepReadsOnPrimaryUnlessAllowed(dataSource) : dataSource;
          },
        }),
        ...domainModules(config, databaseUrl, paymentProviderFor(config)),
        LoadersModule,
        ThrottlerModule.forRootAsync({
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => ({
            // In the database: shared by every instance, kept across restarts.
            storage: new PostgresThrottlerStorage(dataSource),
            throttlers: [
              {
                name: LOGIN_BY_EMAIL,
                ttl: 60_000,
                limit: config.loginAttemptsPerMinute,
                getTracker: (req: Record<string, unknown>) => `email:${String(req.loginEmail ?? '')}`,
              },
              {
                name: LOGIN_BY_ADDRESS,
                ttl: 60_000,
                limit: config.loginAttemptsPerMinute,
                getTracker: (req: Record<string, unknown>) => `ip:${String(req.ip ?? '')}`,
              },
            ],
          }),
        }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          // The domain modules are not global: the context factory's services come from their modules.
          imports: [AccountsModule, NotificationsModule],
          inject: [AuthService, LoadersFactory, ModuleRef, LiveEvents],
          useFactory: (
            auth: AuthService,
            loaders: LoadersFactory,
            moduleRef: ModuleRef,
            live: LiveEvents,
          ): ApolloDriverConfig => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            playground: false,
            csrfPrevention: true,
            allowBatchedHttpRequests: false,
            introspection: !config.production,
            includeStacktraceInErrorResponses: false,
            validationRules: [depthLimitRule()],
            formatError: apolloErrorFormatter(clientErrorFormatter(config.production)),
            fieldResolverEnhancers: ['guards'],
            plugins: [
              queryLimitsPlugin(config.queryLimits, expensiveOperations),
              inputCheckPlugin,
              requestPlugin,
              // No field has a cache hint: the public cache sets one policy per operation instead.
              ApolloServerPluginCacheControlDisabled(),
              ...(config.databaseReadUrls.length ? [replicaReadsPlugin] : []),
              ...publicCachePlugins(publicCache, live),
              ...(config.exposeQueryStats ? [queryStatsHeaderPlugin] : []),
              config.production
                ? ApolloServerPluginLandingPageDisabled()
                : ApolloServerPluginLandingPageLocalDefault(),
            ],
            context: contextFactory(auth, loaders),
            subscriptions: subscriptionsConfig(
              auth,
              loaders,
              moduleRef,
              config.queryLimits,
              clientErrorFormatter(config.production),
            ),
          }),
        }),
      ],
      controllers: [HealthController, StripeWebhookController, ConversionsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: PUBLIC_CACHE, useValue: publicCache },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        LoginThrottlerGuard,
        PriceInputs,
        ...RESOLVERS,
      ],
    };
  }
}

/** The anonymous read cache's plugins, following task changes until the server stops (PUBLIC_CACHE=off: none). */
function publicCachePlugins(cache: PublicCache | null, live: LiveEvents): ReturnType<PublicCache['plugins']> {
  if (!cache) return [];
  cache.follow(live);
  return cache.plugins();
}
