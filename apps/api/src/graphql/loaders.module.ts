import { Global, Module } from '@nestjs/common';
import { LoadersFactory } from './loaders';

/** Global so the GraphQL module's context factory can inject it. */
@Global()
@Module({ providers: [LoadersFactory], exports: [LoadersFactory] })
export class LoadersModule {}
