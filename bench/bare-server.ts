/**
 * The framework's floor for `npm run bench:api`: a NestJS application with Apollo, of exactly the
 * versions and HTTP adapter (Express) the API uses, holding one resolver and nothing else: no
 * database, middleware, guards, plugins or limits. What `{ __typename }` costs here is what the
 * framework costs; the API's `{ __typename }` compared with it is what V-Task adds in front of resolvers.
 *
 *   PORT=4000 node dist/bench/bare-server.js
 */
import 'reflect-metadata';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';

@Resolver()
class BareResolver {
  /** A schema needs one query field; the bench asks only for `__typename`. */
  @Query(() => String)
  ping(): string {
    return 'pong';
  }
}

@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      path: '/graphql',
      autoSchemaFile: true,
      playground: false,
    }),
  ],
  providers: [BareResolver],
})
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: ['error', 'warn'] });
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  console.log(`bare NestJS + Apollo ready at http://127.0.0.1:${address.port}/graphql`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('the bare server failed to start:', error);
  process.exit(1);
});
