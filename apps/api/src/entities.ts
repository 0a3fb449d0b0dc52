import { ACCOUNTS_ENTITIES } from '@vtask/accounts';

/** Every entity the API loads, listed explicitly (globs break under bundlers and hide what is loaded). */
export const ENTITIES = [...ACCOUNTS_ENTITIES];
