export * from './jobs.module';
export * from './jobs.options';
export * from './timer-job-id';
export * from './timers';
export * from './timers.service';
