export { JobsModule } from './jobs.module';
export type { JobsOptions } from './jobs.options';
export { defineTimer } from './timer-definition';
export type { TimerDefinition, TimerTable } from './timer-definition';
export { Timers } from './timers';
export { TimersService, timerHandlers } from './timers.service';
