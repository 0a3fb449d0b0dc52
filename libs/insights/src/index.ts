export * from './content-metrics.service';
export * from './content-performance';
export * from './entities';
export * from './exact-ratio';
export * from './insights.errors';
export * from './insights.module';
export * from './performance.service';
