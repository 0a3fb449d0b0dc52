import { ACCOUNTS_ENTITIES } from '@vtask/accounts';
import { LEDGER_ENTITIES } from '@vtask/ledger';
import { MARKETPLACE_ENTITIES } from '@vtask/marketplace';
import { ORDERS_ENTITIES } from '@vtask/orders';

/** Every entity the API loads, listed explicitly (globs break under bundlers and hide what is loaded). */
export const ENTITIES = [...ACCOUNTS_ENTITIES, ...LEDGER_ENTITIES, ...ORDERS_ENTITIES, ...MARKETPLACE_ENTITIES];
