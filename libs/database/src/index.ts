export * from './embedded-postgres';
export * from './data-source-options';
export * from './transitions';
export * from './postgres-errors';
export * from './snake-naming.strategy';
export * from './query-stats';
export * from './database-clock';
export * from './list-query';
