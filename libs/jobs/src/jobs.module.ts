import { type DynamicModule, Module } from '@nestjs/common';
import { JOBS_OPTIONS, type JobsOptions } from './jobs.options';
import { TimersService } from './timers.service';

/**
 * Durable timers for every domain: import once in the app, inject `TimersService` anywhere. Global on
 * purpose, like the database connection: infrastructure every domain module uses, not a domain.
 */
@Module({})
export class JobsModule {
  static forRoot(options: JobsOptions): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      providers: [{ provide: JOBS_OPTIONS, useValue: options }, TimersService],
      exports: [TimersService],
    };
  }
}
