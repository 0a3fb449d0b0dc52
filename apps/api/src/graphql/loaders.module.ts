import { Global, Module } from '@nestjs/common';
import { LedgerModule } from '@vtask/ledger';
import { LoadersFactory } from './loaders';

/** Global so the GraphQL module's context factory can inject it. */
@Global()
@Module({ imports: [LedgerModule], providers: [LoadersFactory], exports: [LoadersFactory] })
export class LoadersModule {}
