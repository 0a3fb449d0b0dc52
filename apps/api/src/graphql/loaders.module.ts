import { Global, Module } from '@nestjs/common';
import { InsightsModule } from '@vtask/insights';
import { LedgerModule } from '@vtask/ledger';
import { LoadersFactory } from './loaders';

/**
 * Global so the GraphQL module's context factory can inject it. It imports the domain modules that are
 * not global (insights, ledger); the others are still global dynamic modules configured once by the app.
 */
@Global()
@Module({ imports: [InsightsModule, LedgerModule], providers: [LoadersFactory], exports: [LoadersFactory] })
export class LoadersModule {}
