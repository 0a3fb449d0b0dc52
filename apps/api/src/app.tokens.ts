export const APP_CONFIG = Symbol('APP_CONFIG');
/** The anonymous read cache (graphql/public-cache.ts), or null with PUBLIC_CACHE=off. */
export const PUBLIC_CACHE = Symbol('PUBLIC_CACHE');
