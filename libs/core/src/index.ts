export * from './error-code';
export * from './domain-error';
export * from './money';
export * from './state-machine';
export * from './pagination';
export * from './viewer';
export * from './content-type';
export * from './text';
