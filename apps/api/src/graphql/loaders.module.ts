import { Global, Module } from '@nestjs/common';
import { InsightsModule } from '@vtask/insights';
import { LoadersFactory } from './loaders';

/**
 * Global so the GraphQL module's context factory can inject it. It imports the domain modules that are
 * not global (insights); the others are still global dynamic modules configured once by the app.
 */
@Global()
@Module({ imports: [InsightsModule], providers: [LoadersFactory], exports: [LoadersFactory] })
export class LoadersModule {}
