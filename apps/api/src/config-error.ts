/** A setting that cannot work: the process says which and stops before serving anything. */
export class ConfigError extends Error {}
