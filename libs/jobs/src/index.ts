export { JobsModule } from './jobs.module';
export type { JobsOptions } from './jobs.options';
export { Timers, defineTimer } from './timers';
export type { TimerTable } from './timers';
export { TimersService, timerHandlers } from './timers.service';
