import {
  type BeforeApplicationShutdown,
  type FactoryProvider,
  Inject,
  Injectable,
  type InjectionToken,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { JOBS_OPTIONS, type JobsOptions } from './jobs.options';
import type { TimerHandlersOf, TimerTable } from './timer-definition';
import { Timers } from './timers';

/**
 * The timers as a Nest provider: the lifecycle hooks below, the rest in `Timers` (which loads without
 * Nest, so plain scripts and specs can use it).
 *
 * - onModuleInit: pg-boss installs or migrates its schema; a database problem stops the boot.
 * - Domain modules register handlers with `timerHandlers(...)` providers, built before bootstrap.
 * - onApplicationBootstrap: every module is initialised, so every handler is registered: queues are
 *   created and polling starts.
 * - beforeApplicationShutdown: no new jobs are taken; running handlers finish (TypeORM is still open).
 * - onApplicationShutdown: pg-boss stops and the pool closes, after in-flight requests that may still
 *   schedule. A SIGKILL loses nothing either: pending timers are rows, and a job that was running is
 *   retried once it expires.
 */
@Injectable()
export class TimersService
  extends Timers
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(@Inject(JOBS_OPTIONS) options: JobsOptions) {
    super(options, new Logger('Timers'));
  }

  onModuleInit(): Promise<void> {
    return this.start();
  }

  onApplicationBootstrap(): Promise<void> {
    return this.startWorkers();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stopWorkers();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

/**
 * The one place a library registers what its timers do: a provider for its module, built from its
 * table (`<lib>.timers.ts`), the services the handlers call, and one handler per timer (the compiler
 * rejects a table with a timer left unhandled). Handlers are registered when Nest builds the provider,
 * before the workers start polling (onApplicationBootstrap).
 *
 * ```ts
 * providers: [
 *   timerHandlers(MarketplaceTimers, [TasksService], (tasks: TasksService) => ({
 *     closeTaskAtApplyBy: ({ taskId }) => tasks.closeAtApplyBy(taskId),
 *   })),
 * ]
 * ```
 *
 * Each handler must be idempotent and re-check the state it acts on (see `Timers`).
 */
export function timerHandlers<T extends TimerTable, D extends unknown[]>(
  table: T,
  inject: { [I in keyof D]: InjectionToken<D[I]> },
  handlers: (...services: D) => TimerHandlersOf<T>,
): FactoryProvider<T> {
  const names = Object.values(table).map((timer) => timer.name);
  return {
    provide: Symbol(`timer handlers: ${names.join(', ')}`),
    inject: [TimersService, ...(inject as InjectionToken[])],
    useFactory: (timers: TimersService, ...services: unknown[]) => {
      timers.handleAll(table, handlers(...(services as D)));
      return table;
    },
  };
}
